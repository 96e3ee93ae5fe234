export * from './ack-batcher.js';
export * from './dead-letter.js';
export * from './metrics.js';
export * from './outcome.js';
export * from './process.js';
export * from './runner.js';
