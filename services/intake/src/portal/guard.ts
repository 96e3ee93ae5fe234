import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { FormProblem } from './texts.js';

/** The cookie of the CSRF double submit: HttpOnly, SameSite=Strict, only under /portal. */
export const CSRF_COOKIE = 'chp_portal_csrf';

export interface FormGuardOptions {
  /** The key of form tokens (derived from `CUSTOMER_LINK_SECRET`, never the secret itself). */
  key: Buffer;
  /** A person takes longer than this to fill in the form; a bot posting at once is refused. */
  minFillMs: number;
  /** A form older than this must be loaded again. */
  maxAgeMs: number;
  /** Set the cookie with `Secure` (the portal is served over https). */
  secureCookies: boolean;
  now: () => number;
}

/** Derives a purpose's key from the customer-link secret, so no new secret needs configuring. */
export function derivedKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`chp-portal:${purpose}`).digest();
}

/** The value of one cookie of the request (express 5 parses none). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A form's hidden token: when it was issued, the form's id, bound to the browser's CSRF cookie. */
export interface FormToken {
  issuedAt: number;
  formId: string;
}

export type FormCheck = { ok: true; token: FormToken } | { ok: false; problem: FormProblem };

/**
 * CSRF and the time challenge in one: a form carries `<issuedAt>.<formId>.<mac>`, the HMAC of both
 * and of the browser's CSRF cookie. Without the cookie, with another browser's, or with a forged
 * token the form is refused (`csrf`); sent sooner than `minFillMs` after it was issued (`tooFast`)
 * or later than `maxAgeMs` (`formExpired`) too.
 */
export function formGuard(options: FormGuardOptions) {
  const sign = (purpose: string, issuedAt: number, formId: string, csrf: string) =>
    mac(options.key, `${purpose}|${issuedAt}|${formId}|${csrf}`);

  /** The browser's CSRF cookie, set now when it has none. */
  const csrfOf = (req: Request, res: Response): string => {
    const existing = cookieOf(req, CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const fresh = randomBytes(32).toString('base64url');
    res.cookie(CSRF_COOKIE, fresh, {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies,
      path: '/portal',
    });
    return fresh;
  };

  return {
    /** A new token for a form of this purpose (`file`, `follow`, `status`). */
    issue(req: Request, res: Response, purpose: string, formId: string = randomUUID()): string {
      const issuedAt = options.now();
      return `${issuedAt}.${formId}.${sign(purpose, issuedAt, formId, csrfOf(req, res))}`;
    },
    /** Checks a posted token against the cookie and the clock. */
    check(req: Request, purpose: string, posted: unknown, timed = true): FormCheck {
      const csrf = cookieOf(req, CSRF_COOKIE);
      const parts = typeof posted === 'string' ? posted.split('.') : [];
      const [issued = '', formId = '', signature = ''] = parts;
      const issuedAt = Number(issued);
      if (
        csrf === undefined ||
        parts.length !== 3 ||
        !/^\d{1,15}$/.test(issued) ||
        !/^[0-9a-f-]{36}$/.test(formId) ||
        !equal(signature, sign(purpose, issuedAt, formId, csrf))
      ) {
        return { ok: false, problem: 'csrf' };
      }
      const age = options.now() - issuedAt;
      if (timed && age < options.minFillMs) return { ok: false, problem: 'tooFast' };
      if (age > options.maxAgeMs) return { ok: false, problem: 'formExpired' };
      return { ok: true, token: { issuedAt, formId } };
    },
  };
}
export type FormGuard = ReturnType<typeof formGuard>;
