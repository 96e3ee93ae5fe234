export { describe } from './describe.js';
export { type Projection, project, timelineEntry } from './project.js';
export * from './rows.js';
