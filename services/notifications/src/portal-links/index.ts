export * from './portal-links.js';
