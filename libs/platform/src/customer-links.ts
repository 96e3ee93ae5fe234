import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links sent to customers (survey, accept or reject a resolution).
 * A token is `<payload>.<signature>`: base64url JSON, then base64url HMAC-SHA256 of the encoded
 * payload with a shared secret (`CUSTOMER_LINK_SECRET`). No database is needed to check one. Each
 * link names the resolution it was sent for (`resolutionId`, the id of its `ComplaintResolved`):
 * the complaints service refuses it once that resolution is superseded or its links are revoked.
 */

export const customerLinkActions = ['survey', 'accept', 'reject'] as const;
export type CustomerLinkAction = (typeof customerLinkActions)[number];

export interface CustomerLinkPayload {
  complaintId: string;
  reference: string;
  action: CustomerLinkAction;
  /** The resolution the link was sent for: the id of its `ComplaintResolved` event. */
  resolutionId: string;
  /** Language of the page to show, e.g. `en`, `uk`. */
  language: string;
  /** Expiry as an ISO-8601 instant. */
  expiresAt: string;
}

export interface SignCustomerLinkInput extends Omit<CustomerLinkPayload, 'expiresAt'> {
  secret: string;
  expiresAt: Date | string;
}

export type CustomerLinkErrorKind = 'malformed' | 'bad_signature' | 'expired';

export class CustomerLinkError extends Error {
  constructor(
    readonly kind: CustomerLinkErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CustomerLinkError';
  }
}

const MIN_SECRET_LENGTH = 16;

function assertSecret(secret: string): void {
  // A short secret makes forging a link a brute-force exercise; refuse it loudly.
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH)
    throw new Error(`customer link secret must be at least ${MIN_SECRET_LENGTH} characters`);
}

function mac(encodedPayload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload).digest();
}

/** Signs a customer link; returns the opaque, URL-safe token. */
export function signCustomerLink(input: SignCustomerLinkInput): string {
  assertSecret(input.secret);
  const expires = new Date(input.expiresAt);
  if (Number.isNaN(expires.getTime())) throw new Error('expiresAt is not a valid date');
  if (!customerLinkActions.includes(input.action)) throw new Error(`unknown action ${input.action}`);
  if (typeof input.resolutionId !== 'string' || input.resolutionId === '')
    throw new Error('a customer link names the resolution it is sent for');
  const payload: CustomerLinkPayload = {
    complaintId: input.complaintId,
    reference: input.reference,
    action: input.action,
    resolutionId: input.resolutionId,
    language: input.language,
    expiresAt: expires.toISOString(),
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${mac(encoded, input.secret).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Base64url decoding ignores the unused low bits of the last character, so several spellings decode
 * to the same bytes. Only the canonical one (unpadded, what encoding the bytes gives back) is one
 * token; any other is refused, so a token has exactly one form.
 */
function canonicalBytes(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parsePayload(encoded: string): CustomerLinkPayload {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch (error) {
    throw new CustomerLinkError('malformed', `payload is not JSON: ${(error as Error).message}`);
  }
  const v = value as Partial<Record<keyof CustomerLinkPayload, unknown>> | null;
  const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
  if (
    v === null ||
    typeof v !== 'object' ||
    !isText(v.complaintId) ||
    !isText(v.reference) ||
    !isText(v.language) ||
    !isText(v.expiresAt) ||
    Number.isNaN(Date.parse(v.expiresAt)) ||
    !customerLinkActions.includes(v.action as CustomerLinkAction)
  )
    throw new CustomerLinkError('malformed', 'payload lacks a field or has a wrong one');
  // Links sent before they were bound to a resolution could act on any later one: they are over.
  if (!isText(v.resolutionId))
    throw new CustomerLinkError('expired', 'link predates binding to a resolution');
  return {
    complaintId: v.complaintId,
    reference: v.reference,
    action: v.action as CustomerLinkAction,
    resolutionId: v.resolutionId,
    language: v.language,
    expiresAt: v.expiresAt,
  };
}

/**
 * Checks a token's signature (constant time) and expiry, then returns its payload.
 * Throws `CustomerLinkError` with kind `malformed`, `bad_signature` or `expired`.
 * The signature is checked before the payload is parsed, so forged input is never interpreted.
 */
export function verifyCustomerLink(
  token: string,
  secret: string,
  now: Date = new Date(),
): CustomerLinkPayload {
  assertSecret(secret);
  if (typeof token !== 'string' || token.length > 4096)
    throw new CustomerLinkError('malformed', 'token is missing or too long');
  const parts = token.split('.');
  const [encoded, signature] = parts;
  if (parts.length !== 2 || !encoded || !signature || !BASE64URL.test(encoded) || !BASE64URL.test(signature))
    throw new CustomerLinkError('malformed', 'token is not <payload>.<signature>');
  if (canonicalBytes(encoded) === undefined)
    throw new CustomerLinkError('malformed', 'token payload is not canonical base64url');
  const expected = mac(encoded, secret);
  const given = canonicalBytes(signature);
  if (given === undefined || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CustomerLinkError('bad_signature', 'token signature does not match');
  const payload = parsePayload(encoded);
  if (Date.parse(payload.expiresAt) <= now.getTime())
    throw new CustomerLinkError('expired', `link expired at ${payload.expiresAt}`);
  return payload;
}

/** `<base>/v1/customer-links/<token>`, tolerating a trailing slash on the base. */
export function customerLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/v1/customer-links/${encodeURIComponent(token)}`;
}
