// The portal's pages in intake's OpenAPI document: public HTML, no bearer token.
import { pathTemplateOf, problems } from '@chp/platform';
import { routes } from '../../src/http/routes.js';

const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
const languageParameter = {
  name: 'language',
  in: 'path',
  required: true,
  description: 'The page’s language: en, uk, ru, hu, lv or ro (another answers 404).',
  schema: { type: 'string', enum: ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] },
};
const pageHeaders = {
  'Cache-Control': { schema: { const: 'no-store' } },
  'Content-Security-Policy': { schema: { type: 'string' } },
};
const open = { tags: ['portal'], security: [] };

const complaintForm = {
  type: 'object',
  required: ['token', 'name', 'subject', 'description', 'consent'],
  description:
    'The filing form. Validated by the API’s schema (`IntakeSubmission`) plus the portal’s checks: consent, an e-mail or a phone, a category from `PORTAL_CATEGORIES`, no HTML markup. `website` is the honeypot and must stay empty.',
  properties: {
    token: {
      type: 'string',
      description: 'The form token: issued-at, form id, HMAC bound to the CSRF cookie.',
    },
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string', maxLength: 254 },
    phone: { type: 'string', maxLength: 32 },
    category: { type: 'string' },
    subject: { type: 'string', maxLength: 200 },
    description: { type: 'string', maxLength: 20000 },
    desiredOutcome: { type: 'string', maxLength: 2000 },
    consent: { type: 'string', const: 'yes' },
    website: { type: 'string', maxLength: 0 },
    action: {
      type: 'string',
      enum: ['check'],
      description:
        '`check` (the “Check for answers first” button): nothing is filed; the form comes back with the typical questions matching the subject and description (from knowledge, `KNOWLEDGE_URL`), the same token, and the values kept.',
    },
  },
};

