export * from './content.js';
export * from './events.js';
