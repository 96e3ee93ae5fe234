/**
 * The sent log and the customer directory. Every statement is idempotent, so each replica runs the
 * script at start. Status flow of a notification:
 * `sending` (intent) → `sent` | `failed` | `retrying` (→ `sending` again) | `unknown` (intent
 * without a result: maybe sent, never re-sent automatically); or `skipped` from the start.
 */
export const sentLogSchema = `
CREATE TABLE IF NOT EXISTS notification_sent_log (
  event_id        uuid        NOT NULL,
  template        text        NOT NULL,
  recipient       text        NOT NULL,
  complaint_id    text        NOT NULL,
  audience        text        NOT NULL,
  message_id      text        NOT NULL,
  notification_id uuid        NOT NULL,
  status          text        NOT NULL
    CHECK (status IN ('sending', 'retrying', 'sent', 'failed', 'skipped', 'unknown')),
  attempts        integer     NOT NULL DEFAULT 0,
  skip_reason     text,
  error           text,
  permanent       boolean,
  claimed_at      timestamptz,
  finished_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, template, recipient)
);
CREATE INDEX IF NOT EXISTS notification_sent_log_open
  ON notification_sent_log (status, claimed_at) WHERE status IN ('sending', 'unknown');
-- Operators' decisions on an unsettled (unknown) row: [{action, by, at}], oldest first.
ALTER TABLE notification_sent_log ADD COLUMN IF NOT EXISTS decisions jsonb;
CREATE INDEX IF NOT EXISTS notification_sent_log_decided
  ON notification_sent_log (finished_at) WHERE decisions IS NOT NULL;
-- The event's sequence on COMPLAINTS, recorded at the claim: an operator's resend re-reads the event by it.
ALTER TABLE notification_sent_log ADD COLUMN IF NOT EXISTS stream_sequence bigint;
CREATE TABLE IF NOT EXISTS notification_directory (
  complaint_id    text        PRIMARY KEY,
  reference       text        NOT NULL,
  customer        jsonb       NOT NULL,
  team            text,
  team_revision   bigint      NOT NULL DEFAULT -1,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- The revision of the last CustomerLanguageCorrected applied (-1: the language is the filed one).
ALTER TABLE notification_directory ADD COLUMN IF NOT EXISTS language_revision bigint NOT NULL DEFAULT -1;
`;
