export {
  type ConnectOptions,
  connect,
  type NatsAuth,
  NatsAuthorizationError,
  type NatsConfig,
  type NatsTls,
  NatsTlsError,
  NatsUnavailableError,
  natsAuthFrom,
  natsConnectOptions,
} from './connection/index.js';
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
  ensureStreamExists,
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
