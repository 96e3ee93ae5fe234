export type { RelayDeps } from './deps.js';
export { type Lag, measureLag } from './lag.js';
export { defaultLeaseBucket, defaultLeaseTtlMs, KvLease, type LeaseOptions } from './lease.js';
export { defaultRelayCheckpointId } from './options.js';
export { type Relay, type RelayStats, startRelay } from './relay.js';
export { type RelayStatus, relayStatus } from './status.js';
