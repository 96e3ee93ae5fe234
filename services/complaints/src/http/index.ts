export { type ComplaintsAppDeps, createComplaintsApp } from './app.js';
export { complaintsReadiness } from './readiness.js';
export { commandRoles, feedRoles, readRoles, supervisorReason } from './roles.js';
