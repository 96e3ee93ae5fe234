import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** The read model applies an event a moment after complaints publishes it: read once more then. */
const READ_MODEL_LAG_MS = 750;

/** Every query that shows `complaintId`, and every list (a change may move it in or out of one). */
function invalidate(queryClient: QueryClient, complaintId: string | undefined): void {
  void queryClient.invalidateQueries({
    predicate: (query) => {
      const [source, path] = query.queryKey;
      if ((source !== 'projections' && source !== 'complaints') || typeof path !== 'string') return false;
      if (complaintId === undefined) return true;
      return (
        path.includes(complaintId) || path.startsWith('/v1/complaints?') || path.startsWith('/v1/customers/')
      );
    },
  });
}

const listeners = new Set<() => void>();

/**
 * Called after every complaint event and reset, for pages whose queries the lists' invalidation does
 * not cover (the morning view's reports, which any event may change). Returns the unsubscribe.
 */
export function onLiveChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const notify = () => {
  for (const listener of listeners) listener();
};

/**
 * Follows the console server's `GET /api/events` while signed in: each complaint event invalidates
 * the queries that show that complaint and the lists, so open pages refetch. EventSource reconnects
 * by itself and sends Last-Event-ID; a `reset` (too far behind) invalidates everything.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const onComplaint = (event: MessageEvent<string>) => {
      let complaintId: string | undefined;
      try {
        complaintId = (JSON.parse(event.data) as { complaintId?: string }).complaintId;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
      if (complaintId === undefined) return;
      invalidate(queryClient, complaintId);
      const timer = setTimeout(() => {
        timers.delete(timer);
        invalidate(queryClient, complaintId);
      }, READ_MODEL_LAG_MS);
      timers.add(timer);
      notify();
    };
    const onReset = () => {
      invalidate(queryClient, undefined);
      notify();
    };
    source.addEventListener('complaint', onComplaint);
    source.addEventListener('reset', onReset);
    return () => {
      source.close();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [enabled, queryClient]);
}
