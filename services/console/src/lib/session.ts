import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './api-client.js';

export type Role = 'agent' | 'supervisor' | 'admin';

export interface SessionUser {
  id: string;
  name: string;
  roles: Role[];
  /** The team the user works in, when the provider names one. */
  team?: string;
}

/** The signed-in user, or null when there is no session (the query, for a route's loader too). */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<SessionUser | null> => {
    try {
      const session = await api<{ user: SessionUser; csrfToken: string }>('/auth/session');
      setCsrfToken(session.csrfToken);
      return session.user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Ends the console's session, then lets the provider end its own. */
export async function signOut(): Promise<void> {
  const { endSessionUrl } = await api<{ endSessionUrl: string }>('/auth/logout', { method: 'POST' });
  setCsrfToken(undefined);
  window.location.assign(endSessionUrl);
}

export function signInUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}
