// @vitest-environment jsdom
// The standard answer picker against a scripted console server (fetch answered per request): its
// defaults (the complaint's category, the customer's language), the search it sends, and the
// placeholders it fills in from the complaint. test/knowledge.e2e.test.ts walks it with the real stack.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { messages } from '../i18n/catalogues.js';
import {
  AnswerPicker,
  type ChosenAnswer,
  fillPlaceholders,
  type PickerComplaint,
  placeholdersLeft,
  placeholderValues,
} from './answer-picker.js';

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
  vi.unstubAllGlobals();
});

const complaint = (language: string, category: string | null = 'billing'): PickerComplaint => ({
  id: '0b9c7d3e-5d1f-4a57-9f0e-3a4f1c2b6d70',
  reference: 'CMP-2026-000042',
  category,
  receivedAt: '2026-03-02T12:00:00Z',
  customer: { name: 'Kovács Anna', language },
  sla: { nextDueAt: '2026-03-20T12:00:00Z' },
});

const answerId = '5f0c6a1e-8d2b-4c3a-9e7f-1a2b3c4d5e6f';

/** The knowledge service's search as a script: records each path asked, answers one hit in that language. */
function serve(body: string) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      asked.push(path);
      const language = new URL(path, 'http://console').searchParams.get('language');
      const hit = {
        id: answerId,
        version: 3,
        status: 'published',
        category: 'billing',
        tags: [],
        language,
        rank: 0,
        text: { title: 'Számla ellenőrzése', body },
      };
      return new Response(JSON.stringify({ items: [hit] }), { status: 200 });
    }),
  );
  return asked;
}

function renderPicker(of: PickerComplaint, onPick: (text: string, chosen: ChosenAnswer) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <IntlProvider locale="en" messages={messages.en}>
          <AnswerPicker complaint={of} agentName="Nagy Péter" onPick={onPick} />
        </IntlProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('placeholders', () => {
  test('the complaint fills reference, name and dates (in the language of the answer); the rest stay', () => {
    const values = placeholderValues(complaint('hu'), 'hu', 'Nagy Péter');
    const text = fillPlaceholders(
      'Tisztelt {customerName}! A(z) {reference} ügyét {filedDate} óta vizsgáljuk, {dueDate} napig válaszolunk. {agentName}, {companyName}: {amount}',
      values,
    );
    expect(text).toBe(
      'Tisztelt Kovács Anna! A(z) CMP-2026-000042 ügyét 2026. március 2. óta vizsgáljuk, 2026. március 20. napig válaszolunk. Nagy Péter, {companyName}: {amount}',
    );
    expect(placeholdersLeft(text)).toEqual(['{companyName}', '{amount}']);
    expect(fillPlaceholders('{dueDate}', placeholderValues(complaint('en'), 'en'))).toBe('March 20, 2026');
  });

  test('without a next deadline {dueDate} is left for the agent', () => {
    const values = placeholderValues({ ...complaint('en'), sla: { nextDueAt: null } }, 'en');
    expect(fillPlaceholders('by {dueDate}', values)).toBe('by {dueDate}');
  });
});

describe('the answer picker', () => {
  test("searches the complaint's category in the customer's language, and hands over the filled text", async () => {
    const asked = serve('Tisztelt {customerName}! Ügyszám: {reference}. Összeg: {amount}');
    const onPick = vi.fn();
    renderPicker(complaint('hu-HU'), onPick);
    fireEvent.click(screen.getByRole('button', { name: 'Insert a standard answer' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Answer language').value).toBe('hu');
    expect(screen.getByLabelText<HTMLInputElement>('Answer category').value).toBe('billing');
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toBe('/api/knowledge/v1/answers?language=hu&limit=20&category=billing');
    fireEvent.click(await screen.findByRole('button', { name: 'Use “Számla ellenőrzése”' }));
    expect(onPick).toHaveBeenCalledWith('Tisztelt Kovács Anna! Ügyszám: CMP-2026-000042. Összeg: {amount}', {
      answerId,
      version: 3,
      language: 'hu',
    });
    // What the complaint cannot tell is named for the agent to type.
    expect(screen.getByRole('status').textContent).toBe('Fill in before sending: {amount}');
  });

  test('a language the directory lacks falls back to English; the agent can change language and category', async () => {
    const asked = serve('Dear {customerName}');
    const onPick = vi.fn();
    renderPicker(complaint('de', null), onPick);
    fireEvent.click(screen.getByRole('button', { name: 'Insert a standard answer' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Answer language').value).toBe('en');
    await waitFor(() => expect(asked).toEqual(['/api/knowledge/v1/answers?language=en&limit=20']));
    fireEvent.change(screen.getByLabelText('Answer language'), { target: { value: 'lv' } });
    fireEvent.change(screen.getByLabelText('Answer category'), { target: { value: 'delivery' } });
    await waitFor(() =>
      expect(asked.at(-1)).toBe('/api/knowledge/v1/answers?language=lv&limit=20&category=delivery'),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Use “Számla ellenőrzése”' }));
    expect(onPick).toHaveBeenCalledWith('Dear Kovács Anna', { answerId, version: 3, language: 'lv' });
  });
});
