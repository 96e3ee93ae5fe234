export * from './app.js';
export * from './auth.js';
export * from './health.js';
export * from './metrics.js';
export * from './problems.js';
export * from './route.js';
export * from './tracing.js';
export * from './validate.js';
