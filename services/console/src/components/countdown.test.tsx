// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { messages } from '../i18n/catalogues.js';
import type { Locale } from '../i18n/locales.js';
import { Countdown } from './countdown.js';

beforeAll(() => {
  // jsdom has no matchMedia; Mantine asks it for the colour scheme.
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function inLocale(locale: Locale, node: ReactNode) {
  return render(
    <MantineProvider>
      <IntlProvider locale={locale} messages={messages[locale]}>
        {node}
      </IntlProvider>
    </MantineProvider>,
  );
}

const now = Date.parse('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('the deadline countdown', () => {
  test('says how long is left, in the user language', () => {
    inLocale('en', <Countdown due={at(2 * 3_600_000)} now={now} />);
    expect(screen.getByText('in 2 hours')).toBeTruthy();
  });

  test('uses the language own plural forms (Ukrainian: 5 днів, 3 дні)', () => {
    inLocale(
      'uk',
      <>
        <Countdown due={at(5 * 86_400_000)} now={now} />
        <Countdown due={at(3 * 86_400_000)} now={now} />
      </>,
    );
    expect(screen.getByText('через 5 днів')).toBeTruthy();
    expect(screen.getByText('через 3 дні')).toBeTruthy();
  });

  test('a passed deadline reads as the time since, and carries its instant', () => {
    const due = at(-3 * 60_000);
    inLocale('en', <Countdown due={due} now={now} />);
    const text = screen.getByText('3 minutes ago');
    expect(text.closest('time')?.getAttribute('datetime')).toBe(due);
  });

  test('no deadline is said in words', () => {
    inLocale('lv', <Countdown due={null} now={now} />);
    expect(screen.getByText('Nav termiņa')).toBeTruthy();
  });

  test('it ticks: a minute and five seconds left becomes 55 seconds ten seconds later', () => {
    vi.useFakeTimers();
    inLocale('en', <Countdown due={at(65_000)} now={now} />);
    expect(screen.getByText('in 1 minute')).toBeTruthy();
    // A second at a time: each tick renders before react-intl schedules the next one.
    for (let second = 0; second < 10; second++) {
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
    }
    expect(screen.getByText('in 55 seconds')).toBeTruthy();
  });
});
