import { en, type MessageId, type Messages } from './messages/en.js';
import { hu } from './messages/hu.js';
import { lv } from './messages/lv.js';
import { ro } from './messages/ro.js';
import { ru } from './messages/ru.js';
import { uk } from './messages/uk.js';

export const locales = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type Locale = (typeof locales)[number];
export type { MessageId, Messages };

export const messages: Record<Locale, Messages> = { en, uk, ru, hu, lv, ro };

/** Each language by its own name, for the switch. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  uk: 'Українська',
  ru: 'Русский',
  hu: 'Magyar',
  lv: 'Latviešu',
  ro: 'Română',
};

export function isLocale(value: unknown): value is Locale {
  return (locales as readonly unknown[]).includes(value);
}

const storageKey = 'chp.locale';

/** The saved choice, else the browser's first supported language, else English. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(storageKey);
  if (isLocale(saved)) return saved;
  for (const language of globalThis.navigator?.languages ?? []) {
    const base = language.split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function saveLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(storageKey, locale);
}
