export * from './complaint-routes.js';
export * from './deps.js';
export * from './guard.js';
export * from './texts.js';
