import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A PostgreSQL database for one test file: a fresh schema on a server, or an embedded PGlite. */
export interface PostgresHandle {
  kind: 'postgres' | 'pglite';
  /**
   * `postgres://…?options=-c%20search_path%3D<schema>` (node-postgres sends `options` at startup, so
   * every connection lands in the schema), or `pglite://<dir>` / `pglite://memory`.
   */
  url: string;
  /** The schema created for this handle (servers only). */
  schema?: string;
  /** Drops the schema (server) or removes the PGlite directory. Close your pools first. */
  close(): Promise<void>;
}

export interface PostgresOptions {
  /**
   * `auto` (default): `DATABASE_URL`, else a server answering on 127.0.0.1:5432, else PGlite.
   * `pglite`: always PGlite. `server`: a server, or throw with the reason.
   */
  use?: 'auto' | 'pglite' | 'server';
  /** PGlite only: in memory (`pglite://memory`) rather than in a temporary directory. */
  memory?: boolean;
}

export type PostgresServerResult = (PostgresHandle & { kind: 'postgres'; available: true }) | Unavailable;
export type Unavailable = { available: false; reason: string };

const localHost = '127.0.0.1';
const localPort = 5432;
const noServer = `DATABASE_URL is not set and nothing answers on ${localHost}:${localPort}`;

/**
 * A PostgreSQL database for a test file. Prefers `DATABASE_URL`, then a local server on
 * 127.0.0.1:5432, then PGlite, and prints which one it chose. On a server each call gets its own
 * schema `t_<random>`, dropped by `close()`.
 */
export async function postgres(options: PostgresOptions = {}): Promise<PostgresHandle> {
  const use = options.use ?? 'auto';
  if (use !== 'pglite') {
    const server = await postgresServer();
    if (server.available) return server;
    if (use === 'server') throw new Error(`postgres({ use: 'server' }): ${server.reason}`);
    return pglite(options.memory ?? false, server.reason);
  }
  return pglite(options.memory ?? false, 'PGlite requested');
}

/**
 * A real server only (for tests that need concurrent connections): `DATABASE_URL`, or a local
 * server on 127.0.0.1:5432; otherwise `{ available: false, reason }`.
 */
export async function postgresServer(): Promise<PostgresServerResult> {
  const explicit = process.env.DATABASE_URL;
  let baseUrl: string;
  if (explicit) {
    baseUrl = explicit;
  } else {
    if (!(await answers(localHost, localPort))) {
      return { available: false, reason: noServer };
    }
    baseUrl = defaultLocalUrl();
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  try {
    await withClient(baseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  } catch (error) {
    const reason = `cannot create a schema on ${redact(baseUrl)}: ${(error as Error).message}`;
    // An explicit DATABASE_URL that does not work is a configuration error, not a reason to skip.
    if (explicit) throw new Error(`DATABASE_URL: ${reason}`);
    return { available: false, reason };
  }
  announce(
    `PostgreSQL at ${redact(baseUrl)} (${explicit ? 'DATABASE_URL' : 'local server'}), schema ${schema}`,
  );
  return {
    available: true,
    kind: 'postgres',
    url: withSearchPath(baseUrl, schema),
    schema,
    async close() {
      await withClient(baseUrl, async (client) => {
        // A pool left open would make DROP wait forever; fail the test instead.
        await client.query(`SET lock_timeout = '15s'`);
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      });
    },
  };
}

/**
 * Synchronous check for deciding at `describe` time whether server-only tests run: `DATABASE_URL`
 * is set, or the local server on 127.0.0.1:5432 lets `PGUSER` (else the OS user) in and answers
 * `SELECT 1` (checked in a child process, at most ~3 s). A server that answers but refuses the role
 * is a reason to skip, given in the reason, not a failure of every test.
 */
export function postgresServerAvailability(): { available: true } | Unavailable {
  if (process.env.DATABASE_URL) return { available: true };
  const url = defaultLocalUrl();
  const probe =
    `const {Client}=require(${JSON.stringify(require.resolve('pg'))});` +
    `const c=new Client({connectionString:${JSON.stringify(url)},connectionTimeoutMillis:2000});` +
    `c.connect().then(()=>c.query('SELECT 1')).then(()=>c.end()).then(()=>process.exit(0),` +
    `(e)=>{process.stderr.write(String((e&&e.message)||e));process.exit(2);});`;
  const result = spawnSync(process.execPath, ['-e', probe], { timeout: 4_000, encoding: 'utf8' });
  if (result.status === 0) return { available: true };
  const why = (result.stderr ?? '').trim();
  if (result.status !== 2 || /ECONNREFUSED|timeout/i.test(why)) return { available: false, reason: noServer };
  return { available: false, reason: `PostgreSQL at ${redact(url)} does not let us in: ${why}` };
}

async function pglite(memory: boolean, why: string): Promise<PostgresHandle> {
  if (memory) {
    announce(`PGlite in memory (${why})`);
    return {
      kind: 'pglite',
      url: 'pglite://memory',
      async close() {
        // The store that opened it owns the memory; nothing on disk to remove.
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'chp-pglite-'));
  announce(`PGlite in ${dir} (${why})`);
  return {
    kind: 'pglite',
    url: `pglite://${dir}`,
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function defaultLocalUrl(): string {
  const user = process.env.PGUSER ?? userInfo().username;
  const database = process.env.PGDATABASE ?? 'postgres';
  return `postgres://${encodeURIComponent(user)}@${localHost}:${localPort}/${encodeURIComponent(database)}`;
}

/** Adds `-c search_path=<schema>` to the URL's `options` startup parameter (keeping any already there). */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  const option = `-c search_path=${schema}`;
  parsed.searchParams.set('options', existing ? `${existing} ${option}` : option);
  // URLSearchParams writes spaces as '+', which node-postgres does not decode; use %20.
  return parsed.toString().replace(/\+/g, '%20');
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(800, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch (error) {
    if (error instanceof TypeError) return '<unparsable URL>';
    throw error;
  }
}

const announced = new Set<string>();
/** One line per choice per process, on stderr so that it shows even where jest buffers console output. */
function announce(what: string): void {
  const key = what.replace(/schema t_\w+|chp-pglite-\w+/g, '');
  if (announced.has(key)) return;
  announced.add(key);
  process.stderr.write(`[@chp/testing] postgres: ${what}\n`);
}
