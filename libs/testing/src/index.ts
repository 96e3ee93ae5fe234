export * from './bench/index.js';
export * from './eventstoredb.js';
export * from './gwt.js';
export * from './nats.js';
export * from './postgres.js';
export * from './smtp.js';
export * from './wait.js';
