import { deflectionTexts } from './deflection-texts.js';
import { e, layout } from './html.js';
import type { TypicalQuestion } from './knowledge.js';
import { type PortalLanguage, portalTexts } from './texts.js';

/** One question with its answer, folded (`<details>`), and optionally the "this answered my question" form. */
function questionItem(language: PortalLanguage, item: TypicalQuestion, token?: string): string {
  const t = deflectionTexts[language];
  const vote = token
    ? `<form method="post" action="/portal/${language}/questions/${e(item.id)}/helped">
<input type="hidden" name="token" value="${e(token)}"><button type="submit">${e(t.helped)}</button></form>`
    : '';
  return `<li><details><summary>${e(item.question)}</summary>
<p class="answer">${e(item.answer)}</p>${vote}</details></li>`;
}

/**
 * The filing form's suggestions (`#suggestions`). Undefined items: the customer has not asked yet,
 * the block is empty and hidden, and the script fills it while they type. The data attributes give
 * the script its words.
 */
export function suggestionsBlock(
  language: PortalLanguage,
  token: string,
  items: readonly TypicalQuestion[] | undefined,
): string {
  const t = deflectionTexts[language];
  const data = `data-title="${e(t.suggestionsTitle)}" data-intro="${e(t.suggestionsIntro)}" data-helped="${e(t.helped)}"`;
  if (items === undefined)
    return `<section id="suggestions" class="suggestions" aria-live="polite" hidden ${data}></section>`;
  const list =
    items.length === 0
      ? `<p>${e(t.noSuggestions)}</p>`
      : `<p>${e(t.suggestionsIntro)}</p>
<ul class="questions">${items.map((item) => questionItem(language, item, token)).join('')}</ul>`;
  return `<section id="suggestions" class="suggestions" aria-live="polite" ${data}>
<h2>${e(t.suggestionsTitle)}</h2>
${list}</section>`;
}

/** The start page's common questions (read-only: no vote without a form token). */
export function commonQuestions(language: PortalLanguage, items: readonly TypicalQuestion[]): string {
  if (items.length === 0) return '';
  return `<section class="common"><h2>${e(deflectionTexts[language].commonQuestions)}</h2>
<ul class="questions">${items.map((item) => questionItem(language, item)).join('')}</ul></section>`;
}

/** After "this answered my question": thanks, nothing filed, and the way back to the form. */
export function thanksPage(language: PortalLanguage): string {
  const t = deflectionTexts[language];
  return layout(
    language,
    t.thanksTitle,
    'complaint',
    `<h1>${e(t.thanksTitle)}</h1>
<p role="status">${e(t.thanks)}</p>
<p><a href="/portal/${language}/complaint">${e(t.stillFile)}</a></p>
<p><a href="/portal">${e(portalTexts[language].portal)}</a></p>`,
  );
}
