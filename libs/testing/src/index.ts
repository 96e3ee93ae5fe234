export * from './eventstoredb.js';
export * from './gwt.js';
export * from './nats.js';
export * from './openapi-checks.js';
export * from './postgres.js';
export * from './smtp.js';
export * from './wait.js';
