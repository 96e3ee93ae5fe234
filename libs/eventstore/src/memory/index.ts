export { MemoryEventStore, type MemoryEventStoreOptions, MemoryLog } from './store.js';
