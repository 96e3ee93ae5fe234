export * from './platform-signer.js';
export * from './resolution-links.js';
