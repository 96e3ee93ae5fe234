import { IntlMessageFormat } from 'intl-messageformat';
import {
  type Catalogue,
  catalogues,
  intlLocales,
  type MessageKey,
  type TemplateLanguage,
} from './locales/index.js';

type Values = Record<string, string | number>;

/** Formats messages, dates and money for one language and time zone. */
export interface Formatter {
  readonly language: TemplateLanguage;
  readonly locale: string;
  t(key: MessageKey, values?: Values): string;
  dateTime(iso: string): string;
  money(amount: string, currency: string): string;
}

// Parsing ICU messages is the costly part; each (language, key) is compiled once per process.
const compiled = new Map<string, IntlMessageFormat>();

function messageFormat(language: TemplateLanguage, catalogue: Catalogue, key: MessageKey): IntlMessageFormat {
  const cacheKey = `${language}:${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(catalogue[key], intlLocales[language]);
    compiled.set(cacheKey, format);
  }
  return format;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function createFormatter(language: TemplateLanguage, timeZone: string): Formatter {
  const locale = intlLocales[language];
  const catalogue = catalogues[language];
  const dtKey = `${locale}|${timeZone}`;
  let dateTimeFormat = dateTimeFormats.get(dtKey);
  if (!dateTimeFormat) {
    // Named fields rather than dateStyle so that the zone is shown: a deadline must be unambiguous.
    dateTimeFormat = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone,
    });
    dateTimeFormats.set(dtKey, dateTimeFormat);
  }
  const dtf = dateTimeFormat;
  return {
    language,
    locale,
    t(key, values) {
      const out = messageFormat(language, catalogue, key).format(values);
      if (typeof out !== 'string') throw new Error(`message ${language}:${key} did not format to a string`);
      return out;
    },
    dateTime: (iso) => dtf.format(new Date(iso)),
    // A decimal string goes to Intl as is, so the amount is never rounded through a float.
    money: (amount, currency) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
        amount as Intl.StringNumericLiteral,
      ),
  };
}
