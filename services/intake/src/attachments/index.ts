export * from './download.js';
export * from './inspect.js';
export * from './keep.js';
export * from './multipart.js';
export * from './open.js';
export * from './s3-store.js';
export * from './store.js';
