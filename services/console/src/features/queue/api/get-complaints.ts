import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ComplaintPage } from '../../../lib/complaint-types.js';
import { listQuery, type QueueSearch, type QueueUser } from '../search.js';

/** One page of the queue, keyed by the URL's view so that back/forward reuse the cache. */
export function useComplaints(search: QueueSearch, user: QueueUser, enabled = true) {
  const path = listQuery(search, user);
  return useQuery({
    enabled,
    queryKey: ['projections', path],
    queryFn: () => api<ComplaintPage>(`/api/projections${path}`),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
