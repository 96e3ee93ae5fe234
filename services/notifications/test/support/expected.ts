// What the README promises messages show, computed in the tests with Intl directly rather than with
// the templates' own formatter, so that a wrong locale, zone or format in the code is caught.

/** The Intl locale the README names for each language. */
export const expectedLocales = {
  en: 'en-GB',
  uk: 'uk-UA',
  ru: 'ru',
  hu: 'hu-HU',
  lv: 'lv-LV',
  ro: 'ro-RO',
} as const;

export type ExpectedLanguage = keyof typeof expectedLocales;

/** A deadline as the README says messages show it: day, month name, year, time, the zone named. */
export const expectedDate = (language: ExpectedLanguage, zone: string, iso: string): string =>
  new Intl.DateTimeFormat(expectedLocales[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: zone,
  }).format(new Date(iso));
