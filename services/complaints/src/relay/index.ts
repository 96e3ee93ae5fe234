export { type Lag, measureLag } from './lag.js';
export { defaultLeaseBucket, defaultLeaseTtlMs, KvLease, type LeaseOptions } from './lease.js';
export { type Relay, type RelayDeps, type RelayStats, startRelay } from './relay.js';
