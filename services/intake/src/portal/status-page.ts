import { texts as linkTexts } from '../links/index.js';
import { e, layout } from './html.js';
import { statusTexts } from './status-texts.js';
import { longDate, type PortalLanguage } from './texts.js';
import { nextDeadline, type PortalView, type TimelineEntry } from './view.js';

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${e(p).replaceAll('\n', '<br>')}</p>`)
    .join('');

function entryHtml(language: PortalLanguage, entry: TimelineEntry, timeZone: string): string {
  const s = statusTexts[language];
  const heading = `<strong>${e(s.steps[entry.kind])}</strong> · <time datetime="${e(entry.at)}">${e(longDate(language, entry.at, timeZone))}</time>`;
  switch (entry.kind) {
    case 'information_requested':
      return `${heading}${paragraphs(entry.question)}`;
    case 'responded':
      return `${heading}${paragraphs(entry.message)}`;
    case 'note':
      return `${heading}${paragraphs(entry.text)}`;
    case 'holding_reply':
      return `${heading}${paragraphs(entry.reason)}<p>${e(s.answerBy(longDate(language, entry.dueAt, timeZone)))}</p>`;
    case 'resolved':
      return `${heading}<p>${e(s.outcomes[entry.outcome])}</p>${paragraphs(entry.summary)}${
        entry.remedies.length > 0
          ? `<ul>${entry.remedies
              .map(
                (r) =>
                  `<li>${e(s.remedies[r.type])}${'amount' in r ? ` ${e(`${r.amount.amount} ${r.amount.currency}`)}` : ''}${r.description ? `: ${e(r.description)}` : ''}</li>`,
              )
              .join('')}</ul>`
          : ''
      }`;
    case 'rated':
      return `${heading} (${entry.score}/5)`;
    default:
      return heading;
  }
}

export interface StatusPageInput {
  language: PortalLanguage;
  view: PortalView;
  /** A fresh CSRF form token for each form of the page. */
  token: string;
  timeZone: string;
  /** A message above everything (answer recorded, a refused form). */
  notice?: string;
  noticeIsError?: boolean;
}

/** The status page: where the complaint stands, what comes next, its customer-visible history, and forms. */
export function statusPage(input: StatusPageInput): string {
  const { language, view, token, timeZone } = input;
  const s = statusTexts[language];
  const l = linkTexts[language];
  const next = nextDeadline(view);
  const nextText = next
    ? { acknowledge: s.acknowledgeBy, answer: s.answerBy, respond: s.respondBy }[next.kind](
        longDate(language, next.at, timeZone),
      )
    : undefined;
  const action = (name: string) => `/portal/${language}/status/${name}`;
  const hidden = `<input type="hidden" name="token" value="${e(token)}">`;
  const forms: string[] = [];
  if (view.openRequest) {
    forms.push(`<section aria-labelledby="reply-heading"><h2 id="reply-heading">${e(s.question)}</h2>${paragraphs(view.openRequest.question)}
<form method="post" action="${action('reply')}" enctype="multipart/form-data">${hidden}
<label for="f-message">${e(s.yourReply)}</label><textarea id="f-message" name="message" maxlength="20000" rows="6" required></textarea>
<label for="f-files">${e(s.attach)}</label><input type="file" id="f-files" name="files" multiple>
<button type="submit">${e(s.sendReply)}</button></form></section>`);
  }
  const resolution = view.resolution;
  if (view.status === 'resolved' && resolution?.resolutionId && !resolution.answered) {
    forms.push(`<section aria-labelledby="accept-heading"><h2 id="accept-heading">${e(l.accept)}</h2>
<form method="post" action="${action('accept')}">${hidden}
<label for="f-accept-comment">${e(l.comment)}</label><textarea id="f-accept-comment" name="comment" maxlength="2000" rows="3"></textarea>
<button type="submit">${e(l.send)}</button></form></section>
<section aria-labelledby="reject-heading"><h2 id="reject-heading">${e(l.reject)}</h2>
<form method="post" action="${action('reject')}">${hidden}
<label for="f-reason">${e(l.reason)}</label><textarea id="f-reason" name="reason" maxlength="5000" rows="3" required></textarea>
<button type="submit">${e(l.send)}</button></form></section>`);
  }
  if (
    (view.status === 'resolved' || view.status === 'closed') &&
    resolution?.resolutionId &&
    !resolution.rated
  ) {
    forms.push(`<section aria-labelledby="survey-heading"><h2 id="survey-heading">${e(l.survey)}</h2>
<form method="post" action="${action('rate')}">${hidden}
<fieldset><legend>${e(l.score)}</legend>${[1, 2, 3, 4, 5]
      .map(
        (n) => `<label class="inline"><input type="radio" name="score" value="${n}" required> ${n}</label>`,
      )
      .join('')}</fieldset>
<label for="f-rate-comment">${e(l.comment)}</label><textarea id="f-rate-comment" name="comment" maxlength="2000" rows="3"></textarea>
<button type="submit">${e(l.send)}</button></form></section>`);
  }
  const notice = input.notice
    ? `<p class="${input.noticeIsError ? 'summary' : 'notice'}" role="${input.noticeIsError ? 'alert' : 'status'}">${e(input.notice)}</p>`
    : '';
  return layout(
    language,
    s.title(view.reference),
    'status',
    `<h1>${e(s.title(view.reference))}</h1>
${notice}
<p>${e(s.status)}: <strong>${e(s.statuses[view.status])}</strong></p>
${nextText ? `<p>${e(nextText)}</p>` : ''}
${view.assigneeName ? `<p>${e(s.handledBy)}: ${e(view.assigneeName)}</p>` : ''}
${forms.join('\n')}
<h2>${e(s.history)}</h2>
<ol class="timeline">${[...view.timeline]
      .reverse()
      .map((entry) => `<li>${entryHtml(language, entry, timeZone)}</li>`)
      .join('')}</ol>
<form method="post" action="${action('sign-out')}">${hidden}<button type="submit">${e(s.signOut)}</button></form>`,
  );
}
