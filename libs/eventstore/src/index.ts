export { aggregateStream } from './aggregate.js';
export * from './errors.js';
export * from './eventstoredb/index.js';
export * from './factory.js';
export * from './memory/index.js';
export * from './port.js';
export * from './postgres/index.js';
export * from './privacy/index.js';
export { maxStreamNameLength, validateAppend, validateStreamName } from './streams.js';
