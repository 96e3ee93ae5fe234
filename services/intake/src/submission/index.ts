export * from './filer.js';
export * from './identity.js';
export * from './ledger.js';
export * from './normalise.js';
export * from './submit.js';
