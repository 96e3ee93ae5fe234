import { createHash } from 'node:crypto';
import { subjects } from '@chp/contracts';
import { authenticate, HttpProblem, requireRole, type TokenVerifier, validationProblem } from '@chp/platform';
import type { JetStreamClient } from '@nats-io/jetstream';
import express, { Router } from 'express';
import { routes, submissionProblem } from '../http/index.js';
import { ComplaintsUnavailable, type SubmissionDeps } from '../submission/index.js';
import { handleMail, UnusableMail } from './handle-mail.js';

/** Raw mail is larger than a JSON submission: attachments travel inside it. */
const MAX_MAIL_BYTES = 10 * 1024 * 1024;

/** Queues raw mail on `intake.email.raw` (msgID = hash of the bytes, so a repeat is stored once). */
export async function queueMail(js: JetStreamClient, raw: Buffer): Promise<void> {
  await js.publish(subjects.intake.emailRaw, raw, {
    msgID: `mail:${createHash('sha256').update(raw).digest('hex')}`,
  });
}

/** `POST /v1/channels/email` (role `channel`), body `message/rfc822`. */
export function emailRouter(deps: SubmissionDeps, verifier: TokenVerifier): Router {
  const router = Router();
  router.post(
    routes.email.path,
    authenticate(verifier),
    requireRole(...routes.email.roles),
    express.raw({ type: 'message/rfc822', limit: MAX_MAIL_BYTES }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new HttpProblem({
          status: 415,
          kind: 'unsupported-media-type',
          detail: 'Send the raw mail as message/rfc822',
        });
      }
      const raw = req.body;
      try {
        const outcome = await handleMail(deps, raw);
        const status = outcome.status === 'filed' ? 201 : outcome.status === 'responded' ? 200 : 202;
        res.status(status).json(outcome);
      } catch (error) {
        if (error instanceof ComplaintsUnavailable) {
          await queueMail(deps.js, raw);
          res.status(202).json({ status: 'queued', detail: 'complaints is busy; the mail is queued' });
          return;
        }
        if (error instanceof UnusableMail) {
          throw validationProblem(
            [{ in: 'body', pointer: '#', detail: error.message, code: 'unusable_mail' }],
            'body',
          );
        }
        throw submissionProblem(error);
      }
    },
  );
  return router;
}
