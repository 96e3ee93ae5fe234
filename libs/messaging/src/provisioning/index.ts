export * from './ensure.js';
export * from './platform-streams.js';
