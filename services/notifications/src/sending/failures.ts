/** How a failed send should be handled. */
export type SendFailure = { permanent: boolean; message: string };

/**
 * Reads a nodemailer error: an SMTP reply of 5xx to the message is permanent (retrying cannot help).
 * Everything else is temporary: 4xx replies, connection errors and timeouts, and bad credentials
 * (`EAUTH`, which fail every message alike until an operator fixes them). Temporary failures are
 * retried a bounded number of times and end in a dead letter, which is safer than a silent failure.
 */
export function classifySendError(error: unknown): SendFailure {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  const code = (error as { code?: unknown } | null)?.code;
  const permanent =
    typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
  return { permanent, message };
}
