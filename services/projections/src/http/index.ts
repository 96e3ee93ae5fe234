export { createProjectionsApp, type ProjectionsAppDeps } from './app.js';
