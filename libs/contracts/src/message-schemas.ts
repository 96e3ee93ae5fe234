import type { z } from 'zod';
import { cloudEventSchema } from './cloudevents.js';
import {
  commandBodySchemas,
  commandMetadataSchema,
  commandReplySchema,
  complaintCommandSchema,
  complaintCommandSchemaOf,
  complaintCommandTypes,
  fileComplaintReplySchema,
  httpCommandTypes,
  linkResolutionReplySchema,
  linkResolutionRequestSchema,
  natsCommandRequestSchemaOf,
  natsCommandTypes,
} from './commands/index.js';
import { complaintCloudEventSchema, complaintCloudEventSchemaOf } from './complaint-cloudevents.js';
import { deadLetterSchema } from './dead-letter.js';
import {
  complaintEventDataSchemas,
  complaintEventSchema,
  complaintEventTypes,
  eventMetadataSchema,
} from './events/index.js';
import {
  complaintSubmittedCloudEventSchema,
  intakeAnswerSchema,
  intakeSubmissionSchema,
  queuedSubmissionSchema,
  submissionQueuedCloudEventSchema,
} from './intake/index.js';
import {
  notificationCloudEventSchemaOf,
  notificationEventDataSchemas,
  notificationEventTypes,
} from './notifications/index.js';

const named = <K extends string>(keys: readonly K[], name: (k: K) => string, schema: (k: K) => z.ZodType) =>
  Object.fromEntries(keys.map((k) => [name(k), schema(k)]));

/**
 * Every message and body by name: the source of `docs/schemas/<Name>.json`, of the AsyncAPI
 * components, and of the contract tests (each name has a valid and an invalid example).
 */
export const messageSchemas: Readonly<Record<string, z.ZodType>> = {
  CloudEvent: cloudEventSchema,
  ComplaintCloudEvent: complaintCloudEventSchema,
  EventMetadata: eventMetadataSchema,
  ComplaintEvent: complaintEventSchema,
  ...named(
    complaintEventTypes,
    (t) => t,
    (t) => complaintEventDataSchemas[t],
  ),
  ...named(complaintEventTypes, (t) => `${t}CloudEvent`, complaintCloudEventSchemaOf),
  CommandMetadata: commandMetadataSchema,
  ComplaintCommand: complaintCommandSchema,
  ...named(complaintCommandTypes, (t) => t, complaintCommandSchemaOf),
  ...named(
    httpCommandTypes,
    (t) => `${t}Body`,
    (t) => commandBodySchemas[t],
  ),
  ...named(natsCommandTypes, (t) => `${t}Request`, natsCommandRequestSchemaOf),
  CommandReply: commandReplySchema,
  FileComplaintReply: fileComplaintReplySchema,
  LinkResolutionRequest: linkResolutionRequestSchema,
  LinkResolutionReply: linkResolutionReplySchema,
  IntakeSubmission: intakeSubmissionSchema,
  IntakeAnswer: intakeAnswerSchema,
  QueuedSubmission: queuedSubmissionSchema,
  ComplaintSubmittedCloudEvent: complaintSubmittedCloudEventSchema,
  SubmissionQueuedCloudEvent: submissionQueuedCloudEventSchema,
  ...named(
    notificationEventTypes,
    (t) => t,
    (t) => notificationEventDataSchemas[t],
  ),
  ...named(notificationEventTypes, (t) => `${t}CloudEvent`, notificationCloudEventSchemaOf),
  DeadLetter: deadLetterSchema,
};
