export * from './cloudevents.js';
export * from './events.js';
