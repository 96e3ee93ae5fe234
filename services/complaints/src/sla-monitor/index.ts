export { commandFor, slaMonitorActor } from './commands.js';
export { nextSlaAction, type SlaAction, wakeHint } from './due.js';
export { type SlaMonitor, type SlaMonitorDeps, type SlaMonitorStats, startSlaMonitor } from './monitor.js';
