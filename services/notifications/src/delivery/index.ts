export * from './deliver.js';
export * from './metrics.js';
