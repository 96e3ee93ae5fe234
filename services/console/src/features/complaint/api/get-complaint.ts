import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { AuditPage, ComplaintDetail } from '../../../lib/complaint-types.js';

/** The read model's detail: summary, description, deadlines and timeline. */
export function useComplaint(id: string) {
  return useQuery({
    queryKey: ['projections', `/v1/complaints/${id}`],
    queryFn: () => api<ComplaintDetail>(`/api/projections/v1/complaints/${encodeURIComponent(id)}`),
  });
}

/** The audit trail from the complaints service (its first 1,000 events). */
export function useAuditTrail(id: string) {
  return useQuery({
    queryKey: ['complaints', `/v1/complaints/${id}/events`],
    queryFn: () =>
      api<AuditPage>(`/api/complaints/v1/complaints/${encodeURIComponent(id)}/events?limit=1000`),
  });
}
