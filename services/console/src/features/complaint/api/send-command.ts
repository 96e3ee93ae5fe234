import { commandPaths, type HttpCommandType } from '@chp/contracts/commands';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiResponse } from '../../../lib/api-client.js';

const complaintPath = (id: string) => `/api/complaints/v1/complaints/${encodeURIComponent(id)}`;

/**
 * The complaint's current `ETag` from the complaints service (the write side): the revision every
 * command names in `If-Match`. The read model may lag behind it by an event or two.
 */
export function useCurrentEtag(id: string) {
  return useQuery({
    queryKey: ['complaints', `/v1/complaints/${id}`, 'etag'],
    queryFn: async () => {
      const { headers } = await apiResponse<unknown>(complaintPath(id));
      const etag = headers.get('etag');
      if (etag === null) throw new Error('the complaints service sent no ETag');
      return etag;
    },
  });
}

export interface CommandResult {
  revision: number;
  events: { id: string; type: string; revision: number }[];
}

/**
 * A command's body as its contracts schema parsed it, and the `ETag` the form was filled in against.
 * `CorrectCustomerLanguage` has its own route, outside the contracts' `commandPaths`.
 */
export interface SendInput {
  type: HttpCommandType | 'CorrectCustomerLanguage';
  body: unknown;
  etag: string;
}

const pathOf = (type: SendInput['type']): string =>
  type === 'CorrectCustomerLanguage' ? 'correct-customer-language' : commandPaths[type];

/** Sends one command with `If-Match`; on success every query of the complaint is read again. */
export function useSendCommand(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SendInput) => {
      const { data } = await apiResponse<CommandResult>(`${complaintPath(id)}/${pathOf(input.type)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'if-match': input.etag },
        body: JSON.stringify(input.body),
      });
      return data;
    },
    onSuccess: () => invalidateComplaint(queryClient, id),
    // A 412: the audit trail says who changed it; the rest is read again only when the user reloads,
    // so that the form and what it shows stay as they were until then.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        return queryClient.invalidateQueries({ queryKey: ['complaints', `/v1/complaints/${id}/events`] });
      }
      return undefined;
    },
  });
}

/** Every query that shows this complaint (read model, write side, audit trail) and the lists. */
export function invalidateComplaint(
  queryClient: ReturnType<typeof useQueryClient>,
  id: string,
): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const [source, path] = query.queryKey;
      if (source !== 'projections' && source !== 'complaints') return false;
      return typeof path === 'string' && (path.includes(id) || path.startsWith('/v1/complaints?'));
    },
  });
}
