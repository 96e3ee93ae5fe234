export * from './calibration.js';
export * from './proc.js';
export * from './report.js';
export * from './stats.js';
