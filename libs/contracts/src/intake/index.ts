export * from './messages.js';
export * from './submission.js';
