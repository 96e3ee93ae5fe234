export * from './data-keys.js';
export * from './envelope.js';
export * from './errors.js';
export * from './request.js';
export * from './serve.js';
