export * from './batcher.js';
export * from './open.js';
export * from './schema.js';
