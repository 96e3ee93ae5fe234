import type { z } from 'zod';
import { deflectionTexts } from './deflection-texts.js';
import { e, errorSummary, field, layout } from './html.js';
import type { TypicalQuestion } from './knowledge.js';
import { statusTexts } from './status-texts.js';
import { suggestionsBlock } from './suggestions.js';
import { type FieldProblem, type PortalLanguage, portalTexts } from './texts.js';

/** The filing form's fields, as posted (`application/x-www-form-urlencoded`). */
export const complaintFields = [
  'name',
  'email',
  'phone',
  'subject',
  'description',
  'desiredOutcome',
  'category',
] as const;
export type ComplaintField = (typeof complaintFields)[number] | 'consent';
export type ComplaintFormValues = Partial<Record<(typeof complaintFields)[number], string>> & {
  consent?: boolean;
};
export type ComplaintFormErrors = Partial<Record<ComplaintField, FieldProblem>>;

/** The honeypot: an input people never see (off-screen, not focusable); bots fill it in. */
export const HONEYPOT = 'website';

const limits = { name: 200, email: 254, phone: 32, subject: 200, description: 20_000, desiredOutcome: 2_000 };

/** A tag, a comment or a declaration: text the portal refuses in any field, on top of the schema. */
const MARKUP = /<\s*[/!?]?\s*[a-z]/i;

export function valuesOf(form: Record<string, unknown>): ComplaintFormValues {
  const values: ComplaintFormValues = {};
  for (const name of complaintFields) {
    const value = form[name];
    if (typeof value === 'string') values[name] = value.slice(0, 25_000);
  }
  if (form.consent === 'yes') values.consent = true;
  return values;
}

/** What the schema cannot know: consent, a contact, a category from the list, no markup. */
export function portalChecks(
  values: ComplaintFormValues,
  categories: readonly string[],
): ComplaintFormErrors {
  const errors: ComplaintFormErrors = {};
  for (const name of complaintFields) {
    if (name !== 'category' && MARKUP.test(values[name] ?? '')) errors[name] = 'markup';
  }
  if (!values.email?.trim() && !values.phone?.trim()) errors.email ??= 'contact';
  if (values.category && !categories.includes(values.category)) errors.category = 'category';
  if (!values.consent) errors.consent = 'consent';
  return errors;
}

