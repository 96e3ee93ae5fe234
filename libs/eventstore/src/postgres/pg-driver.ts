import pg from 'pg';
import type { ErrorHook, Listening, SqlDriver, SqlExecutor } from './driver.js';

export interface PgDriverOptions {
  /** Pool size. Default 10. */
  poolSize?: number;
  onError?: ErrorHook;
}

/** Used unless the URL carries its own `application_name`; operators see it in pg_stat_activity. */
const defaultApplicationName = 'chp-eventstore';

/** node-postgres against a server: a pool for statements, a dedicated client for LISTEN. */
export function createPgDriver(url: string, options: PgDriverOptions = {}): SqlDriver {
  const onError = options.onError ?? (() => undefined);
  const config: pg.PoolConfig = {
    connectionString: url,
    fallback_application_name: defaultApplicationName,
    max: options.poolSize ?? 10,
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
  };
  const pool = new pg.Pool(config);
  // An idle client whose server went away emits 'error'; the pool drops it and the next query
  // opens a fresh one. Without a listener the process would crash.
  pool.on('error', (error) => onError(error, 'idle PostgreSQL connection lost'));

  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly (string | null)[] = [], name?: string) {
      const result = await client.query<pg.QueryResultRow>({ text: sql, values: [...params], name });
      return result.rows as Row[];
    },
    async exec(script: string) {
      await client.query(script);
    },
  });
  const poolExecutor = executor(pool);

  return {
    kind: 'postgres',
    query: poolExecutor.query,
    exec: poolExecutor.exec,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection itself failed: do not hand it back to the pool.
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        client.release(broken ?? false);
      }
    },
    listen(channel, onNotify) {
      return new PgListener({ ...config, connectionString: url }, channel, onNotify, onError);
    },
    async close() {
      await pool.end();
    },
  };
}

/** One LISTEN connection that reconnects with backoff until closed. */
class PgListener implements Listening {
  #client: pg.Client | undefined;
  #closed = false;
  #failures = 0;
  #retry: NodeJS.Timeout | undefined;
  #connecting: Promise<void> | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly onError: ErrorHook,
  ) {
    this.#connecting = this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client(this.config);
    this.#client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (error) this.onError(error, `LISTEN ${this.channel} connection lost`);
      client.removeAllListeners('notification');
      client.end().catch((endError: unknown) => this.onError(endError, 'closing a broken LISTEN connection'));
      this.#scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onNotify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.#failures = 0;
      // Anything committed while we were not listening is found by this wake-up's read.
      this.onNotify();
    } catch (error) {
      onLost(error as Error);
    }
  }

  #scheduleReconnect(): void {
    if (this.#closed) return;
    this.#failures++;
    const delay = Math.min(5_000, 100 * 2 ** this.#failures);
    this.#retry = setTimeout(() => {
      this.#connecting = this.#connect();
    }, delay);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#connecting;
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    await client.end().catch((error: unknown) => this.onError(error, 'closing the LISTEN connection'));
  }
}
