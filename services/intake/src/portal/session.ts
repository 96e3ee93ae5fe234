import type { Request } from 'express';
import { cookieOf } from './guard.js';
import type { SignedTokens } from './tokens.js';

/** The follow session: the complaint id, signed, expiring; HttpOnly, SameSite=Strict, under /portal. */
export const SESSION_COOKIE = 'chp_portal_session';

/** The complaint the request's session is bound to, unless it has none or it expired. */
export function sessionComplaintOf(req: Request, sessions: SignedTokens, now: number): string | undefined {
  const cookie = cookieOf(req, SESSION_COOKIE);
  if (cookie === undefined) return undefined;
  const verified = sessions.verify(cookie, now);
  return 'value' in verified ? verified.value : undefined;
}
