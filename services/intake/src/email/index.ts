export * from './authentication.js';
export * from './classify.js';
export * from './handle-mail.js';
export * from './mail-consumer.js';
export * from './routes.js';
