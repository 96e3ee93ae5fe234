export * from './answers.js';
export * from './load.js';
export * from './questions.js';
