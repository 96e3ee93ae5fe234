export * from './apply.js';
export * from './languages.js';
export * from './projector.js';
export * from './queries.js';
export * from './schema.js';
