export { type ConnectOptions, connect, NatsUnavailableError } from './connection/index.js';
export type {
  ConsumedMessage,
  MessageHandler,
  OutcomeLabel,
  Payload,
  PayloadSchema,
} from './consumer/index.js';
export {
  ack,
  buildDeadLetter,
  type ConsumerRunner,
  type DeadLetterInput,
  isTransientNatsError,
  type Outcome,
  publishDeadLetter,
  type RetryBackoff,
  type RunConsumerOptions,
  reject,
  retry,
  retryDelayMs,
  runConsumer,
} from './consumer/index.js';
export { errorFields, type MessagingLogger, silentLogger } from './logger.js';
export {
  type ConsumerSpec,
  differingKeys,
  type EnsureAction,
  type Ensured,
  ensureConsumer,
  ensurePlatformStreams,
  ensureStream,
  type PlatformStreamsOptions,
  ProvisioningError,
  platformStreamSpecs,
  type StreamSpec,
} from './provisioning/index.js';
export {
  cloudEventContentType,
  type PublishCloudEventOptions,
  publishCloudEvent,
} from './publish/index.js';
export {
  InvalidReplyError,
  InvalidRequestError,
  NoRespondersError,
  type ReplyEnvelope,
  type ReplyError,
  type RequestContext,
  RequestFailedError,
  type RequestOptions,
  RequestReplyError,
  RequestTimeoutError,
  replyEnvelopeSchema,
  replyErrorSchema,
  request,
  type ServeOptions,
  type Service,
  serve,
  toWireIssues,
  type WireIssue,
} from './request-reply/index.js';
export { extractTraceContext, headersToRecord, injectTraceContext } from './tracing/index.js';
