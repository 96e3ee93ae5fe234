export {
  type AuditEntry,
  type AuditPage,
  type AuditPageOptions,
  MAX_AUDIT_PAGE,
  readAuditTrail,
} from './audit.js';
export { type Clock, createTestClock, systemClock, type TestClock } from './clock.js';
export {
  type CommandHandler,
  type CommandHandlerDeps,
  createCommandHandler,
  type HandleOptions,
  type HandleResult,
  type LoadedComplaint,
  type LoadOptions,
} from './command-handler.js';
export { ConcurrencyConflict } from './errors.js';
export { decodeRecorded, encodeNew } from './event-codec.js';
export { type FeedPage, MAX_FEED_PAGE, readEventFeed } from './event-feed.js';
export { type FilingDeps, fileComplaint } from './file-complaint.js';
export { eventIdFor, nameBasedUuid } from './ids.js';
export {
  complaintIdOfReference,
  MAX_REFERENCE_CANDIDATES,
  NoFreeReference,
  REFERENCE_STREAM_PREFIX,
  referenceCandidate,
  referenceStreamName,
  reservationEvent,
  reserveReference,
} from './references.js';
