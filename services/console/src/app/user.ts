import { createContext, useContext } from 'react';
import type { SessionUser } from '../lib/session.js';

export const UserContext = createContext<SessionUser | null>(null);

/** The signed-in user; the shell renders pages only with one. */
export function useUser(): SessionUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside a signed-in shell');
  return user;
}
