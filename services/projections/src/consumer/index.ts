export { Batcher } from './batcher.js';
export { CHECKPOINT_NAME, type ProjectionConsumerOptions, startProjectionConsumer } from './consumer.js';
export { repairGap } from './gap-repair.js';
