// @vitest-environment jsdom
// The standard answer picker inside the action forms, against a scripted console server: offered in
// the forms that write to the customer only, its text goes into the field, and the use is recorded
// (knowledge's `POST /v1/answers/:id/uses`) once the command is sent.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { PickerComplaint } from '../../../components/answer-picker.js';
import { messages } from '../../../i18n/catalogues.js';
import ActionsPanel from './actions-panel.js';

beforeAll(() => {
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

const id = '0b9c7d3e-5d1f-4a57-9f0e-3a4f1c2b6d70';
const answerId = '5f0c6a1e-8d2b-4c3a-9e7f-1a2b3c4d5e6f';
const complaint: PickerComplaint = {
  id,
  reference: 'CMP-2026-000042',
  category: 'billing',
  receivedAt: '2026-03-02T12:00:00Z',
  customer: { name: 'Ana Popescu', language: 'ro' },
  sla: { nextDueAt: '2026-03-20T12:00:00Z' },
};

/** Every request the panel makes, answered: the ETag, one Romanian answer, and 2xx to each POST. */
function serve() {
  const posted: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit) => {
      if ((init.method ?? 'GET') === 'GET') {
        if (path.startsWith('/api/knowledge/v1/answers?')) {
          const hit = {
            id: answerId,
            version: 2,
            status: 'published',
            category: 'billing',
            tags: [],
            language: 'ro',
            rank: 0,
            text: {
              title: 'Verificăm factura',
              body: 'Reclamația {reference} va primi răspuns până la {dueDate}.',
            },
          };
          return new Response(JSON.stringify({ items: [hit] }), { status: 200 });
        }
        return new Response('{}', { status: 200, headers: { etag: '"3"' } });
      }
      posted.push({ path, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ revision: 4, events: [] }), { status: 201 });
    }),
  );
  return posted;
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <IntlProvider locale="en" messages={messages.en}>
          <ActionsPanel complaintId={id} roles={['agent']} lastChange={undefined} complaint={complaint} />
        </IntlProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const choose = (command: string) =>
  fireEvent.change(screen.getByLabelText('Action'), { target: { value: command } });

describe('standard answers in the action forms', () => {
  test('a note to staff only gets no picker; one to the customer does, and sending it records the use', async () => {
    const posted = serve();
    renderPanel();
    choose('AddNote');
    expect(screen.queryByRole('button', { name: 'Insert a standard answer' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Visible to'), { target: { value: 'customer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Insert a standard answer' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use “Verificăm factura”' }));
    const filled = 'Reclamația CMP-2026-000042 va primi răspuns până la 20 martie 2026.';
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note').value).toBe(filled);

    const send = screen.getByRole('button', { name: 'Add a note' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toEqual([
      {
        path: `/api/complaints/v1/complaints/${id}/add-note`,
        body: { visibility: 'customer', text: filled },
      },
      {
        path: `/api/knowledge/v1/answers/${answerId}/uses`,
        body: { version: 2, complaintId: id, language: 'ro' },
      },
    ]);
  });

  test('the resolve and ask-the-customer forms offer it; a form without a chosen answer records nothing', async () => {
    const posted = serve();
    renderPanel();
    choose('ResolveComplaint');
    expect(screen.getByRole('button', { name: 'Insert a standard answer' })).toBeTruthy();
    choose('RequestCustomerInformation');
    expect(screen.getByRole('button', { name: 'Insert a standard answer' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'Please send the bill.' } });
    const send = screen.getByRole('button', { name: 'Ask the customer' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    await screen.findByRole('status');
    expect(posted.map((p) => p.path)).toEqual([
      `/api/complaints/v1/complaints/${id}/request-customer-information`,
    ]);
  });
});
