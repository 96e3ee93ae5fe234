export * from './failures.js';
export * from './mailer.js';
