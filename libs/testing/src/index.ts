export * from './complaints-stub/index.js';
export * from './eventstoredb.js';
export * from './gwt.js';
export * from './nats.js';
export * from './postgres.js';
export * from './processes.js';
export * from './smtp.js';
export * from './wait.js';
