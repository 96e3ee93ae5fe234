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
        content: { 'application/x-www-form-urlencoded': { schema: complaintForm } },
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
};
