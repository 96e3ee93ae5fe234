export * from './run-nats-service.js';
