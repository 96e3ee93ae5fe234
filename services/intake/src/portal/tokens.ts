import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A value with an expiry, signed with a purpose's key: `<value>.<expiresAtMs>.<mac>`. The portal's
 * one-time links carry a link id this way (the id alone is consumed in the KV store), and its
 * session cookie the complaint id: a forged or altered token fails before anything is looked up.
 */
export function signedTokens(key: Buffer) {
  const mac = (value: string, expiresAt: number) =>
    createHmac('sha256', key).update(`${value}|${expiresAt}`).digest('base64url');
  return {
    sign(value: string, expiresAt: number): string {
      return `${value}.${expiresAt}.${mac(value, expiresAt)}`;
    },
    /** The value, or why not: `invalid` (malformed, forged) or `expired` (well signed, too old). */
    verify(token: string, now: number): { value: string } | { problem: 'invalid' | 'expired' } {
      const parts = token.split('.');
      const [value = '', expires = '', signature = ''] = parts;
      if (parts.length !== 3 || !/^[0-9a-f-]{36}$/.test(value) || !/^\d{1,15}$/.test(expires))
        return { problem: 'invalid' };
      const expected = Buffer.from(mac(value, Number(expires)));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        return { problem: 'invalid' };
      return Number(expires) < now ? { problem: 'expired' } : { value };
    },
  };
}
export type SignedTokens = ReturnType<typeof signedTokens>;
