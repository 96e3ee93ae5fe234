export * from './alert-routes.js';
export * from './plan.js';
