export * from './app.js';
export * from './routes.js';
