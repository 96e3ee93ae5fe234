import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { initialLocale, type Locale, loadMessages, type Messages, saveLocale } from '../i18n/locales.js';

const LocaleContext = createContext<{ locale: Locale; setLocale: (locale: Locale) => void }>({
  locale: 'en',
  setLocale: () => undefined,
});

/** The language to start in, with its messages (before the first render). */
export async function startingLocale(): Promise<{ locale: Locale; messages: Messages }> {
  const locale = initialLocale();
  return { locale, messages: await loadMessages(locale) };
}

export function useLocale() {
  return useContext(LocaleContext);
}

/**
 * Every react-intl error (a missing message, a bad format) on the console as `[intl] CODE: …`, in
 * production builds too, where react-intl's own handler is quiet: the browser tests fail on any.
 */
function reportIntlError(error: { code?: string; message: string }): void {
  console.error(`[intl] ${error.code ?? 'ERROR'}: ${error.message}`);
}

/**
 * react-intl in the chosen language; dates and times in the browser's own time zone. `initial` is the
 * first language's catalogue, loaded before the first render (main.tsx); another language's is
 * loaded when it is chosen, and the switch happens once it has arrived.
 */
export function LocaleProvider({
  children,
  initial,
}: {
  children: ReactNode;
  initial: { locale: Locale; messages: Messages };
}) {
  const [{ locale, messages }, setCurrent] = useState(initial);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = (next: Locale) => {
    saveLocale(next);
    void loadMessages(next).then((loaded) => setCurrent({ locale: next, messages: loaded }));
  };
  // Formats follow the browser's regional variant of the chosen language (en-GB dates for a British
  // browser), the words the chosen language.
  const formats = globalThis.navigator?.languages?.find((l) => l.split('-')[0] === locale) ?? locale;
  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <IntlProvider locale={formats} messages={messages} defaultLocale="en" onError={reportIntlError}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
