export * from './inspect.js';
export * from './multipart.js';
export * from './store.js';
