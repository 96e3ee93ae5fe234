import { createHash } from 'node:crypto';
import {
  commandResultSchema,
  type IntakeAnswer,
  natsCommandRequestSchemaOf,
  natsCommandSubject,
} from '@chp/contracts';
import { NoRespondersError, RequestFailedError, RequestTimeoutError, request } from '@chp/messaging';
import { type AttachmentReference, keepFiles, refusedNote } from '../attachments/index.js';
import {
  ComplaintsUnavailable,
  FilingRefused,
  prepare,
  type SubmissionDeps,
  submit,
  uuidV5,
} from '../submission/index.js';
import { passesAuthentication } from './authentication.js';
import { classifyMail, cleanSubject, type Mail } from './classify.js';

export type MailOutcome =
  | { status: 'ignored'; reason: string }
  | { status: 'responded'; complaintId: string; reference: string }
  | IntakeAnswer;

/** Mail that can yield no complaint (no From address: binary, empty or broken mail). */
export class UnusableMail extends Error {
  override readonly name = 'UnusableMail';
}

const EMAIL_ACTOR = { id: 'email-gateway', role: 'channel' } as const;

/** The Message-ID, or a hash of the bytes for mail without one: a redelivered mail keeps its key. */
function mailKey(mail: Mail, raw: Buffer): string {
  return mail.messageId || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/**
 * One inbound e-mail: automatic mail is ignored, mail without a sender throws {@link UnusableMail}, a reply with a known `[C-…]` reference becomes
 * `RecordCustomerResponse` on that complaint (one contact, one thread), anything else a new complaint
 * from the sender. A reply carries its sender and the gateway's DMARC/DKIM verdict: complaints
 * compares the sender with the customer's address (intake does not know it) and records a reply it
 * cannot verify as `UnverifiedResponseReceived`. Throws `ComplaintsUnavailable` when complaints does
 * not answer a response.
 */
export async function handleMail(deps: SubmissionDeps, raw: Buffer): Promise<MailOutcome> {
  const classified = await classifyMail(raw);
  if (classified.kind === 'automatic') return { status: 'ignored', reason: classified.reason };
  // Not ignored like an auto-reply: it may be a customer's mail that we failed to read.
  if (classified.kind === 'unusable') throw new UnusableMail(classified.reason);
  const { mail } = classified;
  const key = mailKey(mail, raw);
  if (classified.kind === 'reply') {
    const complaintId = await deps.ledger.complaintIdOf(classified.reference);
    if (complaintId) {
      await recordResponse(deps, complaintId, mail, key, await keepMailFiles(deps, complaintId, mail, key));
      return { status: 'responded', complaintId, reference: classified.reference };
    }
  }
  const submission = {
    channel: 'email',
    externalRef: key.slice(0, 998),
    customer: { name: mail.fromName.slice(0, 200), email: mail.fromAddress },
    subject: cleanSubject(mail.subject).slice(0, 200),
    description: (mail.text.trim() || '(empty message)').slice(0, 20_000),
  };
  const options = { acceptLanguage: mail.languageHint };
  let prepared = prepare(deps, submission, options);
  if (mail.files.length > 0 && deps.attachments) {
    // The id comes from the Message-ID: known before the files are stored, the same on redelivery.
    const files = await keepMailFiles(deps, prepared.identity.complaintId, mail, key);
    prepared = prepare(
      deps,
      {
        ...submission,
        description: withNote(submission.description, files.note),
        ...(files.references.length > 0 ? { attachments: files.references } : {}),
      },
      options,
    );
  }
  return submit(deps, prepared, EMAIL_ACTOR);
}

const withNote = (text: string, note: string) => `${text.slice(0, 20_000 - note.length)}${note}`;

/**
 * Keeps a mail's files as the portal and the API do; refused ones (programs, archives, too large,
 * past ten) are not fatal: they are noted at the end of the text for the agent.
 */
async function keepMailFiles(deps: SubmissionDeps, complaintId: string, mail: Mail, key: string) {
  if (mail.files.length === 0 || !deps.attachments) return { references: [], note: '' };
  const kept = await keepFiles(deps.attachments, complaintId, mail.files, (index, sha256) =>
    uuidV5(`mail-file:${key}:${index}:${sha256}`),
  );
  return { references: kept.references, note: refusedNote(kept.refused) };
}

async function recordResponse(
  deps: SubmissionDeps,
  complaintId: string,
  mail: Mail,
  key: string,
  files: { references: AttachmentReference[]; note: string },
) {
  try {
    await request(
      deps.nc,
      natsCommandSubject('RecordCustomerResponse'),
      {
        data: {
          complaintId,
          message: withNote((mail.text.trim() || '(empty message)').slice(0, 20_000), files.note),
          ...(files.references.length > 0 ? { attachments: files.references } : {}),
          channel: 'email',
          externalRef: key.slice(0, 998),
          from: mail.fromAddress,
          authenticated: passesAuthentication(
            mail.authenticationResults,
            mail.fromAddress,
            deps.trustedAuthServIds ?? [],
          ),
        },
        metadata: { commandId: uuidV5(`mail:${key}`), actor: EMAIL_ACTOR, correlationId: key.slice(0, 200) },
      },
      {
        requestSchema: natsCommandRequestSchemaOf('RecordCustomerResponse'),
        replySchema: commandResultSchema,
        timeoutMs: deps.fileTimeoutMs,
      },
    );
  } catch (error) {
    if (error instanceof NoRespondersError || error instanceof RequestTimeoutError)
      throw new ComplaintsUnavailable(error);
    if (error instanceof RequestFailedError) {
      if (error.error.kind === 'unavailable' || error.error.kind === 'internal')
        throw new ComplaintsUnavailable(error);
      throw new FilingRefused(error.error as never);
    }
    throw error;
  }
}
