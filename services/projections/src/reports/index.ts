export * from './params.js';
export * from './reports.js';
export { type Figure, Scope } from './scope.js';
