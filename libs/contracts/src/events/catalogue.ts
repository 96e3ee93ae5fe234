import { z } from 'zod';
import {
  customerDataErasedDataSchema,
  legalHoldLiftedDataSchema,
  legalHoldPlacedDataSchema,
} from './erasure.js';
import {
  complaintAcknowledgedDataSchema,
  complaintAssignedDataSchema,
  complaintFiledDataSchema,
  complaintTriagedDataSchema,
  customerLanguageCorrectedDataSchema,
} from './filing.js';
import {
  complaintEscalatedDataSchema,
  customerInformationRequestedDataSchema,
  customerRespondedDataSchema,
  holdingReplySentDataSchema,
  noteAddedDataSchema,
  slaBreachedDataSchema,
  unverifiedResponseReceivedDataSchema,
} from './handling.js';
import { complaintsLinkedDataSchema, complaintsUnlinkedDataSchema } from './links.js';
import { customerNotifiedDataSchema } from './notified.js';
import {
  complaintClosedDataSchema,
  complaintReopenedDataSchema,
  complaintResolvedDataSchema,
  complaintWithdrawnDataSchema,
  customerLinksRevokedDataSchema,
  resolutionAcceptedDataSchema,
  resolutionRejectedDataSchema,
  satisfactionRecordedDataSchema,
} from './resolution.js';

/** The data schema of every Complaint event, current version. The catalogue of DESIGN.md, in life order. */
export const complaintEventDataSchemas = {
  ComplaintFiled: complaintFiledDataSchema,
  ComplaintAcknowledged: complaintAcknowledgedDataSchema,
  ComplaintTriaged: complaintTriagedDataSchema,
  ComplaintAssigned: complaintAssignedDataSchema,
  CustomerLanguageCorrected: customerLanguageCorrectedDataSchema,
  NoteAdded: noteAddedDataSchema,
  CustomerInformationRequested: customerInformationRequestedDataSchema,
  CustomerResponded: customerRespondedDataSchema,
  UnverifiedResponseReceived: unverifiedResponseReceivedDataSchema,
  ComplaintEscalated: complaintEscalatedDataSchema,
  HoldingReplySent: holdingReplySentDataSchema,
  SlaBreached: slaBreachedDataSchema,
  ComplaintResolved: complaintResolvedDataSchema,
  ResolutionAccepted: resolutionAcceptedDataSchema,
  ResolutionRejected: resolutionRejectedDataSchema,
  ComplaintReopened: complaintReopenedDataSchema,
  ComplaintClosed: complaintClosedDataSchema,
  ComplaintWithdrawn: complaintWithdrawnDataSchema,
  SatisfactionRecorded: satisfactionRecordedDataSchema,
  CustomerLinksRevoked: customerLinksRevokedDataSchema,
  ComplaintsLinked: complaintsLinkedDataSchema,
  ComplaintsUnlinked: complaintsUnlinkedDataSchema,
  CustomerNotified: customerNotifiedDataSchema,
  CustomerDataErased: customerDataErasedDataSchema,
  LegalHoldPlaced: legalHoldPlacedDataSchema,
  LegalHoldLifted: legalHoldLiftedDataSchema,
} as const;

export type ComplaintEventType = keyof typeof complaintEventDataSchemas;
export const complaintEventTypes = Object.keys(complaintEventDataSchemas) as ComplaintEventType[];

export const isComplaintEventType = (type: string): type is ComplaintEventType =>
  Object.hasOwn(complaintEventDataSchemas, type);

const event = <T extends ComplaintEventType>(type: T) =>
  z.object({ type: z.literal(type), data: complaintEventDataSchemas[type] });

/** Any Complaint event as `{type, data}`, discriminated on `type`. */
export const complaintEventSchema = z.discriminatedUnion('type', [
  event('ComplaintFiled'),
  event('ComplaintAcknowledged'),
  event('ComplaintTriaged'),
  event('ComplaintAssigned'),
  event('CustomerLanguageCorrected'),
  event('NoteAdded'),
  event('CustomerInformationRequested'),
  event('CustomerResponded'),
  event('UnverifiedResponseReceived'),
  event('ComplaintEscalated'),
  event('HoldingReplySent'),
  event('SlaBreached'),
  event('ComplaintResolved'),
  event('ResolutionAccepted'),
  event('ResolutionRejected'),
  event('ComplaintReopened'),
  event('ComplaintClosed'),
  event('ComplaintWithdrawn'),
  event('SatisfactionRecorded'),
  event('CustomerLinksRevoked'),
  event('ComplaintsLinked'),
  event('ComplaintsUnlinked'),
  event('CustomerNotified'),
  event('CustomerDataErased'),
  event('LegalHoldPlaced'),
  event('LegalHoldLifted'),
]);

export type ComplaintEvent = z.infer<typeof complaintEventSchema>;
export type ComplaintEventOf<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;
export type ComplaintEventData<T extends ComplaintEventType = ComplaintEventType> =
  ComplaintEventOf<T>['data'];

export type ComplaintFiled = ComplaintEventOf<'ComplaintFiled'>;
export type ComplaintAcknowledged = ComplaintEventOf<'ComplaintAcknowledged'>;
export type ComplaintTriaged = ComplaintEventOf<'ComplaintTriaged'>;
export type ComplaintAssigned = ComplaintEventOf<'ComplaintAssigned'>;
export type CustomerLanguageCorrected = ComplaintEventOf<'CustomerLanguageCorrected'>;
export type NoteAdded = ComplaintEventOf<'NoteAdded'>;
export type CustomerInformationRequested = ComplaintEventOf<'CustomerInformationRequested'>;
export type CustomerResponded = ComplaintEventOf<'CustomerResponded'>;
export type UnverifiedResponseReceived = ComplaintEventOf<'UnverifiedResponseReceived'>;
export type ComplaintEscalated = ComplaintEventOf<'ComplaintEscalated'>;
export type HoldingReplySent = ComplaintEventOf<'HoldingReplySent'>;
export type SlaBreached = ComplaintEventOf<'SlaBreached'>;
export type ComplaintResolved = ComplaintEventOf<'ComplaintResolved'>;
export type ResolutionAccepted = ComplaintEventOf<'ResolutionAccepted'>;
export type ResolutionRejected = ComplaintEventOf<'ResolutionRejected'>;
export type ComplaintReopened = ComplaintEventOf<'ComplaintReopened'>;
export type ComplaintClosed = ComplaintEventOf<'ComplaintClosed'>;
export type ComplaintWithdrawn = ComplaintEventOf<'ComplaintWithdrawn'>;
export type SatisfactionRecorded = ComplaintEventOf<'SatisfactionRecorded'>;
export type CustomerLinksRevoked = ComplaintEventOf<'CustomerLinksRevoked'>;
export type ComplaintsLinked = ComplaintEventOf<'ComplaintsLinked'>;
export type ComplaintsUnlinked = ComplaintEventOf<'ComplaintsUnlinked'>;
export type CustomerNotified = ComplaintEventOf<'CustomerNotified'>;
export type CustomerDataErased = ComplaintEventOf<'CustomerDataErased'>;
export type LegalHoldPlaced = ComplaintEventOf<'LegalHoldPlaced'>;
export type LegalHoldLifted = ComplaintEventOf<'LegalHoldLifted'>;
