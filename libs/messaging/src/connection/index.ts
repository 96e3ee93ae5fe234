export * from './connect.js';
export * from './options.js';
