export * from './decode.js';
export * from './intake-consumer.js';
export * from './metrics.js';
