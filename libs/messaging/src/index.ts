export { type ConnectOptions, connect, NatsUnavailableError } from './connection/connect.js';
export { buildDeadLetter, type DeadLetterInput, publishDeadLetter } from './consumer/dead-letter.js';
export type { OutcomeLabel } from './consumer/metrics.js';
export { ack, type Outcome, type RetryBackoff, reject, retry, retryDelayMs } from './consumer/outcome.js';
export type { ConsumedMessage, MessageHandler, Payload, PayloadSchema } from './consumer/process.js';
export { type ConsumerRunner, type RunConsumerOptions, runConsumer } from './consumer/runner.js';
export { errorFields, type MessagingLogger, silentLogger } from './logger.js';
export {
  type ConsumerSpec,
  differingKeys,
  type EnsureAction,
  type Ensured,
  ensureConsumer,
  ensureStream,
  ProvisioningError,
  type StreamSpec,
} from './provisioning/ensure.js';
export {
  ensurePlatformStreams,
  type PlatformStreamsOptions,
  platformStreamSpecs,
} from './provisioning/platform-streams.js';
export {
  cloudEventContentType,
  type PublishCloudEventOptions,
  publishCloudEvent,
} from './publish/cloudevent.js';
export {
  type ReplyEnvelope,
  type ReplyError,
  replyEnvelopeSchema,
  replyErrorSchema,
  toWireIssues,
  type WireIssue,
} from './request-reply/envelope.js';
export {
  InvalidReplyError,
  InvalidRequestError,
  NoRespondersError,
  RequestFailedError,
  RequestReplyError,
  RequestTimeoutError,
} from './request-reply/errors.js';
export { type RequestOptions, request } from './request-reply/request.js';
export { type RequestContext, type ServeOptions, type Service, serve } from './request-reply/serve.js';
export { extractTraceContext, headersToRecord, injectTraceContext } from './tracing/propagation.js';
