export { Batcher } from './batcher.js';
export {
  CHECKPOINT_NAME,
  DEFAULT_MAX_BATCH,
  type ProjectionConsumerOptions,
  startProjectionConsumer,
} from './consumer.js';
export { ErasureNotProjected, reprojectErased } from './erasure.js';
export { repairGap } from './gap-repair.js';
