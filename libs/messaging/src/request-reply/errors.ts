import type { ReplyError, WireIssue } from './envelope.js';

/** Base of the request/reply errors; `kind` is stable for mapping. */
export abstract class RequestReplyError extends Error {
  abstract readonly kind: string;
  readonly subject: string;

  constructor(subject: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.subject = subject;
  }
}

/** Our own request did not match its schema; nothing was sent. */
export class InvalidRequestError extends RequestReplyError {
  readonly kind = 'invalid_request';
  constructor(
    subject: string,
    readonly issues: WireIssue[],
  ) {
    super(subject, `request to ${subject} does not match its schema: ${summarise(issues)}`);
  }
}

/** The reply was not JSON, not an envelope, or its result did not match the reply schema. */
export class InvalidReplyError extends RequestReplyError {
  readonly kind = 'invalid_reply';
  constructor(
    subject: string,
    readonly issues: WireIssue[],
  ) {
    super(subject, `reply from ${subject} does not match its schema: ${summarise(issues)}`);
  }
}

export class RequestTimeoutError extends RequestReplyError {
  readonly kind = 'request_timeout';
  constructor(
    subject: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(subject, `no reply from ${subject} within ${timeoutMs} ms`, options);
  }
}

export class NoRespondersError extends RequestReplyError {
  readonly kind = 'no_responders';
  constructor(subject: string, options?: ErrorOptions) {
    super(subject, `no service listens on ${subject}`, options);
  }
}

/** The service answered `{ok:false,error}`; `error.kind` says why (e.g. `validation`, a domain error). */
export class RequestFailedError extends RequestReplyError {
  readonly kind = 'request_failed';
  constructor(
    subject: string,
    readonly error: ReplyError,
  ) {
    super(
      subject,
      `${subject} failed: ${error.kind}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`,
    );
  }
}

function summarise(issues: WireIssue[]): string {
  const shown = issues.slice(0, 5).map((issue) => `${issue.path || '(root)'}: ${issue.message}`);
  return shown.join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}
