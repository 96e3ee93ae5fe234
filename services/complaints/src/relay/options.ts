import type { RelayDeps } from './deps.js';

/** The relay's checkpoint name unless `startRelay` is given another. */
export const defaultRelayCheckpointId = 'complaints-relay';

export interface RelayOptions {
  checkpointId: string;
  maxInFlight: number;
  checkpointEvery: number;
  checkpointIntervalMs: number;
  retryDelayMs: number;
  lagIntervalMs: number;
  lagProbeLimit: number;
}

/** Defaults, and a clear error for a setting that cannot work. */
export function validateRelayOptions(deps: RelayDeps): RelayOptions {
  if (!deps.store) throw new TypeError('startRelay: store is required');
  if (!deps.js) throw new TypeError('startRelay: js (a JetStream client) is required');
  const options: RelayOptions = {
    checkpointId: deps.checkpointId ?? defaultRelayCheckpointId,
    maxInFlight: deps.maxInFlight ?? 256,
    checkpointEvery: deps.checkpointEvery ?? 500,
    checkpointIntervalMs: deps.checkpointIntervalMs ?? 1_000,
    retryDelayMs: deps.retryDelayMs ?? 500,
    lagIntervalMs: deps.lagIntervalMs ?? 5_000,
    lagProbeLimit: deps.lagProbeLimit ?? 10_000,
  };
  if (!/^[-/=.\w]{1,200}$/.test(options.checkpointId)) {
    throw new RangeError(
      `startRelay: checkpointId must be 1-200 letters, digits or -_/=. (it is also a KV key), got "${options.checkpointId}"`,
    );
  }
  const positive: [keyof RelayOptions, number][] = [
    ['maxInFlight', options.maxInFlight],
    ['checkpointEvery', options.checkpointEvery],
    ['checkpointIntervalMs', options.checkpointIntervalMs],
    ['retryDelayMs', options.retryDelayMs],
    ['lagIntervalMs', options.lagIntervalMs],
    ['lagProbeLimit', options.lagProbeLimit],
  ];
  for (const [name, value] of positive) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`startRelay: ${name} must be a positive integer, got ${value}`);
    }
  }
  return options;
}
