export * from './conditions.js';
export { toCsv } from './csv.js';
export { complaintDetail } from './detail.js';
export { customerClause, encodeCursor, filters, type ListPage, listComplaints, Where } from './list.js';
export * from './params.js';
export * from './representation.js';
export { atRisk, breaches } from './sla.js';
export { type Percentiles, type StatsGroup, statsCsvRow, statsOverview, statsQuery } from './stats.js';
