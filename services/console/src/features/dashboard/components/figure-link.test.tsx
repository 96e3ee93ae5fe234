// @vitest-environment jsdom
// The morning view's figures: each number is a link to the queue filtered to exactly its complaints
// (the report's drill-down query as the queue's `drill`), named for a screen reader by what it counts.
import { MantineProvider } from '@mantine/core';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { messages } from '../../../i18n/catalogues.js';
import type { Locale } from '../../../i18n/locales.js';
import { toCsv } from '../api/csv.js';
import type { ComplianceRow } from '../api/reports.js';
import { sortRows } from './compliance-section.js';
import { FigureLink, FigureTile } from './figure-link.js';

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
// The router restores the scroll position, which jsdom does not implement.
window.scrollTo = (() => undefined) as typeof window.scrollTo;
afterEach(cleanup);

async function renderAt(ui: ReactNode, locale: Locale = 'en') {
  const root = createRootRoute({ component: Outlet });
  const home = createRoute({ getParentRoute: () => root, path: '/', component: () => <>{ui}</> });
  const queue = createRoute({ getParentRoute: () => root, path: '/queue', component: () => <p>queue</p> });
  const router = createRouter({
    routeTree: root.addChildren([home, queue]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(
    <MantineProvider>
      <IntlProvider locale={locale} messages={messages[locale]}>
        <RouterProvider router={router} />
      </IntlProvider>
    </MantineProvider>,
  );
  await screen.findByRole('link');
}

const breached = { count: 1234, drillDown: '/v1/complaints?open=true&breached=resolve&team=cards' };

describe('a figure of the morning view', () => {
  test('links to the queue with exactly the drill-down filters, named by what it counts', async () => {
    await renderAt(<FigureTile label="Breached, Resolve" figure={breached} />);
    const link = screen.getByRole('link', { name: 'Breached, Resolve: 1,234, show in the queue' });
    expect(link.textContent).toBe('1,234');
    const href = new URL(link.getAttribute('href') ?? '', 'http://console');
    expect(href.pathname).toBe('/queue');
    expect(href.searchParams.get('drill')).toBe('open=true&breached=resolve&team=cards');
    expect(screen.getByRole('heading', { level: 3, name: 'Breached, Resolve' })).toBeDefined();
  });

  test("numbers are the user's language's", async () => {
    await renderAt(<FigureLink figure={breached} label="Порушено" />, 'uk');
    const link = screen.getByRole('link');
    expect(link.textContent).toBe(new Intl.NumberFormat('uk').format(1234));
    expect(link.getAttribute('aria-label')).toBe(
      `Порушено: ${new Intl.NumberFormat('uk').format(1234)}, показати в черзі`,
    );
  });

  test('a zero is still a link (to an empty list), never a dead number', async () => {
    await renderAt(
      <FigureLink
        figure={{ count: 0, drillDown: '/v1/complaints?open=true&stale=true&staleDays=5' }}
        label="Stale"
      />,
    );
    const link = screen.getByRole('link', { name: 'Stale: 0, show in the queue' });
    expect(new URL(link.getAttribute('href') ?? '', 'http://console').searchParams.get('drill')).toBe(
      'open=true&stale=true&staleDays=5',
    );
  });
});

describe('exports and sorting', () => {
  test('CSV is RFC 4180 with formula-looking text defused and numbers as they are', () => {
    expect(
      toCsv(
        ['key', 'n'],
        [
          ['=HYPERLINK("x")', -3],
          ['a,b', null],
        ],
      ),
    ).toBe(`key,n\r\n"'=HYPERLINK(""x"")",-3\r\n"a,b",\r\n`);
  });

  test('the compliance table sorts worst first, either way, with the rows without a figure last', () => {
    const row = (key: string, total: number, breachedCount: number): ComplianceRow => ({
      key,
      total: { count: total, drillDown: '' },
      breached: { count: breachedCount, drillDown: '' },
      compliancePercent: total === 0 ? null : ((total - breachedCount) / total) * 100,
    });
    const rows = [row('cards', 4, 1), row('loans', 2, 2), row('empty', 0, 0), row('web', 5, 0)];
    expect(sortRows(rows, { field: 'compliance', descending: false }).map((r) => r.key)).toEqual([
      'loans',
      'cards',
      'web',
      'empty',
    ]);
    expect(sortRows(rows, { field: 'total', descending: true }).map((r) => r.key)).toEqual([
      'web',
      'cards',
      'loans',
      'empty',
    ]);
    expect(sortRows(rows, { field: 'key', descending: false }).map((r) => r.key)).toEqual([
      'cards',
      'empty',
      'loans',
      'web',
    ]);
  });
});
