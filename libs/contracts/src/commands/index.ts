export * from './bodies.js';
export * from './commands.js';
export * from './nats.js';
