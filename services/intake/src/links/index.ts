export * from './messages.js';
export * from './page.js';
export * from './resolution.js';
export * from './routes.js';
