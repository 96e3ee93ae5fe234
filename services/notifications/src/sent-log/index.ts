export * from './sent-log.js';
