import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** The console server's `GET /api/admin/overview` (admins only). */
export interface SystemOverview {
  checkedAt: string;
  user: { id: string; name: string; roles: string[]; team: string | null };
  parts: { name: string; ready: boolean; detail: string }[];
  sessionStore: string;
}

/** The system overview, checked again every 15 s while the page is open. */
export function useSystemOverview() {
  return useQuery({
    queryKey: ['admin', 'overview'],
    queryFn: () => api<SystemOverview>('/api/admin/overview'),
    refetchInterval: 15_000,
  });
}
