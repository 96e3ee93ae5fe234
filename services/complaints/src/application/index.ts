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
  type CustomerErasure,
  createCommandHandler,
  type HandleOptions,
  type HandleResult,
  type LoadedComplaint,
  type LoadOptions,
  type RetryPolicy,
} from './command-handler.js';
export { ConcurrencyConflict, commandErrorKindOf } from './errors.js';
export { decodeRecorded, encodeNew } from './event-codec.js';
export { type FeedPage, MAX_FEED_PAGE, readEventFeed } from './event-feed.js';
export { type FilingDeps, fileComplaint } from './file-complaint.js';
export { type Aggregate, type ComplaintFold, type FoldSource, foldStream, readFolds } from './fold.js';
export { eventIdFor, nameBasedUuid } from './ids.js';
export { RecentStreams, recentFolds } from './recent-streams.js';
export {
  appendWithReservation,
  complaintIdOfReference,
  MAX_REFERENCE_CANDIDATES,
  NoFreeReference,
  REFERENCE_STREAM_PREFIX,
  referenceCandidate,
  referenceStreamName,
  reservationEvent,
  reservationOf,
  reserveReference,
} from './references.js';
