import { applyBatch, liveTables } from '../src/store/index.js';
import { type QueryHarness, startQueryHarness } from './support/app.js';
import { EventLog } from './support/events.js';

describe('query API over PostgreSQL', () => {
  let h: QueryHarness;
  const log = new EventLog();
  // A small fixed world: each complaint differs from the others in the filters it should match.
  const a = log
    .complaint({
      channel: 'email',
      priority: 'high',
      subject: 'Двічі списали кошти',
      description: 'С карты дважды списали оплату за один заказ.',
      customer: { id: 'crm-7', name: 'Olena', email: 'olena@example.com', preferredLanguage: 'uk' },
    })
    .add('ComplaintAcknowledged', {})
    .add('ComplaintTriaged', { category: 'billing', priority: 'high', severity: 'major' })
    .add('ComplaintAssigned', { team: 'cards', assigneeId: 'bob' })
    .add('ComplaintEscalated', { level: 2, reason: 'severity', to: 'head' });
  const b = log
    .complaint({
      at: '2026-03-01T08:00:00.000Z',
      channel: 'phone',
      subject: 'Kétszer terhelték a kártyámat',
      description: 'Please refund the duplicated payment.',
      customer: { name: 'Péter', phone: '+36301234567', preferredLanguage: 'hu' },
      deadlines: { acknowledge: '2026-03-01T12:00:00.000Z', resolve: '2026-03-08T08:00:00.000Z' },
    })
    .add('SlaBreached', {
      target: 'acknowledge',
      dueAt: '2026-03-01T12:00:00.000Z',
      at: '2026-03-01T12:00:01.000Z',
    });
  const c = log
    .complaint({
      at: '2026-02-20T08:00:00.000Z',
      subject: 'Kavēta piegāde',
      description: 'Coletul a ajuns cu întârziere și ambalajul era deteriorat.',
      customer: { name: 'Anna', email: 'OLENA@example.com', preferredLanguage: 'lv' },
    })
    .add('ComplaintResolved', { summary: 'ok', outcome: 'upheld', remedies: [], firstContact: true });

  beforeAll(async () => {
    h = await startQueryHarness();
    await applyBatch(h.db, liveTables, log.events);
  });
  afterAll(() => h.close());

  const ids = async (path: string): Promise<string[]> => {
    const response = await h.get(path);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { id: string }[] };
    return body.items.map((i) => i.id).sort();
  };
  const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();

  it.each([
    ['status=resolved', [c]],
    ['status=received,in_progress', [a, b]],
    ['priority=high', [a]],
    ['channel=phone', [b]],
    ['category=billing', [a]],
    ['assignee=bob', [a]],
    ['team=cards', [a]],
    ['unassigned=agent', [b, c]],
    ['team=cards&unassigned=agent', []],
    ['escalationLevel=2', [a]],
    ['escalationLevel=0', [b, c]],
    ['breached=true', [b]],
    ['breached=false', [a, c]],
    ['dueBefore=2026-03-02T00:00:00Z', [b]],
    ['customer=olena@example.com', [a, c]],
    ['customer=crm-7', [a]],
    ['customer=%2B36301234567', [b]],
    ['filedFrom=2026-03-01T00:00:00Z&filedTo=2026-03-02T00:00:00Z', [b]],
    ['q=двічі', [a]],
    ['q=KÉTSZER', [b]],
    ['q=piegāde', [c]],
    // In the description, in Russian, English and Romanian (ș, ț, ă, î kept as written).
    ['q=дважды', [a]],
    ['q=REFUND', [b]],
    ['q=întârziere', [c]],
    ['q=deteriorat', [c]],
  ])('GET /v1/complaints?%s', async (query, expected) => {
    expect(await ids(`/v1/complaints?${query}`)).toEqual(sorted(...expected));
  });

  it('shows the detail with a timeline of who did what, when', async () => {
    const response = await h.get(`/v1/complaints/${a.id}`, 'agent');
    const body = (await response.json()) as {
      status: string;
      timeline: { text: string; at: string; by: { id: string } }[];
    };
    expect(body.status).toBe('in_progress');
    expect(body.timeline).toHaveLength(5);
    expect(body.timeline[3]).toMatchObject({
      by: { id: 'agent-alice' },
      text: 'agent-alice (agent) assigned it to team cards, agent bob',
    });
    expect((await h.get(`/v1/complaints/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('gives the customer history by e-mail, phone or id', async () => {
    expect(await ids('/v1/customers/OLENA%40example.com/complaints')).toEqual(sorted(a, c));
    expect(await ids('/v1/customers/%2B36301234567/complaints')).toEqual(sorted(b));
  });

  it('answers the SLA board: at risk within a window, and breaches by team', async () => {
    // Now is 12:00; a's next due is first response at 09:00 next day, b is breached (ack due yesterday).
    expect(await ids('/v1/sla/at-risk?within=1d')).toEqual(sorted(a));
    expect(await ids('/v1/sla/at-risk?within=2h')).toEqual([]);
    const breaches = (await (await h.get('/v1/sla/breaches')).json()) as { byTeam: Record<string, number> };
    expect(breaches.byTeam).toEqual({ '(unassigned)': 1 });
  });

  it('returns CSV for lists', async () => {
    const response = await h.get('/v1/complaints?status=resolved', 'supervisor', 'text/csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(c.id);
  });

  it('pages CSV through a Link header, and answers CSV for the customer history and the SLA board', async () => {
    const first = await h.get('/v1/complaints?limit=2&sort=receivedAt', 'supervisor', 'text/csv');
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toMatch(/^\/v1\/complaints\?limit=2&sort=receivedAt&cursor=/);
    expect(first.headers.get('x-next-cursor')).toBe(
      new URL(next ?? '', 'http://x').searchParams.get('cursor'),
    );
    const rest = await h.get(next ?? '', 'supervisor', 'text/csv');
    const rows = (r: string) => r.trim().split('\r\n').slice(1);
    const all = [...rows(await first.text()), ...rows(await rest.text())];
    expect(all).toHaveLength(3);
    expect(new Set(all.map((line) => [a, b, c].find((x) => line.includes(x.id))?.id))).toEqual(
      new Set([a.id, b.id, c.id]),
    );
    expect(rest.headers.get('link')).toBeNull();

    const history = await h.get('/v1/customers/olena%40example.com/complaints', 'agent', 'text/csv');
    expect(history.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(rows(await history.text())).toHaveLength(2);
    const breaches = await h.get('/v1/sla/breaches', 'supervisor', 'text/csv');
    const breached = rows(await breaches.text());
    expect(breached).toHaveLength(1);
    expect(breached[0]).toContain(b.id);
    const atRisk = await h.get('/v1/sla/at-risk?within=1d', 'supervisor', 'text/csv');
    expect(rows(await atRisk.text()).map((line) => line.includes(a.id))).toEqual([true]);
  });

  it.each([
    ['status=lost', '#/status'],
    ['limit=500', '#/limit'],
    ['limit=abc', '#/limit'],
    ['escalationLevel=7', '#/escalationLevel'],
    ['dueBefore=tomorrow', '#/dueBefore'],
    ['sort=name', '#/sort'],
    ['colour=red', '#/colour'],
    ['cursor=garbage', '#/cursor'],
  ])('400 names the bad parameter: %s', async (query, pointer) => {
    const response = await h.get(`/v1/complaints?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await response.json()) as { errors: { pointer: string }[] };
    expect(body.errors.some((e) => e.pointer === pointer || e.pointer.startsWith(`${pointer}/`))).toBe(true);
  });

  it('400 on bad SLA and stats parameters; 403 for a role that may not read', async () => {
    expect((await h.get('/v1/sla/at-risk?within=soon')).status).toBe(400);
    const pointers = async (query: string) =>
      (
        (await (await h.get(`/v1/stats/overview?${query}`)).json()) as { errors: { pointer: string }[] }
      ).errors.map((e) => e.pointer);
    expect(await pointers('from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&groupBy=planet')).toEqual([
      '#/groupBy',
    ]);
    expect(await pointers('from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z')).toEqual(['#/to']);
    expect(await pointers('to=2026-03-01T00:00:00Z')).toEqual(['#/from']);
    expect((await h.get('/v1/complaints', 'channel')).status).toBe(403);
  });
});
