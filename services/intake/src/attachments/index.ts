export * from './inspect.js';
export * from './store.js';
