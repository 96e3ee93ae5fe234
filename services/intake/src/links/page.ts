import { type CustomerLinkPayload, escapeHtml } from '@chp/platform';
import { type PageLanguage, texts } from './messages.js';

function layout(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}textarea{width:100%}</style>
</head><body>${body}</body></html>`;
}

/** A page with one message (thanks, already used, invalid, expired). */
export function messagePage(language: PageLanguage, message: string): string {
  return layout(language, message, `<p role="status">${escapeHtml(message)}</p>`);
}

/** The form for a link's action, posting back to the same URL. */
export function formPage(link: CustomerLinkPayload, language: PageLanguage, action: string): string {
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
<form method="post" action="${escapeHtml(action)}">${fields}
<button type="submit">${escapeHtml(t.send)}</button></form>`,
  );
}