/** The submission the API would get; empty optional fields are left out. */
export function submissionOf(
  values: ComplaintFormValues,
  language: PortalLanguage,
  formId: string,
  attachments: readonly Record<string, unknown>[] = [],
): unknown {
  const given = (value: string | undefined) => (value?.trim() ? value : undefined);
  const email = given(values.email);
  const phone = given(values.phone);
  const desiredOutcome = given(values.desiredOutcome);
  const category = given(values.category);
  return {
    channel: 'web',
    externalRef: `portal-${formId}`,
    customer: {
      name: values.name ?? '',
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      preferredLanguage: language,
    },
    subject: values.subject ?? '',
    description: values.description ?? '',
    ...(desiredOutcome ? { desiredOutcome } : {}),
    ...(category ? { category } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

const fieldOfPath: Record<string, ComplaintField> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  subject: 'subject',
  description: 'description',
  desiredOutcome: 'desiredOutcome',
  category: 'category',
};

/** The schema's issues, each as its form field and the customer's reason. */
export function schemaErrors(error: z.ZodError): ComplaintFormErrors {
  const errors: ComplaintFormErrors = {};
  for (const issue of error.issues) {
    const name = fieldOfPath[issue.path.join('.')] ?? 'description';
    if (errors[name]) continue;
    if (issue.code === 'too_big') errors[name] = 'tooLong';
    else if (issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined))
      errors[name] = 'required';
    else if (name === 'email') errors[name] = 'email';
    else if (name === 'phone') errors[name] = 'phone';
    else if (issue.message === 'must not be blank') errors[name] = 'required';
    else errors[name] = 'invalid';
  }
  return errors;
}

export interface ComplaintFormPage {
  language: PortalLanguage;
  token: string;
  values: ComplaintFormValues;
  errors: ComplaintFormErrors;
  /** A problem with the whole form (too fast, expired, honeypot), shown at the top. */
  formProblem?: string;
  categories: readonly string[];
  privacyNotice: string;
  privacyUrl?: string | undefined;
  /** Typical questions matching what was typed (after "check for answers first"); none asked: undefined. */
  suggestions?: readonly TypicalQuestion[] | undefined;
}

export function complaintFormPage(p: ComplaintFormPage): string {
  const t = portalTexts[p.language];
  const message = (name: ComplaintField) => {
    const problem = p.errors[name];
    return problem ? t.fields[problem] : undefined;
  };
  const problems = [
    ...(p.formProblem ? [{ id: 'f-name', message: p.formProblem }] : []),
    ...(Object.keys(p.errors) as ComplaintField[]).map((name) => ({
      id: `f-${name}`,
      message: `${name === 'consent' ? '' : `${fieldLabel(p.language, name)}: `}${message(name) ?? ''}`,
    })),
  ];
  const optional = (label: string) => `${label} ${t.optional}`;
  const category = p.values.category ?? '';
  const categoryError = message('category');
  const consentError = message('consent');
  const notice = p.privacyUrl
    ? `${e(p.privacyNotice)} <a href="${e(p.privacyUrl)}">${e(p.privacyUrl)}</a>`
    : e(p.privacyNotice);
  const body = `<h1>${e(t.fileTitle)}</h1>
<p>${e(t.fileIntro)}</p>
${errorSummary(p.formProblem && problems.length === 1 ? p.formProblem : t.errorSummary, problems)}
${suggestionsBlock(p.language, p.token, p.suggestions)}
<form method="post" action="/portal/${p.language}/complaint" enctype="multipart/form-data" novalidate>
<input type="hidden" name="token" value="${e(p.token)}">
${field({ name: 'name', label: t.name, value: p.values.name, error: message('name'), maxLength: limits.name, required: true, autocomplete: 'name' })}
<fieldset><legend>${e(t.contactHint)}</legend>
${field({ name: 'email', label: t.email, value: p.values.email, error: message('email'), type: 'email', maxLength: limits.email, autocomplete: 'email' })}
${field({ name: 'phone', label: t.phone, value: p.values.phone, error: message('phone'), type: 'tel', maxLength: limits.phone, autocomplete: 'tel' })}
</fieldset>
<div class="field${categoryError ? ' invalid' : ''}"><label for="f-category">${e(optional(t.category))}</label>
${categoryError ? `<p class="error" id="f-category-error">${e(categoryError)}</p>` : ''}
<select id="f-category" name="category"${categoryError ? ' aria-invalid="true" aria-describedby="f-category-error"' : ''}>
<option value="">—</option>${p.categories
    .map(
      (c) =>
        `<option value="${e(c)}"${c === category ? ' selected' : ''}>${e(t.categories[c] ?? c)}</option>`,
    )
    .join('')}
</select></div>
${field({ name: 'subject', label: t.subject, value: p.values.subject, error: message('subject'), maxLength: limits.subject, required: true })}
${field({ name: 'description', label: t.description, value: p.values.description, error: message('description'), type: 'textarea', maxLength: limits.description, required: true })}
${field({ name: 'desiredOutcome', label: optional(t.desiredOutcome), value: p.values.desiredOutcome, error: message('desiredOutcome'), type: 'textarea', maxLength: limits.desiredOutcome })}
<div class="field"><label for="f-files">${e(statusTexts[p.language].attach)}</label>
<input type="file" id="f-files" name="files" multiple></div>
<div class="field consent${consentError ? ' invalid' : ''}">
<p class="notice" id="privacy-notice">${notice}</p>
${consentError ? `<p class="error" id="f-consent-error">${e(consentError)}</p>` : ''}
<input type="checkbox" id="f-consent" name="consent" value="yes"${p.values.consent ? ' checked' : ''} aria-describedby="privacy-notice${consentError ? ' f-consent-error' : ''}"${consentError ? ' aria-invalid="true"' : ''}>
<label for="f-consent">${e(t.consent)}</label>
</div>
<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT}">${e(t.honeypot)}</label><input type="text" id="f-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off" value=""></div>
<div class="buttons"><button type="submit">${e(t.submit)}</button>
<button type="submit" name="action" value="check" class="secondary">${e(deflectionTexts[p.language].checkAnswers)}</button></div>
</form>
<p><a href="/portal/${p.language}/follow">${e(t.followTitle)}</a></p>`;
  return layout(p.language, t.fileTitle, 'complaint', body);
}

function fieldLabel(language: PortalLanguage, name: ComplaintField): string {
  const t = portalTexts[language];
  const labels: Record<ComplaintField, string> = {
    name: t.name,
    email: t.email,
    phone: t.phone,
    subject: t.subject,
    description: t.description,
    desiredOutcome: t.desiredOutcome,
    category: t.category,
    consent: '',
  };
  return labels[name];
}
