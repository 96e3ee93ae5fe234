import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** One dead letter as complaints' desk lists it (`GET /admin/v1/dead-letters`). */
export interface DeadLetter {
  sequence: number;
  subject: string;
  originalSubject: string;
  reason: string;
  deadAt: string;
  /** The original payload with personal data masked. */
  preview: string;
  replay: 'intake' | 'none';
  decisions: { action: 'replayed' | 'discarded'; by: string; at: string; corrected?: boolean }[];
}

export type DeadLetterState = 'open' | 'replayed' | 'discarded';
const base = '/api/complaints/admin/v1/dead-letters';
const key = ['complaints', '/admin/v1/dead-letters'] as const;

/** A page of dead letters in the given states, oldest first. */
export function useDeadLetters(states: readonly DeadLetterState[], after?: number) {
  return useQuery({
    queryKey: [...key, states, after],
    queryFn: () =>
      api<{ letters: DeadLetter[]; next: number | null }>(
        `${base}?state=${states.join(',')}&limit=50${after === undefined ? '' : `&after=${after}`}`,
      ),
  });
}

const post = (path: string, body: unknown) =>
  api<{ letters: DeadLetter[] }>(`${base}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Replays letters to their channel subject; `payload` (one letter) replaces the original. */
export function useReplayDeadLetters() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { sequences: number[]; payload?: unknown }) => post('replay', input),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDiscardDeadLetters() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sequences: number[]) => post('discard', { sequences }),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}
