// @vitest-environment jsdom
// The complaint page's parts against a scripted console server (fetch answered per request): the
// header "as it was on …" (deadlines from the complaints service's clocks at that moment), the linked
// complaints with their unlink action, and the customer's language with its correction form.
// The real server, services and browser walk the page in test/desk.e2e.test.ts.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { messages } from '../../../i18n/catalogues.js';
import type { ComplaintDetail, PastComplaint } from '../../../lib/complaint-types.js';
import { ComplaintHeader } from './complaint-header.js';
import LanguageCorrection from './language-correction.js';
import { LinkedComplaints } from './linked-complaints.js';
import UnlinkButton from './unlink-button.js';

beforeAll(() => {
  // jsdom has no scrolling; the router restores the scroll position.
  window.scrollTo = () => undefined;
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
const otherId = '5e2a1c3d-7b4f-4e8a-9c1d-2f3e4a5b6c7d';

const complaint: ComplaintDetail = {
  id,
  reference: 'C-1DQQ-RBJA',
  revision: 6,
  status: 'resolved',
  channel: 'web',
  priority: 'high',
  subject: 'Charged twice',
  customer: { id: 'crm-7', name: 'Olena', email: 'olena@example.com', phone: null, language: 'uk' },
  team: 'cards',
  assignee: null,
  receivedAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-05T10:00:00.000Z',
  acknowledgedAt: '2026-03-02T09:30:00.000Z',
  resolvedAt: '2026-03-05T10:00:00.000Z',
  sla: {
    due: {
      acknowledge: '2026-03-02T13:00:00.000Z',
      firstResponse: '2026-03-03T09:00:00.000Z',
      resolve: '2026-03-16T09:00:00.000Z',
      regulatoryFinalResponse: '2026-04-27T23:59:59.999Z',
    },
    nextDueAt: null,
    atRisk: false,
    overdue: false,
    breached: false,
    breachedTargets: [],
  },
  description: 'They took it twice.',
  links: [{ complaintId: otherId, reference: 'C-2BBB-CCCD', relation: 'related' }],
  timeline: [],
};

const clock = (clockName: 'operational' | 'regulatory', target: string, dueAt: string, state: string) => ({
  clock: clockName,
  target,
  binding: clockName === 'regulatory',
  dueAt,
  state: state as 'on_track',
});

/** The complaint at 10:00 on 2 March: received, not yet acknowledged, one hour to acknowledge. */
const past: PastComplaint = {
  revision: 0,
  asOf: '2026-03-02T12:00:00.000Z',
  state: { status: 'received' },
  clocks: {
    paused: false,
    operational: [
      clock('operational', 'acknowledge', '2026-03-02T13:00:00.000Z', 'at_risk'),
      clock('operational', 'first_response', '2026-03-04T12:00:00.000Z', 'on_track'),
      clock('operational', 'resolve', '2026-03-16T09:00:00.000Z', 'on_track'),
    ],
    regulatory: [clock('regulatory', 'final_response', '2026-04-27T23:59:59.999Z', 'on_track')],
  },
};

interface Sent {
  path: string;
  ifMatch: string | null;
  body: unknown;
}

/** The console server as a script: GETs of a complaint answer with its ETag (and the linked one's detail). */
function serve(answers: Response[]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      if ((init.method ?? 'GET') === 'GET') {
        if (path.includes(`/api/projections/v1/complaints/${otherId}`)) {
          return Response.json({
            ...complaint,
            id: otherId,
            reference: 'C-2BBB-CCCD',
            status: 'in_progress',
          });
        }
        return new Response('{}', { status: 200, headers: { etag: '"6"' } });
      }
      const headers = new Headers(init.headers);
      sent.push({ path, ifMatch: headers.get('if-match'), body: JSON.parse(String(init.body)) });
      const answer = answers.shift();
      if (!answer) throw new Error(`unscripted ${path}`);
      return answer;
    }),
  );
  return sent;
}

const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ status, detail, type: 'urn:chp:problem:x' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const ok = (revision: number) =>
  new Response(JSON.stringify({ revision, events: [] }), { status: 200, headers: { etag: `"${revision}"` } });

