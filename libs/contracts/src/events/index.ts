export * from './catalogue.js';
export * from './filing.js';
export * from './handling.js';
export * from './links.js';
export * from './metadata.js';
export * from './notified.js';
export * from './resolution.js';
export * from './versions.js';
