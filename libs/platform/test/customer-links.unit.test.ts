import { createHmac } from 'node:crypto';
import { CustomerLinkError, customerLinkUrl, signCustomerLink, verifyCustomerLink } from '../src/index.js';

const secret = 'a-customer-link-secret-for-tests';
const now = new Date('2025-03-01T10:00:00.000Z');
const link = {
  secret,
  complaintId: '0b6a7e1c-6a43-4f7e-9a8e-1f2d3c4b5a69',
  reference: 'C-2025-ABCD1234',
  action: 'accept' as const,
  resolutionId: '5d1c0a2b-3e4f-5a6b-8c7d-9e0f1a2b3c4d',
  language: 'uk',
  expiresAt: new Date('2025-03-08T10:00:00.000Z'),
};

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof CustomerLinkError) return error.kind;
    throw error;
  }
  throw new Error('expected a CustomerLinkError');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same text with the lowest (unused) bit of its last base64url character flipped. */
function flipUnusedBit(text: string): string {
  const last = ALPHABET.indexOf(text.at(-1) ?? 'A');
  return text.slice(0, -1) + ALPHABET[last ^ 1];
}

/** Signs any payload, as a forger holding the secret could not, to test what verify accepts. */
function signed(payload: object): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${createHmac('sha256', secret).update(encoded).digest('base64url')}`;
}

/** Replaces one character of `text` at `index` with a different base64url character. */
function flip(text: string, index: number): string {
  const c = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + c + text.slice(index + 1);
}

describe('customer links', () => {
  it('round-trips the payload and is URL-safe', () => {
    const token = signCustomerLink(link);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyCustomerLink(token, secret, now)).toEqual({
      complaintId: link.complaintId,
      reference: link.reference,
      action: 'accept',
      resolutionId: link.resolutionId,
      language: 'uk',
      expiresAt: '2025-03-08T10:00:00.000Z',
    });
  });

  it('refuses a tampered payload', () => {
    const [payload = '', signature = ''] = signCustomerLink(link).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), action: 'reject' }),
    ).toString('base64url');
    expect(kindOf(() => verifyCustomerLink(`${forged}.${signature}`, secret, now))).toBe('bad_signature');
    expect(kindOf(() => verifyCustomerLink(`${flip(payload, 3)}.${signature}`, secret, now))).toBe(
      'bad_signature',
    );
  });

  it('refuses a tampered signature or another secret', () => {
    const token = signCustomerLink(link);
    expect(kindOf(() => verifyCustomerLink(flip(token, token.length - 2), secret, now))).toBe(
      'bad_signature',
    );
    expect(kindOf(() => verifyCustomerLink(token.slice(0, -4), secret, now))).toBe('bad_signature');
    expect(kindOf(() => verifyCustomerLink(token, 'another-secret-of-enough-length', now))).toBe(
      'bad_signature',
    );
  });

  it('refuses a signature whose last character differs only in its unused bits', () => {
    const token = signCustomerLink(link);
    const [payload = '', signature = ''] = token.split('.');
    const variant = flipUnusedBit(signature);
    // The attack: both spellings decode to the very same MAC, so a lax decoder accepts both.
    expect(Buffer.from(variant, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    expect(variant).not.toBe(signature);
    expect(kindOf(() => verifyCustomerLink(`${payload}.${variant}`, secret, now))).toBe('bad_signature');
    expect(verifyCustomerLink(token, secret, now).complaintId).toBe(link.complaintId);
  });

  it('refuses a payload that is not canonical base64url', () => {
    // 4 bytes encode to 6 characters whose last has 4 unused bits.
    const encoded = Buffer.from('{"a"').toString('base64url');
    const variant = flipUnusedBit(encoded);
    expect(Buffer.from(variant, 'base64url').equals(Buffer.from(encoded, 'base64url'))).toBe(true);
    const sig = createHmac('sha256', secret).update(variant).digest('base64url');
    expect(kindOf(() => verifyCustomerLink(`${variant}.${sig}`, secret, now))).toBe('malformed');
  });

  it('treats a link sent before links were bound to a resolution as expired', () => {
    const { secret: _secret, resolutionId: _id, ...unbound } = link;
    const token = signed({ ...unbound, expiresAt: link.expiresAt.toISOString() });
    expect(kindOf(() => verifyCustomerLink(token, secret, now))).toBe('expired');
  });

  it('refuses an expired link, at and after its expiry', () => {
    const token = signCustomerLink(link);
    expect(kindOf(() => verifyCustomerLink(token, secret, link.expiresAt))).toBe('expired');
    expect(kindOf(() => verifyCustomerLink(token, secret, new Date('2026-01-01T00:00:00Z')))).toBe('expired');
  });

  it.each([
    ['empty', ''],
    ['no dot', 'abcdef'],
    ['three parts', 'a.b.c'],
    ['empty signature', 'abc.'],
    ['not base64url', 'ab+c/.de=f'],
    ['overlong', `${'a'.repeat(5000)}.b`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(kindOf(() => verifyCustomerLink(token, secret, now))).toBe('malformed');
  });

  it('refuses a correctly signed payload that is not a link', () => {
    const encoded = Buffer.from(JSON.stringify({ complaintId: 'x' })).toString('base64url');
    const sig = createHmac('sha256', secret).update(encoded).digest('base64url');
    expect(kindOf(() => verifyCustomerLink(`${encoded}.${sig}`, secret, now))).toBe('malformed');
  });

  it('refuses short secrets and bad input when signing', () => {
    expect(() => signCustomerLink({ ...link, secret: 'short' })).toThrow(/at least/);
    expect(() => signCustomerLink({ ...link, expiresAt: 'soon' })).toThrow(/valid date/);
    expect(() => signCustomerLink({ ...link, resolutionId: '' })).toThrow(/resolution/);
  });

  it('builds the public URL', () => {
    expect(customerLinkUrl('http://localhost:3001/', 'p.s')).toBe(
      'http://localhost:3001/v1/customer-links/p.s',
    );
  });
});
