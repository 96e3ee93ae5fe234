export * from './attachment.js';
export * from './complaint.js';
export * from './money.js';
export * from './people.js';
export * from './reference.js';
export * from './sla.js';
export * from './text.js';
export * from './uuid.js';
