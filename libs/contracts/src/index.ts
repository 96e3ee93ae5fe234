export * from './cloudevents.js';
export * from './dead-letter.js';
export * from './subjects.js';
