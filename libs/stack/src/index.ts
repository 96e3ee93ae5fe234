export * from './nats-server.js';
export * from './paths.js';
export * from './ports.js';
export * from './secrets.js';
export * from './service-process.js';
export * from './stack.js';
export * from './tokens.js';
