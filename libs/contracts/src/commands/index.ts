export * from './bodies.js';
export * from './commands.js';
export * from './nats.js';
export * from './problems.js';
