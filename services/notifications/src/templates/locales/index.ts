import type { Language } from '@chp/contracts';
import { type Catalogue, en } from './en.js';
import { hu } from './hu.js';
import { lv } from './lv.js';
import { ro } from './ro.js';
import { ru } from './ru.js';
import { uk } from './uk.js';

export type { Catalogue, MessageKey } from './en.js';

/** Languages with a catalogue; `other` (and anything unknown) falls back to English. */
export const templateLanguages = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

export const catalogues: Readonly<Record<TemplateLanguage, Catalogue>> = { en, uk, ru, hu, lv, ro };

/** BCP 47 tags for Intl: English is British English (the platform's home market). */
export const intlLocales: Readonly<Record<TemplateLanguage, string>> = {
  en: 'en-GB',
  uk: 'uk-UA',
  ru: 'ru',
  hu: 'hu-HU',
  lv: 'lv-LV',
  ro: 'ro-RO',
};

/** The customer's preferred language when we have templates for it, else English. */
export function templateLanguageOf(language: Language | string | undefined): TemplateLanguage {
  return (templateLanguages as readonly string[]).includes(language ?? '')
    ? (language as TemplateLanguage)
    : 'en';
}