export const portalPaths = {
  [pathTemplateOf(routes.portalHome.path)]: {
    [routes.portalHome.method]: {
      ...open,
      operationId: 'portalHome',
      summary: 'The portal’s start page in the language of `Accept-Language`: file, or follow a complaint',
      responses: { '200': { ...html('Links to the filing and following pages.'), headers: pageHeaders } },
    },
  },
  [pathTemplateOf(routes.portalStyles.path)]: {
    [routes.portalStyles.method]: {
      ...open,
      operationId: 'portalStyles',
      summary: 'The portal’s stylesheet',
      responses: { '200': { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } } },
    },
  },
  [pathTemplateOf(routes.portalScript.path)]: {
    [routes.portalScript.method]: {
      ...open,
      operationId: 'portalScript',
      summary: 'The portal’s script (progressive enhancement; every form works without it)',
      responses: {
        '200': { description: 'JavaScript', content: { 'text/javascript': { schema: { type: 'string' } } } },
      },
    },
  },
  [pathTemplateOf(routes.showComplaintForm.path)]: {
    parameters: [languageParameter],
    [routes.showComplaintForm.method]: {
      ...open,
      operationId: 'showComplaintForm',
      summary: 'The filing form',
      description:
        'Sets the CSRF cookie (`chp_portal_csrf`, HttpOnly, SameSite=Strict) when the browser has none.',
      responses: {
        '200': { ...html('The form.'), headers: pageHeaders },
        '404': html('An unknown language.'),
      },
    },
    [routes.fileComplaintForm.method]: {
      ...open,
      operationId: 'fileComplaintForm',
      summary: 'Files the complaint',
      description:
        'Files as `POST /v1/complaints` does (channel `web`, the form id as external reference: sending one form twice files once). Answers with the reference and the acknowledgement date.',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              ...complaintForm,
              properties: {
                ...complaintForm.properties,
                files: { type: 'array', maxItems: 10, items: { type: 'string', format: 'binary' } },
              },
            },
          },
          'application/x-www-form-urlencoded': { schema: complaintForm },
        },
      },
      responses: {
        '200': html('Filed (or queued): the reference and when we acknowledge it.'),
        '400': html(
          'The form again with each error next to its field, the values kept; or a form sent too fast, expired, or with the honeypot filled in.',
        ),
        '403': html('The CSRF check failed (no cookie, no token, a forged token).'),
        '404': html('An unknown language.'),
        ...problems(413),
        '429': html('Too many filings from this address or for this e-mail address.'),
        '503': html('Complaints refused the filing as unavailable; nothing was filed.'),
      },
    },
  },
  [pathTemplateOf(routes.showFollowForm.path)]: {
    parameters: [languageParameter],
    [routes.showFollowForm.method]: {
      ...open,
      operationId: 'showFollowForm',
      summary: 'The form to follow a complaint: reference and e-mail address (or phone)',
      responses: {
        '200': { ...html('The form.'), headers: pageHeaders },
        '404': html('An unknown language.'),
      },
    },
    [routes.requestFollowLink.method]: {
      ...open,
      operationId: 'requestFollowLink',
      summary: 'Sends a one-time link when the reference and contact match',
      description:
        'The same answer, after the same reads, whether or not they match (no enumeration). On a match intake publishes `intake.events.portal-link-requested` and notifications e-mails the link to the complaint’s address.',
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['token', 'reference', 'contact'],
              properties: {
                token: { type: 'string' },
                reference: { type: 'string' },
                contact: {
                  type: 'string',
                  description: 'The e-mail address or phone given with the complaint.',
                },
                website: { type: 'string', maxLength: 0 },
              },
            },
          },
        },
      },
      responses: {
        '200': html('“If they match, we sent a link”: the same page either way.'),
        '400': html(
          'A malformed reference, an empty contact, a form sent too fast or expired, the honeypot.',
        ),
        '403': html('The CSRF check failed.'),
        '404': html('An unknown language.'),
        ...problems(413),
        '429': html('Too many requests from this address or for this contact.'),
      },
    },
  },
  [pathTemplateOf(routes.showFollowLink.path)]: {
    parameters: [
      languageParameter,
      {
        name: 'token',
        in: 'path',
        required: true,
        description: 'The one-time link from the e-mail.',
        schema: { type: 'string' },
      },
    ],
    [routes.showFollowLink.method]: {
      ...open,
      operationId: 'showFollowLink',
      summary: 'The page of a one-time link: a button that uses it (mail scanners fetching the link do not)',
      responses: {
        '200': { ...html('The button.'), headers: pageHeaders },
        '403': html('A forged or malformed link.'),
        '404': html('An unknown language.'),
        '410': html('An expired link.'),
      },
    },
    [routes.useFollowLink.method]: {
      ...open,
      operationId: 'useFollowLink',
      summary: 'Uses the link once: sets the session cookie and redirects to the status page',
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
          },
        },
      },
      responses: {
        '303': {
          description:
            'To `/portal/<language>/status`, with `chp_portal_session` (HttpOnly, SameSite=Strict).',
        },
        '403': html('A forged link, or the CSRF check failed.'),
        '404': html('An unknown language.'),
        '410': html('An expired link, or one used before.'),
        ...problems(413),
      },
    },
  },
  [pathTemplateOf(routes.showStatus.path)]: {
    parameters: [languageParameter],
    [routes.showStatus.method]: {
      ...open,
      operationId: 'showStatus',
      summary: 'The complaint of the session: status, next deadline, customer-visible history, forms',
      responses: {
        '200': { ...html('The status page.'), headers: pageHeaders },
        '401': html('No session, or it ended: ask for a new link.'),
        '404': html('An unknown language.'),
      },
    },
  },
  [pathTemplateOf(routes.portalFile.path)]: {
    parameters: [
      languageParameter,
      { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ],
    [routes.portalFile.method]: {
      ...open,
      operationId: 'downloadPortalFile',
      summary: 'A file of the session’s complaint, as a download (the customer’s own files only)',
      responses: {
        '200': {
          description:
            'The file: `Content-Disposition: attachment` with a safe name, its judged type, `X-Content-Type-Options: nosniff`.',
          content: {
            'application/octet-stream': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
        '401': html('No session, or it ended: ask for a new link.'),
        '404': html('An unknown language, or no such file of the session’s complaint.'),
      },
    },
  },
  [pathTemplateOf(routes.actOnStatus.path)]: {
    parameters: [
      languageParameter,
      {
        name: 'action',
        in: 'path',
        required: true,
        description:
          '`reply` (`message`), `accept` (`comment?`), `reject` (`reason`), `rate` (`score`, `comment?`) or `sign-out`.',
        schema: { type: 'string', enum: ['reply', 'accept', 'reject', 'rate', 'sign-out'] },
      },
    ],
    [routes.actOnStatus.method]: {
      ...open,
      operationId: 'actOnStatus',
      summary: 'Answers a request for information, accepts, rejects or rates the resolution',
      description:
        'Sends `RecordCustomerResponse`, `AcceptResolution`, `RejectResolution` or `RecordSatisfaction` over NATS as the customer. Accepting, rejecting and rating share the command id of the e-mail’s link for that resolution: one decision between them.',
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['token'],
              properties: {
                token: { type: 'string' },
                message: { type: 'string', maxLength: 20000 },
                comment: { type: 'string', maxLength: 2000 },
                reason: { type: 'string', maxLength: 5000 },
                score: { type: 'string', enum: ['1', '2', '3', '4', '5'] },
              },
            },
          },
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['token', 'message'],
              description:
                '`reply` with files: at most 10, each up to 10 MB, checked from the content (no executables, no archives, allowed types only).',
              properties: {
                token: { type: 'string' },
                message: { type: 'string', maxLength: 20000 },
                files: { type: 'array', maxItems: 10, items: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
      },
      responses: {
        '200': html('The status page with “recorded”.'),
        '303': { description: '`sign-out`: the session cookie is cleared, to the follow form.' },
        '400': html(
          'An unknown action, a form the action does not take, or a refused file (named, with why).',
        ),
        '401': html('No session, or it ended.'),
        '403': html('The CSRF check failed.'),
        '404': html('An unknown language.'),
        '409': html('The complaint took another answer already, or the resolution was superseded.'),
        ...problems(413),
        '503': html('Complaints is unavailable; nothing was recorded.'),
      },
    },
  },
  [pathTemplateOf(routes.suggestQuestions.path)]: {
    parameters: [languageParameter],
    [routes.suggestQuestions.method]: {
      ...open,
      operationId: 'portalSuggestQuestions',
      summary: 'Typical questions matching what the customer typed (the filing form’s script)',
      description:
        "A same-origin proxy of knowledge’s `GET /v1/public/questions/suggest`, so that the portal’s CSP stays `connect-src 'self'`. Knowledge unset, down or slow: an empty list. Rate-limited per address.",
      parameters: [
        {
          name: 'text',
          in: 'query',
          required: true,
          description: 'The subject and description typed so far.',
          schema: { type: 'string', maxLength: 4000 },
        },
      ],
      responses: {
        '200': {
          description: 'The matching published questions with their answers, in the page’s language.',
          headers: { 'Cache-Control': { schema: { const: 'no-store' } } },
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['items'],
                properties: {
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'question', 'answer'],
                      properties: {
                        id: { type: 'string', format: 'uuid' },
                        question: { type: 'string' },
                        answer: { type: 'string' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        ...problems(400, 429),
      },
    },
  },
  [pathTemplateOf(routes.questionHelped.path)]: {
    parameters: [
      languageParameter,
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ],
    [routes.questionHelped.method]: {
      ...open,
      operationId: 'portalQuestionHelped',
      summary: '“This answered my question”: records the vote at knowledge and files nothing',
      description:
        'Sends knowledge `POST /v1/public/questions/:id/helped` with the page’s language only (no personal data) and thanks the customer, whether or not knowledge took it.',
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['token'],
              properties: { token: { type: 'string', description: 'The filing form’s token (CSRF).' } },
            },
          },
        },
      },
      responses: {
        '200': html('Thanks; no complaint filed; a link back to the form.'),
        '400': html('The form expired.'),
        '403': html('The CSRF check failed.'),
        '404': html('An unknown language, or an id that is not a UUID.'),
        ...problems(413),
      },
    },
  },
};