/** With a router, for the components that link to other pages. */
function renderWith(ui: () => ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const root = createRootRoute({ component: ui });
  const page = createRoute({ getParentRoute: () => root, path: '/complaints/$complaintId' });
  const router = createRouter({
    routeTree: root.addChildren([page]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <IntlProvider locale="en" messages={messages.en} timeZone="UTC">
          <RouterProvider router={router} />
        </IntlProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const deadlineRow = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe("the complaint's header", () => {
  test("today: the read model's status, deadlines met, and the customer's language by its name", async () => {
    serve([]);
    renderWith(() => <ComplaintHeader complaint={complaint} />);
    expect(await screen.findByText('Resolved')).toBeTruthy();
    expect(within(deadlineRow('Acknowledge')).getByText('Met')).toBeTruthy();
    expect(screen.getByText(/Language/).textContent).toContain('Ukrainian');
  });

  test('as it was on …: the status and deadlines of that moment, the time left counted from it', async () => {
    serve([]);
    renderWith(() => <ComplaintHeader complaint={complaint} past={past} />);
    expect(await screen.findByText('Received')).toBeTruthy();
    expect(screen.queryByText('Resolved')).toBeNull();
    expect(within(deadlineRow('Acknowledge')).getByText('in 1 hour')).toBeTruthy();
    expect(within(deadlineRow('First response')).getByText('in 2 days')).toBeTruthy();
    expect(within(deadlineRow('First response')).getByText(/Mar 4, 2026/)).toBeTruthy();
    expect(screen.getByText('At risk')).toBeTruthy();
  });
});

describe('the linked complaints', () => {
  test("each is a link with the link's kind and the other complaint's status; unlink sends its reference with If-Match", async () => {
    const sent = serve([ok(7)]);
    renderWith(() => (
      <LinkedComplaints
        links={complaint.links}
        action={(link) => <UnlinkButton complaintId={id} link={link} />}
      />
    ));
    const link = await screen.findByRole('link', { name: 'C-2BBB-CCCD' });
    expect(link.getAttribute('href')).toBe(`/complaints/${otherId}`);
    expect(screen.getByText('Related')).toBeTruthy();
    expect(await screen.findByText('In progress')).toBeTruthy();
    const unlink = screen.getByRole('button', { name: 'Unlink C-2BBB-CCCD' });
    await waitFor(() => expect((unlink as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(unlink);
    await waitFor(() =>
      expect(sent).toEqual([
        {
          path: `/api/complaints/v1/complaints/${id}/unlink`,
          ifMatch: '"6"',
          body: { linkedReference: 'C-2BBB-CCCD' },
        },
      ]),
    );
  });

  test('none: says so', async () => {
    serve([]);
    renderWith(() => <LinkedComplaints links={[]} />);
    expect(await screen.findByText('No linked complaints.')).toBeTruthy();
  });
});

describe("correcting the customer's language", () => {
  const renderForm = () => renderWith(() => <LanguageCorrection complaintId={id} current="uk" />);
  const submit = async () => {
    const send = await screen.findByRole('button', { name: 'Correct the language' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(send);
  };

  test('offers the other languages; nothing chosen is refused by the schema before anything is sent', async () => {
    const sent = serve([]);
    renderForm();
    const select = await screen.findByLabelText<HTMLSelectElement>("The customer's language");
    expect([...select.options].map((o) => o.value)).toEqual(['', 'en', 'ru', 'hu', 'lv', 'ro', 'other']);
    await submit();
    expect(await screen.findByText('Check this field.')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  test('sends {language} with If-Match to its own route', async () => {
    const sent = serve([ok(7)]);
    renderForm();
    fireEvent.change(await screen.findByLabelText("The customer's language"), { target: { value: 'ru' } });
    await submit();
    expect((await screen.findByRole('status')).textContent).toContain('revision 7');
    expect(sent).toEqual([
      {
        path: `/api/complaints/v1/complaints/${id}/correct-customer-language`,
        ifMatch: '"6"',
        body: { language: 'ru' },
      },
    ]);
  });

  test('a 412 offers a reload; a 409 shows the rule', async () => {
    serve([problem(412, 'changed'), problem(409, 'The language is already ru')]);
    renderForm();
    fireEvent.change(await screen.findByLabelText("The customer's language"), { target: { value: 'ru' } });
    await submit();
    expect((await screen.findByRole('alert')).textContent).toContain('Someone changed this complaint');
    fireEvent.click(screen.getByRole('button', { name: 'Reload the complaint' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByLabelText<HTMLSelectElement>("The customer's language").value).toBe('ru');
    await submit();
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not allowed now: The language is already ru',
    );
  });
});
