export { migrate } from './migrate.js';
export { openReadModel, readModelSchemes } from './open.js';
export * from './tables.js';
export {
  type ApplyOutcome,
  applyBatch,
  applyInTransaction,
  type BatchCheckpoint,
  ConcurrentWriteError,
} from './writer.js';
