import type { MessageId, Messages } from './messages/en.js';

export const locales = ['en', 'uk', 'ru', 'hu', 'lv', 'ro'] as const;
export type Locale = (typeof locales)[number];
export type { MessageId, Messages };

/**
 * One language's messages, loaded when it is chosen: each catalogue is a chunk of its own, so the
 * first load carries one language rather than six (all six, for tests: `./catalogues.js`).
 */
export function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'en':
      return import('./messages/en.js').then((m) => m.en);
    case 'uk':
      return import('./messages/uk.js').then((m) => m.uk);
    case 'ru':
      return import('./messages/ru.js').then((m) => m.ru);
    case 'hu':
      return import('./messages/hu.js').then((m) => m.hu);
    case 'lv':
      return import('./messages/lv.js').then((m) => m.lv);
    case 'ro':
      return import('./messages/ro.js').then((m) => m.ro);
  }
}

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
