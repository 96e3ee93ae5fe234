export * from './cloudevents.js';
