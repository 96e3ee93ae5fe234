export * from './deliver.js';
export * from './metrics.js';
export * from './slots.js';
