import { builders } from './builders.js';
import { createFormatter } from './format.js';
import { renderHtml, renderText } from './layout.js';
import { type TemplateLanguage, templateLanguageOf } from './locales/index.js';
import type { MessageModel, RenderedMessage, TemplateInput } from './model.js';

export interface RenderOptions {
  /** The customer's preferred language (or the staff language); unknown ones fall back to en. */
  language: string | undefined;
  /** IANA zone for dates and times. */
  timeZone: string;
}

/** Renders one template to subject, text and HTML in the language (or English) and time zone. */
export function render(input: TemplateInput, options: RenderOptions): RenderedMessage {
  const language: TemplateLanguage = templateLanguageOf(options.language);
  const formatter = createFormatter(language, options.timeZone);
  // The builder table is keyed by template, so this lookup always matches the input's type.
  const build = builders[input.template] as (input: TemplateInput, f: typeof formatter) => MessageModel;
  const model = build(input, formatter);
  return { subject: model.subject, text: renderText(model), html: renderHtml(model, language), language };
}
