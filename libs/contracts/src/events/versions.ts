import { type Upcaster, UpcasterRegistry } from '../upcasting.js';
import type { ComplaintEventType } from './catalogue.js';

/** The version each Complaint event is written at today. Bump one with its upcaster (see upcasting.ts). */
export const complaintEventVersions: Readonly<Record<ComplaintEventType, number>> = {
  ComplaintFiled: 1,
  ComplaintAcknowledged: 1,
  ComplaintTriaged: 1,
  ComplaintAssigned: 1,
  CustomerLanguageCorrected: 1,
  NoteAdded: 1,
  CustomerInformationRequested: 1,
  CustomerResponded: 2,
  UnverifiedResponseReceived: 1,
  ComplaintEscalated: 1,
  HoldingReplySent: 1,
  SlaBreached: 1,
  ComplaintResolved: 1,
  ResolutionAccepted: 1,
  ResolutionRejected: 1,
  ComplaintReopened: 1,
  ComplaintClosed: 1,
  ComplaintWithdrawn: 1,
  SatisfactionRecorded: 1,
  CustomerLinksRevoked: 1,
  ComplaintsLinked: 1,
  ComplaintsUnlinked: 1,
  CustomerNotified: 1,
  CustomerDataErased: 1,
  LegalHoldPlaced: 1,
  LegalHoldLifted: 1,
};

/** The upcasters of Complaint events, used by every reader in this library. */
export const complaintUpcasters = new UpcasterRegistry<ComplaintEventType>(complaintEventVersions);

// v2 added the optional `from` and `source`: a v1 response reads as it was, its sender unknown.
complaintUpcasters.register('CustomerResponded', 1, (data) => data);

/** Registers the upcaster of a Complaint event from `fromVersion` to `fromVersion + 1`. */
export const registerUpcaster = (type: ComplaintEventType, fromVersion: number, upcaster: Upcaster): void => {
  complaintUpcasters.register(type, fromVersion, upcaster);
};

/** The data of a Complaint event written at `version`, as the current version (not yet validated). */
export const upcast = (type: string, version: number, data: unknown): unknown =>
  complaintUpcasters.upcast(type, version, data);

/** The `schemaVersion` to write in the metadata of a new event. */
export const currentSchemaVersion = (type: ComplaintEventType): number => complaintEventVersions[type];
