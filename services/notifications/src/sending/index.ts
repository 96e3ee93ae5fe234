export * from './failures.js';
export * from './mailer.js';
export * from './outgoing-mail.js';
