export * from './provider.js';
export { type LocalRole, localRoles } from './state.js';
