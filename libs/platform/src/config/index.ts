export * from './base.js';
export * from './env.js';
export * from './load.js';
