export { migrate } from './migrate.js';
export { addReportColumns, business3dSql } from './report-columns.js';
export * from './tables.js';
export {
  type ApplyOutcome,
  applyBatch,
  applyInTransaction,
  type BatchCheckpoint,
  ConcurrentWriteError,
} from './writer.js';
