import { streams } from '@chp/contracts';
import type { JetStreamManager } from '@nats-io/jetstream';

/** What `dropMessagesOf` did. */
export interface DroppedMessages {
  scanned: number;
  deleted: number;
}

/**
 * The streams that keep a customer in clear after their erasure, but for this: `DEAD_LETTERS`
 * (the original bytes of messages a consumer gave up on) and `NOTIFICATIONS` (proof of sending
 * names the recipient). Their other streams hold the customer sealed (COMPLAINTS) or not at all
 * once processed (INTAKE deletes each submission once filed).
 */
export const streamsHoldingCustomers = [streams.deadLetters, streams.notifications] as const;

const decoder = new TextDecoder();

/** A message as text; a dead letter's original payload decoded from base64 too. */
function messageText(data: Uint8Array, headers: string): string {
  const text = decoder.decode(data);
  let payload = '';
  try {
    const letter = JSON.parse(text) as { payloadBase64?: unknown };
    if (typeof letter.payloadBase64 === 'string') {
      payload = Buffer.from(letter.payloadBase64, 'base64').toString('utf8');
    }
  } catch (error) {
    // Not JSON (a hand-published message): its bytes are searched as they are.
    if (!(error instanceof SyntaxError)) throw error;
  }
  return `${text}\n${payload}\n${headers}`.toLowerCase();
}

/**
 * Deletes (bytes overwritten) every message of `stream` that holds one of `traces` (an erased
 * customer's name, e-mail or phone), ignoring case. Reads the stream one message at a time with
 * `STREAM.MSG.GET` (O(stream) per erasure: fine for dead letters, and for NOTIFICATIONS up to some
 * hundred thousand messages), and deletes with `STREAM.MSG.DELETE` — complaints may do both on
 * `streamsHoldingCustomers` only (the permission table; SECURITY.md).
 */
export async function dropMessagesOf(
  jsm: JetStreamManager,
  stream: string,
  traces: readonly string[],
): Promise<DroppedMessages> {
  const needles = [...new Set(traces.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 3))];
  const result: DroppedMessages = { scanned: 0, deleted: 0 };
  if (needles.length === 0) return result;
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return result;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message === null) continue; // deleted, or aged out meanwhile
    result.scanned++;
    const headers = message.header ? JSON.stringify([...message.header]) : '';
    const text = messageText(message.data, headers);
    if (!needles.some((needle) => text.includes(needle))) continue;
    await jsm.streams.deleteMessage(stream, seq, true);
    result.deleted++;
  }
  return result;
}
