export { describe } from './describe.js';
export { type Projection, project, timelineEntry } from './project.js';
export { addBusinessDays, redressOf } from './reports.js';
export * from './rows.js';
