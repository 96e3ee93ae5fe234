export * from './messages.js';
export * from './portal.js';
export * from './submission.js';
