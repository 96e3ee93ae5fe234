export * from './propagation.js';
export * from './spans.js';
