import type { Audience } from '@chp/contracts';
import type { SqlExecutor } from '@chp/eventstore';
import type { NotificationKey } from '../ids/index.js';
import { Batcher } from '../storage/index.js';

/** A notification about to be sent (or skipped): its key plus what the reports need. */
export interface Intent extends NotificationKey {
  complaintId: string;
  audience: Audience;
  messageId: string;
  notificationId: string;
  /** The event's sequence on `COMPLAINTS`, recorded at the claim so that an operator's resend can re-read it. */
  streamSequence?: number;
}

export type Status = 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped' | 'unknown';

/** An operator's decision on an `unknown` row: send it again, or it was delivered (the SMTP log says so). */
export interface Decision {
  action: 'resend' | 'marked_delivered';
  /** The operator's token subject. */
  by: string;
  at: string;
}

export interface Entry extends Omit<Intent, 'streamSequence'> {
  status: Status;
  decisions: Decision[];
  attempts: number;
  skipReason: string | null;
  error: string | null;
  permanent: boolean | null;
  claimedAt: string | null;
  finishedAt: string | null;
  streamSequence: number | null;
}

/** What `claim` found: ours to send now, or someone's result (or a send still in flight). */
export type Claim =
  | { kind: 'claimed'; attempts: number }
  | { kind: 'settled'; entry: Entry }
  | { kind: 'in_flight'; entry: Entry }
  /** An intent older than the lease without a result: marked `unknown`, not sent again. */
  | { kind: 'abandoned'; entry: Entry };

interface Row {
  event_id: string;
  template: string;
  recipient: string;
  complaint_id: string;
  audience: Audience;
  message_id: string;
  notification_id: string;
  status: Status;
  attempts: number;
  skip_reason: string | null;
  error: string | null;
  permanent: boolean | null;
  claimed_at: Date | string | null;
  finished_at: Date | string | null;
  decisions?: Decision[] | string | null;
  stream_sequence?: number | string | null;
}

const decisionsOf = (value: Row['decisions']): Decision[] =>
  value === null || value === undefined
    ? []
    : typeof value === 'string'
      ? (JSON.parse(value) as Decision[])
      : value;

const iso = (value: Date | string | null) =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();
const toEntry = (row: Row): Entry => ({
  eventId: row.event_id,
  template: row.template,
  recipient: row.recipient,
  complaintId: row.complaint_id,
  audience: row.audience,
  messageId: row.message_id,
  notificationId: row.notification_id,
  status: row.status,
  attempts: Number(row.attempts),
  skipReason: row.skip_reason,
  error: row.error,
  permanent: row.permanent,
  claimedAt: iso(row.claimed_at),
  finishedAt: iso(row.finished_at),
  decisions: decisionsOf(row.decisions),
  streamSequence:
    row.stream_sequence === null || row.stream_sequence === undefined ? null : Number(row.stream_sequence),
});

const keyWhere = 'event_id = $1::uuid AND template = $2 AND recipient = $3';
const keyParams = (key: NotificationKey) => [key.eventId, key.template, key.recipient];
const sequenceParam = (intent: Intent) =>
  intent.streamSequence === undefined ? null : String(intent.streamSequence);
const insertColumns =
  'event_id, template, recipient, complaint_id, audience, message_id, notification_id, status, attempts, skip_reason, claimed_at, finished_at';
const insertIntentColumns = `${insertColumns}, stream_sequence`;

// PostgreSQL prints a uuid in one form; an event id may arrive in another (upper case, braces).
const keyText = (eventId: string, template: string, recipient: string) =>
  `${eventId.toLowerCase().replace(/[^0-9a-f]/g, '')}\n${template}\n${recipient}`;
const keyOf = (key: NotificationKey) => keyText(key.eventId, key.template, key.recipient);
interface KeyRow {
  event_id: string;
  template: string;
  recipient: string;
}
const returnedKeys = (rows: KeyRow[]) =>
  new Set(rows.map((r) => keyText(r.event_id, r.template, r.recipient)));

// Many intents in one statement; a key that exists already is left alone (and claimed one by one).
const insertIntentsSql = `INSERT INTO notification_sent_log (${insertIntentColumns})
  SELECT i.event_id, i.template, i.recipient, i.complaint_id, i.audience, i.message_id, i.notification_id,
         'sending', 1, NULL, i.claimed_at, NULL, i.stream_sequence
  FROM jsonb_to_recordset($1::jsonb) AS i(event_id uuid, template text, recipient text, complaint_id text,
         audience text, message_id text, notification_id uuid, claimed_at timestamptz, stream_sequence bigint)
  ON CONFLICT (event_id, template, recipient) DO NOTHING
  RETURNING event_id::text, template, recipient`;

