import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM through node:crypto: a 32-byte key, a fresh 12-byte IV per message, a 16-byte tag. */
export const envelopeAlgorithm = 'aes-256-gcm';

/** Encrypted JSON, stored in place of the personal fields it replaces. All binary parts base64. */
export interface Envelope {
  enc: typeof envelopeAlgorithm;
  /** The id of the data key (not the customer: key ids are random). */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export const isEnvelope = (value: unknown): value is Envelope => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.enc === envelopeAlgorithm &&
    typeof v.kid === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.ct === 'string'
  );
};

/** A fresh random data key. */
export const newDataKey = (): Buffer => randomBytes(32);

/**
 * Encrypts `value` (as JSON) under `key`. `context` (the event id) is authenticated with it, so an
 * envelope copied onto another event does not open.
 */
export function seal(key: Buffer, kid: string, value: unknown, context: string): Envelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv(envelopeAlgorithm, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    enc: envelopeAlgorithm,
    kid,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

/** Decrypts an envelope sealed with `seal`; throws when the key, the context or the bytes differ. */
export function open(key: Buffer, envelope: Envelope, context: string): unknown {
  const decipher = createDecipheriv(envelopeAlgorithm, key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
