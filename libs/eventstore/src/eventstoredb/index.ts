export { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM_PREFIX } from './checkpoints.js';
export { createEventStoreDbStore, type EventStoreDbStoreOptions } from './store.js';
export type { ResubscribeOptions } from './subscription.js';