// Many results in one statement; only a row in 'sending' or 'unknown' takes one (see \`finish\`).
// Each key is found by its own primary-key lookup (the LATERAL subquery with LIMIT cannot be
// flattened into a join) and its row updated by ctid. Written as a plain join, the plan depended on
// the table's statistics: on a young or never-analysed table the planner hashed the batch and
// seq-scanned the whole log, and the named statement kept that generic plan as the table grew (the
// end-to-end benchmark found it: libs/stack/README.md, Figures). The status test is in a CASE so
// that the planner cannot answer it from the partial index of open rows either. Should another
// writer update the row meanwhile, the re-check runs on its new version, as with the join.
export const recordSentSql = `UPDATE notification_sent_log s
  SET status = 'sent', error = NULL, finished_at = r.finished_at
  FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, template text, recipient text, finished_at timestamptz),
    LATERAL (SELECT t.ctid AS found FROM notification_sent_log t
             WHERE t.event_id = r.event_id AND t.template = r.template AND t.recipient = r.recipient
             LIMIT 1) k
  WHERE s.ctid = k.found
    AND CASE WHEN s.status IN ('sending', 'unknown') THEN true ELSE false END
  RETURNING s.event_id::text, s.template, s.recipient`;

/**
 * The sent log: one row per (event, template, recipient). The intent is written before the SMTP
 * send and the result after; a row that exists already decides what a duplicate delivery does.
 */
export class SentLog {
  // The two writes of every email, each gathered across concurrent handlers into one statement.
  private readonly intents: Batcher<{ intent: Intent; at: string }, boolean>;
  private readonly sent: Batcher<{ key: NotificationKey; at: string }, boolean>;

  constructor(private readonly db: SqlExecutor) {
    this.intents = new Batcher(
      async (calls) => {
        const rows = await this.db.query<KeyRow>(
          insertIntentsSql,
          [
            JSON.stringify(
              calls.map(({ intent, at }) => ({
                event_id: intent.eventId,
                template: intent.template,
                recipient: intent.recipient,
                complaint_id: intent.complaintId,
                audience: intent.audience,
                message_id: intent.messageId,
                notification_id: intent.notificationId,
                claimed_at: at,
                stream_sequence: intent.streamSequence ?? null,
              })),
            ),
          ],
          'sent_log_claim_new_batch',
        );
        const inserted = returnedKeys(rows);
        return calls.map(({ intent }) => inserted.has(keyOf(intent)));
      },
      ({ intent }) => keyOf(intent),
    );
    this.sent = new Batcher(
      async (calls) => {
        const rows = await this.db.query<KeyRow>(
          recordSentSql,
          [
            JSON.stringify(
              calls.map(({ key, at }) => ({
                event_id: key.eventId,
                template: key.template,
                recipient: key.recipient,
                finished_at: at,
              })),
            ),
          ],
          'sent_log_record_sent_batch',
        );
        const updated = returnedKeys(rows);
        return calls.map(({ key }) => updated.has(keyOf(key)));
      },
      ({ key }) => keyOf(key),
    );
  }

  /**
   * Takes the right to send: a new intent, or a `retrying` row after a temporary failure. A
   * `sending` row younger than `leaseMs` is in flight elsewhere; an older one is abandoned (the
   * process died between the send and the record) and becomes `unknown`.
   */
  async claim(intent: Intent, now: Date, leaseMs: number): Promise<Claim> {
    const at = now.toISOString();
    // A new intent claims with attempt 1.
    if (await this.intents.run({ intent, at })) return { kind: 'claimed', attempts: 1 };

    const retaken = await this.db.query<{ attempts: number }>(
      `UPDATE notification_sent_log SET status = 'sending', attempts = attempts + 1, claimed_at = $4::timestamptz,
         stream_sequence = COALESCE($5::bigint, stream_sequence)
       WHERE ${keyWhere} AND status = 'retrying' RETURNING attempts`,
      [...keyParams(intent), at, sequenceParam(intent)],
      'sent_log_claim_retry',
    );
    if (retaken[0]) return { kind: 'claimed', attempts: Number(retaken[0].attempts) };

    const cutoff = new Date(now.getTime() - leaseMs).toISOString();
    const abandoned = await this.db.query<Row>(
      `UPDATE notification_sent_log SET status = 'unknown', finished_at = $4::timestamptz,
         error = 'the process stopped between the intent and the result; the message may have been sent',
         stream_sequence = COALESCE(stream_sequence, $6::bigint)
       WHERE ${keyWhere} AND status = 'sending' AND claimed_at < $5::timestamptz RETURNING *`,
      [...keyParams(intent), at, cutoff, sequenceParam(intent)],
      'sent_log_abandon',
    );
    if (abandoned[0]) return { kind: 'abandoned', entry: toEntry(abandoned[0]) };

    const entry = await this.get(intent);
    if (!entry) throw new Error(`sent log row ${intent.eventId}/${intent.template} vanished during a claim`);
    return entry.status === 'sending' ? { kind: 'in_flight', entry } : { kind: 'settled', entry };
  }

