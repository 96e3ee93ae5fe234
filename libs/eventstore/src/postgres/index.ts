export { type ErrorHook, isTransientSqlError, type SqlDriver, type SqlExecutor } from './driver.js';
export { openSqlDriver, sqlDriverSchemes } from './open.js';
export { createPgDriver, type PgDriverOptions } from './pg-driver.js';
export { createPgliteDriver } from './pglite-driver.js';
export { PostgresEventStore, type PostgresEventStoreOptions, type TransactionalAppender } from './store.js';
