/** The little the event store needs from a PostgreSQL connection, so that node-postgres and PGlite share one implementation. */
export interface SqlExecutor {
  /**
   * One parameterised statement. `name` lets a driver prepare it once per connection. Parameters
   * are strings (or null); the SQL casts them, so both drivers send identical text.
   */
  query<Row>(sql: string, params?: readonly (string | null)[], name?: string): Promise<Row[]>;
  /** A parameterless script of several statements (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` on one connection inside BEGIN/COMMIT; rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` and calls `onNotify` for each notification, and also after every
   * (re)connection, since notifications sent while disconnected are lost. Never throws: it keeps
   * reconnecting until closed.
   */
  listen(channel: string, onNotify: () => void): Listening;
  close(): Promise<void>;
}

export interface Listening {
  close(): Promise<void>;
}

export type ErrorHook = (error: unknown, context: string) => void;

// SQLSTATE classes and codes that mean "the connection or server went away", not "your SQL is wrong".
const transientCodes = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const transientNodeCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const transientMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
];

/** True for errors a subscriber should retry: connection loss, server restart, serialization failures. */
export function isTransientSqlError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (
      (code.startsWith('08') && code !== '08P01') ||
      transientCodes.has(code) ||
      transientNodeCodes.has(code)
    )
      return true;
  }
  return transientMessages.some((pattern) => pattern.test(error.message));
}

/** The SQLSTATE of a driver error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
