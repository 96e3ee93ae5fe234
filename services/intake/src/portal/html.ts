import { escapeHtml } from '@chp/platform';
import type { Response } from 'express';
import { type PortalLanguage, portalLanguages, portalTexts } from './texts.js';

/**
 * Everything the portal serves comes from intake itself: no inline script or style, no framing; the
 * script fetches only from intake (the suggestions, which intake proxies from knowledge).
 */
export const portalCsp =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const e = escapeHtml;

/** Sends a portal page: never cached, no referrer (status pages carry a session), the strict CSP. */
export function sendPage(res: Response, status: number, html: string): void {
  res
    .status(status)
    .type('html')
    .set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': portalCsp,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    })
    .send(html);
}

/** The page frame: language switcher (to the same page in another language), main landmark. */
export function layout(language: PortalLanguage, title: string, page: string, body: string): string {
  const t = portalTexts[language];
  const switcher = portalLanguages
    .map((other) =>
      other === language
        ? `<li><span aria-current="page" lang="${other}">${e(portalTexts[other].languageName)}</span></li>`
        : `<li><a href="/portal/${other}/${e(page)}" lang="${other}" hreflang="${other}">${e(portalTexts[other].languageName)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${e(t.portal)}</title>
<link rel="stylesheet" href="/portal/assets/portal.css">
<script src="/portal/assets/portal.js" defer></script>
</head><body>
<a class="skip" href="#main">${e(t.skip)}</a>
<header><nav aria-label="${e(t.portal)}"><ul class="languages">${switcher}</ul></nav></header>
<main id="main">${body}</main>
</body></html>`;
}

/** A page with a heading and one message (sent, expired, not found). */
export function messagePage(language: PortalLanguage, page: string, title: string, message: string): string {
  return layout(language, title, page, `<h1>${e(title)}</h1>\n<p role="status">${e(message)}</p>`);
}

/** One labelled text input or textarea, its error next to it (`aria-describedby`), its value kept. */
export function field(input: {
  name: string;
  label: string;
  value: string | undefined;
  error: string | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'textarea';
  maxLength: number;
  required?: boolean;
  autocomplete?: string;
}): string {
  const id = `f-${input.name}`;
  const described = [input.hint ? `${id}-hint` : '', input.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const attributes = [
    `id="${id}"`,
    `name="${e(input.name)}"`,
    `maxlength="${input.maxLength}"`,
    input.required ? 'required' : '',
    input.autocomplete ? `autocomplete="${e(input.autocomplete)}"` : '',
    described ? `aria-describedby="${described}"` : '',
    input.error ? 'aria-invalid="true"' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const control =
    input.type === 'textarea'
      ? `<textarea ${attributes} rows="6">${e(input.value ?? '')}</textarea>`
      : `<input type="${input.type ?? 'text'}" ${attributes} value="${e(input.value ?? '')}">`;
  return `<div class="field${input.error ? ' invalid' : ''}">
<label for="${id}">${e(input.label)}</label>
${input.hint ? `<p class="hint" id="${id}-hint">${e(input.hint)}</p>` : ''}
${input.error ? `<p class="error" id="${id}-error">${e(input.error)}</p>` : ''}
${control}
</div>`;
}

/** The summary above a refused form: its message, focused by the script, linked to each field. */
export function errorSummary(title: string, problems: { id: string; message: string }[]): string {
  if (problems.length === 0) return '';
  return `<div class="summary" role="alert" tabindex="-1" id="error-summary"><p>${e(title)}</p><ul>${problems
    .map((p) => `<li><a href="#${e(p.id)}">${e(p.message)}</a></li>`)
    .join('')}</ul></div>`;
}
