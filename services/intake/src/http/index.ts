export * from './app.js';
export * from './attachments.js';
export * from './routes.js';
export * from './submissions.js';
