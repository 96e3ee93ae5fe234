import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type {
  AuditPage,
  ComplaintDetail,
  ComplaintPage,
  PastComplaint,
} from '../../../lib/complaint-types.js';

/** The read model's detail: summary, description, deadlines, links and timeline. */
export const complaintQuery = (id: string) => ({
  queryKey: ['projections', `/v1/complaints/${id}`],
  queryFn: () => api<ComplaintDetail>(`/api/projections/v1/complaints/${encodeURIComponent(id)}`),
  // A route's loader asks first; the page takes that answer over (live changes invalidate it).
  staleTime: 5_000,
});

export function useComplaint(id: string) {
  return useQuery(complaintQuery(id));
}

/** The audit trail from the complaints service (its first 1,000 events). */
export const auditTrailQuery = (id: string) => ({
  queryKey: ['complaints', `/v1/complaints/${id}/events`],
  queryFn: () => api<AuditPage>(`/api/complaints/v1/complaints/${encodeURIComponent(id)}/events?limit=1000`),
  staleTime: 5_000,
});

export function useAuditTrail(id: string) {
  return useQuery(auditTrailQuery(id));
}

/** The customer's complaints (the "one window"), newest first. */
export function useCustomerComplaints(customerKey: string | null) {
  return useQuery({
    queryKey: ['projections', `/v1/customers/${customerKey}/complaints`],
    queryFn: () =>
      api<ComplaintPage>(
        `/api/projections/v1/customers/${encodeURIComponent(customerKey ?? '')}/complaints?limit=20`,
      ),
    enabled: customerKey !== null,
  });
}

/** The complaint as the complaints service had it at `asOf` (its revision, state and clocks then). */
export function useComplaintAsOf(id: string, asOf: string | undefined) {
  return useQuery({
    queryKey: ['complaints', `/v1/complaints/${id}`, asOf],
    queryFn: () =>
      api<PastComplaint>(
        `/api/complaints/v1/complaints/${encodeURIComponent(id)}?asOf=${encodeURIComponent(asOf ?? '')}`,
      ),
    enabled: asOf !== undefined,
  });
}
