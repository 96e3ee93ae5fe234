import type { LinkResolution, Remedy } from '@chp/contracts';
import { type CustomerLinkPayload, escapeHtml } from '@chp/platform';
import { type PageLanguage, pageLocales, texts } from './messages.js';

/** The resolution a link acts on, as complaints answered while the link stands. */
export type LiveResolution = Extract<LinkResolution, { status: 'live' }>;

function layout(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}textarea{width:100%}.summary{white-space:pre-line}</style>
</head><body>${body}</body></html>`;
}

/** A page with one message (thanks, already used, invalid, expired). */
export function messagePage(language: PageLanguage, message: string): string {
  return layout(language, message, `<p role="status">${escapeHtml(message)}</p>`);
}

function remedyLine(remedy: Remedy, language: PageLanguage): string {
  const label = texts[language].remedy[remedy.type];
  const amount =
    'amount' in remedy
      ? new Intl.NumberFormat(pageLocales[language], {
          style: 'currency',
          currency: remedy.amount.currency,
        }).format(Number(remedy.amount.amount))
      : '';
  const line = escapeHtml(label.replace('{amount}', () => amount));
  return remedy.description
    ? `${line}: <span class="summary">${escapeHtml(remedy.description)}</span>`
    : line;
}

/**
 * What the customer is acting on: the outcome and the summary, then the remedies. Labels in the
 * page's language; the summary and descriptions are the agent's words as written, escaped.
 */
export function resolutionSection(resolution: LiveResolution, language: PageLanguage): string {
  const t = texts[language];
  const remedies =
    resolution.remedies.length === 0
      ? ''
      : `<p>${escapeHtml(t.remediesIntro)}</p>
<ul>${resolution.remedies.map((remedy) => `<li>${remedyLine(remedy, language)}</li>`).join('')}</ul>`;
  return `<section aria-labelledby="decision"><h2 id="decision">${escapeHtml(t.decision)}</h2>
<p><strong>${escapeHtml(t.outcome[resolution.outcome])}</strong></p>
<p class="summary">${escapeHtml(resolution.summary)}</p>
${remedies}</section>`;
}

/**
 * The form for a link's action, posting back to the same URL, under the resolution it acts on when
 * complaints told us (without it when complaints could not answer: the form still works).
 */
export function formPage(
  link: CustomerLinkPayload,
  language: PageLanguage,
  action: string,
  resolution?: LiveResolution,
): string {
  const t = texts[language];
  const heading = t[link.action];
  const fields =
    link.action === 'survey'
      ? `<fieldset><legend>${escapeHtml(t.score)}</legend>${[1, 2, 3, 4, 5]
          .map((n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`)
          .join('')}</fieldset>
<label for="comment">${escapeHtml(t.comment)}</label><textarea id="comment" name="comment" maxlength="2000"></textarea>`
      : link.action === 'reject'
        ? `<label for="reason">${escapeHtml(t.reason)}</label><textarea id="reason" name="reason" maxlength="5000" required></textarea>`
        : `<label for="comment">${escapeHtml(t.comment)}</label><textarea id="comment" name="comment" maxlength="2000"></textarea>`;
  return layout(
    language,
    heading,
    `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(t.complaint)} ${escapeHtml(link.reference)}</p>
${resolution ? resolutionSection(resolution, language) : ''}
<form method="post" action="${escapeHtml(action)}">${fields}
<button type="submit">${escapeHtml(t.send)}</button></form>`,
  );
}
