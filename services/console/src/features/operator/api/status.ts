import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** Projections' `GET /v1/status`. */
export interface ProjectionStatus {
  position: {
    streamSequence: number;
    eventPosition: string;
    eventsApplied: number;
    updatedAt: string;
  } | null;
  lag: { pending: number; unacknowledged: number; streamLastSequence: number } | null;
  rebuild: {
    state: 'idle' | 'running' | 'failed';
    generation: number;
    events: number;
    startedAt: string | null;
    finishedAt: string | null;
    error: string | null;
  };
}

/** Complaints' `GET /admin/v1/relay`. */
export interface RelayStatus {
  checkpointId: string;
  position: string | null;
  lag: { events: number; seconds: number; atLeast: boolean };
  replica: { relayEnabled: boolean; leading: boolean; published: number; deadLettered: number };
}

const projectionsKey = ['projections', '/v1/status'] as const;

export function useProjectionStatus() {
  return useQuery({
    queryKey: projectionsKey,
    queryFn: () => api<ProjectionStatus>('/api/projections/v1/status'),
    refetchInterval: 5_000,
  });
}

export function useRelayStatus() {
  return useQuery({
    queryKey: ['complaints', '/admin/v1/relay'],
    queryFn: () => api<RelayStatus>('/api/complaints/admin/v1/relay'),
    refetchInterval: 5_000,
  });
}

/** Starts a rebuild (202), or fails with 409 when one runs. */
export function useStartRebuild() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>('/api/projections/admin/v1/projections/rebuild', { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: projectionsKey }),
  });
}
