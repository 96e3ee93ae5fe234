export * from './app.js';
export * from './context.js';
export * from './routes.js';
export * from './schemas.js';
