// @vitest-environment jsdom
// The action forms against a scripted console server (fetch answered per request): validation by the
// contracts' schema, If-Match from the ETag, the 412 and 409 displays, and what each role is offered.
// The real server, services and browser walk the same forms in test/desk.e2e.test.ts.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { messages } from '../../../i18n/catalogues.js';
import type { AuditEntry } from '../../../lib/complaint-types.js';
import type { Role } from '../../../lib/session.js';
import ActionsPanel from './actions-panel.js';

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

const id = '0b9c7d3e-5d1f-4a57-9f0e-3a4f1c2b6d70';
const lastChange: AuditEntry = {
  revision: 4,
  eventId: 'e4',
  type: 'ComplaintAssigned',
  at: '2026-03-02T09:15:00Z',
  actor: { id: 'sup-1', role: 'supervisor' },
  data: {},
};

interface Sent {
  path: string;
  ifMatch: string | null;
  body: unknown;
}

/** The console server as a script: the ETag it reports, and the answer to each command. */
function serve(script: { etags: string[]; answers: Response[] }) {
  const sent: Sent[] = [];
  const reads: string[] = [];
  const etags = [...script.etags];
  const answers = [...script.answers];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit) => {
      if ((init.method ?? 'GET') === 'GET') {
        const etag = etags.length > 1 ? etags.shift() : etags[0];
        reads.push(etag ?? '');
        return new Response('{}', { status: 200, headers: { etag: etag ?? '"0"' } });
      }
      const headers = new Headers(init.headers);
      sent.push({ path, ifMatch: headers.get('if-match'), body: JSON.parse(String(init.body)) });
      const answer = answers.shift();
      if (!answer) throw new Error(`unscripted ${path}`);
      return answer;
    }),
  );
  return Object.assign(sent, { reads });
}

const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ status, detail, type: 'urn:chp:problem:x' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const ok = (revision: number) =>
  new Response(JSON.stringify({ revision, events: [] }), { status: 200, headers: { etag: `"${revision}"` } });

function renderPanel(roles: Role[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <IntlProvider locale="en" messages={messages.en}>
          <ActionsPanel complaintId={id} roles={roles} lastChange={lastChange} />
        </IntlProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const choose = (command: string) =>
  fireEvent.change(screen.getByLabelText('Action'), { target: { value: command } });
const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the action forms', () => {
  test('an empty note is refused by the contracts schema before anything is sent', async () => {
    const sent = serve({ etags: ['"3"'], answers: [] });
    renderPanel(['agent']);
    choose('AddNote');
    const send = await screen.findByRole('button', { name: 'Add a note' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    expect(await screen.findAllByText('Check this field.')).toHaveLength(2);
    expect([...sent]).toEqual([]);
  });

  test('a command goes with If-Match from the ETag, and its body is the schema parsed one', async () => {
    const sent = serve({ etags: ['"3"'], answers: [ok(4)] });
    renderPanel(['agent']);
    choose('TriageComplaint');
    type('Category', 'card-payments');
    type('Priority', 'high');
    type('Severity', 'major');
    const send = screen.getByRole('button', { name: 'Triage' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    expect((await screen.findByRole('status')).textContent).toContain('revision 4');
    expect([...sent]).toEqual([
      {
        path: `/api/complaints/v1/complaints/${id}/triage`,
        ifMatch: '"3"',
        body: { category: 'card-payments', priority: 'high', severity: 'major' },
      },
    ]);
  });

  test('a 412 names who changed it, keeps the typed text, and the reload sends with the new ETag', async () => {
    const sent = serve({ etags: ['"3"', '"4"'], answers: [problem(412, 'changed'), ok(5)] });
    renderPanel(['agent']);
    choose('AddNote');
    type('Visible to', 'internal');
    type('Note', 'Called the branch; they will call back.');
    const send = screen.getByRole('button', { name: 'Add a note' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('sup-1 (supervisor), ComplaintAssigned');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note').value).toBe(
      'Called the branch; they will call back.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reload the complaint' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note').value).toBe(
      'Called the branch; they will call back.',
    );
    // The reload read the ETag again: the retry names the new revision.
    await waitFor(() => expect(sent.reads).toEqual(['"3"', '"4"']));
    fireEvent.click(screen.getByRole('button', { name: 'Add a note' }));
    await waitFor(() => expect(sent.map((s) => s.ifMatch)).toEqual(['"3"', '"4"']));
    expect((await screen.findByRole('status')).textContent).toContain('revision 5');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note').value).toBe('');
  });

  test('a 409 shows the rule that refused the command', async () => {
    serve({ etags: ['"3"'], answers: [problem(409, 'A closed complaint cannot be escalated')] });
    renderPanel(['agent']);
    choose('AcknowledgeComplaint');
    const send = screen.getByRole('button', { name: 'Acknowledge' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not allowed now: A closed complaint cannot be escalated',
    );
  });

  test("an agent is not offered a supervisor's decisions; a supervisor is", () => {
    serve({ etags: ['"3"'], answers: [] });
    const { unmount } = renderPanel(['agent']);
    const commands = () =>
      [...screen.getByLabelText<HTMLSelectElement>('Action').options].map((o) => o.value);
    expect(commands()).not.toContain('RevokeCustomerLinks');
    choose('CloseComplaint');
    const reasons = () => [...screen.getByLabelText<HTMLSelectElement>('Reason').options].map((o) => o.value);
    expect(reasons()).toEqual(['', 'accepted', 'no_response']);
    choose('EscalateComplaint');
    const levels = () => [...screen.getByLabelText<HTMLSelectElement>('Level').options].map((o) => o.value);
    expect(levels()).toEqual(['', '1', '2']);
    unmount();
    renderPanel(['supervisor']);
    expect(commands()).toContain('RevokeCustomerLinks');
    choose('CloseComplaint');
    expect(reasons()).toEqual(['', 'accepted', 'no_response', 'dismissed', 'duplicate']);
    choose('EscalateComplaint');
    expect(levels()).toEqual(['', '1', '2', '3']);
  });
});
