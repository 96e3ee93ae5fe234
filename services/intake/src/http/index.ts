export * from './app.js';
export * from './rate-limit.js';
export * from './routes.js';
export * from './submissions.js';
