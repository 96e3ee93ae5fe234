export * from './config/index.js';
export * from './customer-links.js';
export * from './http/index.js';
export * from './logging.js';
export * from './service.js';
export * from './shutdown.js';
export * from './sleep.js';
export * from './telemetry.js';
