import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { ComplaintPage } from '../../../lib/complaint-types.js';
import { listQuery, type QueueSearch, type QueueUser } from '../search.js';

/** One page of the queue, keyed by the URL's view so that back/forward reuse the cache. */
export const complaintsQuery = (search: QueueSearch, user: QueueUser) => {
  const path = listQuery(search, user);
  return queryOptions({
    queryKey: ['projections', path],
    queryFn: () => api<ComplaintPage>(`/api/projections${path}`),
    staleTime: 10_000,
  });
};

export function useComplaints(search: QueueSearch, user: QueueUser, enabled = true) {
  return useQuery({ ...complaintsQuery(search, user), enabled, placeholderData: keepPreviousData });
}
