export type { RelayDeps } from './deps.js';
export { type Lag, measureLag } from './lag.js';
export { defaultLeaseBucket, defaultLeaseTtlMs, KvLease, type LeaseOptions } from './lease.js';
export { type Relay, type RelayStats, startRelay } from './relay.js';
