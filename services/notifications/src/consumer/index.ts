export * from './consumer.js';
export * from './handler.js';