  async recordSent(key: NotificationKey, at: Date): Promise<void> {
    if (!(await this.sent.run({ key, at: at.toISOString() }))) throw notSending(key);
  }

  async recordFailed(key: NotificationKey, at: Date, error: string, permanent: boolean): Promise<void> {
    await this.finish(key, "status = 'failed', error = $5, permanent = $6::boolean", [
      at.toISOString(),
      error,
      String(permanent),
    ]);
  }

  /** A temporary failure: the next delivery may claim it again. */
  async recordRetrying(key: NotificationKey, at: Date, error: string): Promise<void> {
    await this.finish(key, "status = 'retrying', error = $5", [at.toISOString(), error]);
  }

  /** Nothing is sent (no address, opted out, no alert route); a repeat changes nothing. */
  async recordSkip(intent: Intent, reason: string, at: Date): Promise<'recorded' | 'exists'> {
    const rows = await this.db.query<{ status: string }>(
      `INSERT INTO notification_sent_log (${insertColumns})
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, 'skipped', 0, $8, NULL, $9::timestamptz)
       ON CONFLICT (event_id, template, recipient) DO NOTHING RETURNING status`,
      [
        ...keyParams(intent),
        intent.complaintId,
        intent.audience,
        intent.messageId,
        intent.notificationId,
        reason,
        at.toISOString(),
      ],
      'sent_log_skip',
    );
    return rows.length > 0 ? 'recorded' : 'exists';
  }

  async get(key: NotificationKey): Promise<Entry | undefined> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM notification_sent_log WHERE ${keyWhere}`,
      keyParams(key),
      'sent_log_get',
    );
    return rows[0] ? toEntry(rows[0]) : undefined;
  }

  /** Every row of one event, for operators and tests. */
  async ofEvent(eventId: string): Promise<Entry[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM notification_sent_log WHERE event_id = $1::uuid ORDER BY template, recipient',
      [eventId],
      'sent_log_of_event',
    );
    return rows.map(toEntry);
  }

  /**
   * The rows an operator must settle: `unknown` (maybe sent), and those already decided, newest
   * first, with the complaint and template.
   */
  async unsettled(limit: number): Promise<Entry[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM notification_sent_log WHERE status = 'unknown' OR decisions IS NOT NULL
       ORDER BY (status = 'unknown') DESC, finished_at DESC NULLS LAST, event_id, template, recipient
       LIMIT $1::int`,
      [String(limit)],
      'sent_log_unsettled',
    );
    return rows.map(toEntry);
  }

  /**
   * An operator's decision on an `unknown` row, taken once: `resend` makes it `retrying` (the next
   * delivery of its event claims it through {@link claim} and sends it once), `marked_delivered`
   * makes it `sent`. Resolves with the row, and `decided: false` when the row was no longer
   * `unknown` (a second click, or another operator first): nothing changed then.
   */
  async decide(
    key: NotificationKey,
    decision: Decision,
  ): Promise<{ decided: boolean; entry: Entry } | undefined> {
    const status = decision.action === 'resend' ? 'retrying' : 'sent';
    const rows = await this.db.query<Row>(
      `UPDATE notification_sent_log
       SET status = $4, error = NULL,
           decisions = COALESCE(decisions, '[]'::jsonb) || jsonb_build_array($5::jsonb)
       WHERE ${keyWhere} AND status = 'unknown' RETURNING *`,
      [...keyParams(key), status, JSON.stringify(decision)],
      'sent_log_decide',
    );
    if (rows[0]) return { decided: true, entry: toEntry(rows[0]) };
    const entry = await this.get(key);
    return entry ? { decided: false, entry } : undefined;
  }

  private async finish(key: NotificationKey, set: string, params: string[]): Promise<void> {
    const rows = await this.db.query<{ status: string }>(
      `UPDATE notification_sent_log SET ${set}, finished_at = $4::timestamptz
       WHERE ${keyWhere} AND status IN ('sending', 'unknown') RETURNING status`,
      [...keyParams(key), ...params],
    );
    // Only the claimant settles a claim. A late result still overwrites `unknown` (a lease that ran
    // out during a slow send): a known outcome is better than a guess.
    if (rows.length === 0) throw notSending(key);
  }
}

const notSending = (key: NotificationKey) =>
  new Error(`sent log row ${key.eventId}/${key.template} is not in 'sending'`);
