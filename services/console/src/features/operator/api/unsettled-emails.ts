import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** One sent-log row as notifications lists it (`GET /admin/v1/unsettled-emails`). */
export interface UnsettledEmail {
  eventId: string;
  template: string;
  recipient: string;
  complaintId: string;
  messageId: string;
  status: 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped' | 'unknown';
  attempts: number;
  error: string | null;
  claimedAt: string | null;
  finishedAt: string | null;
  decisions: { action: 'resend' | 'marked_delivered'; by: string; at: string }[];
}

/** The row's key, what the decisions name. */
export type RowKey = Pick<UnsettledEmail, 'eventId' | 'template' | 'recipient'>;

const base = '/api/notifications/admin/v1/unsettled-emails';
const key = ['notifications', '/admin/v1/unsettled-emails'] as const;

/** The `unknown` rows first, then those already decided. */
export function useUnsettledEmails() {
  return useQuery({
    queryKey: key,
    queryFn: () => api<{ items: UnsettledEmail[] }>(`${base}?limit=100`),
  });
}

const decide = (path: 'resend' | 'mark-delivered') =>
  function useDecision() {
    const client = useQueryClient();
    return useMutation({
      mutationFn: (row: RowKey) =>
        api<{ decided: boolean; entry: UnsettledEmail }>(`${base}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ eventId: row.eventId, template: row.template, recipient: row.recipient }),
        }),
      onSettled: () => client.invalidateQueries({ queryKey: key }),
    });
  };

/** Sends the row once more (notifications decides once: a second click sends nothing). */
export const useResendEmail = decide('resend');
/** Records that the SMTP log shows the e-mail left. */
export const useMarkDelivered = decide('mark-delivered');
