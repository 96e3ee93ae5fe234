import {
  type ConsumerConfig,
  type ConsumerInfo,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';

export type StreamSpec = Partial<StreamConfig> & { name: string };
/** A durable consumer: `durable_name` is required, and on 2.9 at most one `filter_subject`. */
export type ConsumerSpec = Partial<ConsumerConfig> & { durable_name: string };

export type EnsureAction = 'created' | 'updated' | 'unchanged';
export interface Ensured<TInfo> {
  action: EnsureAction;
  info: TInfo;
}

/** The server refused to create or update a stream or consumer to the wanted configuration. */
export class ProvisioningError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProvisioningError';
  }
}

/**
 * Creates the stream, or updates it when a field given in `spec` differs from the server's config.
 * Fields not given keep the server's values. Safe to call from every replica at every start.
 */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<Ensured<StreamInfo>> {
  const { name, ...wanted } = spec;
  for (let attempt = 0; ; attempt++) {
    const existing = await orUndefined(jsm.streams.info(name), JetStreamApiCodes.StreamNotFound);
    if (existing) {
      const changed = differingKeys(wanted, existing.config);
      if (changed.length === 0) return { action: 'unchanged', info: existing };
      try {
        return { action: 'updated', info: await jsm.streams.update(name, wanted) };
      } catch (error) {
        throw new ProvisioningError(
          `cannot update stream ${name} (${changed.join(', ')} differ): ${message(error)}. ` +
            'Fields such as storage and retention cannot change; migrate to a new stream instead.',
          { cause: error },
        );
      }
    }
    try {
      return { action: 'created', info: await jsm.streams.add(spec) };
    } catch (error) {
      // Another replica may have created it between our info and add: compare against theirs.
      if (attempt === 0 && error instanceof JetStreamApiError) continue;
      throw new ProvisioningError(`cannot create stream ${name}: ${message(error)}`, { cause: error });
    }
  }
}

/**
 * Creates the stream when it is missing, and otherwise leaves it as it is: for a stream that another
 * service owns (and updates), which this one may create so that start order does not matter.
 */
export async function ensureStreamExists(
  jsm: JetStreamManager,
  spec: StreamSpec,
): Promise<Ensured<StreamInfo>> {
  for (let attempt = 0; ; attempt++) {
    const existing = await orUndefined(jsm.streams.info(spec.name), JetStreamApiCodes.StreamNotFound);
    if (existing) return { action: 'unchanged', info: existing };
    try {
      return { action: 'created', info: await jsm.streams.add(spec) };
    } catch (error) {
      if (attempt === 0 && error instanceof JetStreamApiError) continue;
      throw new ProvisioningError(`cannot create stream ${spec.name}: ${message(error)}`, { cause: error });
    }
  }
}

/**
 * Creates the durable consumer, or updates it when a field given in `spec` differs. Works on
 * nats-server 2.9: use `filter_subject` (one subject), not `filter_subjects`.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  spec: ConsumerSpec,
): Promise<Ensured<ConsumerInfo>> {
  if (spec.filter_subjects && spec.filter_subjects.length > 1) {
    throw new ProvisioningError(
      `consumer ${spec.durable_name}: several filter subjects need nats-server 2.10; use one filter_subject`,
    );
  }
  const name = spec.durable_name;
  for (let attempt = 0; ; attempt++) {
    const existing = await orUndefined(jsm.consumers.info(stream, name), JetStreamApiCodes.ConsumerNotFound);
    if (existing) {
      const changed = differingKeys(spec, existing.config);
      if (changed.length === 0) return { action: 'unchanged', info: existing };
      try {
        const { durable_name: _durable, ...update } = spec;
        return { action: 'updated', info: await jsm.consumers.update(stream, name, update) };
      } catch (error) {
        throw new ProvisioningError(
          `cannot update consumer ${stream}/${name} (${changed.join(', ')} differ): ${message(error)}. ` +
            'Fields such as deliver_policy, ack_policy and (on 2.9) filter_subject cannot change; ' +
            'delete the consumer or use a new durable name.',
          { cause: error },
        );
      }
    }
    try {
      return { action: 'created', info: await jsm.consumers.add(stream, spec) };
    } catch (error) {
      if (
        attempt === 0 &&
        error instanceof JetStreamApiError &&
        error.code !== JetStreamApiCodes.StreamNotFound
      ) {
        continue;
      }
      throw new ProvisioningError(`cannot create consumer ${stream}/${name}: ${message(error)}`, {
        cause: error,
      });
    }
  }
}

/**
 * True when `error` (or the cause of a ProvisioningError) is JetStream's "stream not found": the
 * stream a consumer is wanted on does not exist (yet).
 */
export function isStreamNotFound(error: unknown): boolean {
  const api = error instanceof ProvisioningError ? error.cause : error;
  return api instanceof JetStreamApiError && api.code === JetStreamApiCodes.StreamNotFound;
}

/** Resolves to undefined when the API answers with the given "not found" code. */
async function orUndefined<T>(request: Promise<T>, notFoundCode: number): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === notFoundCode) return undefined;
    throw error;
  }
}

/** Keys whose wanted value is given and differs from the actual one (subject lists compare as sets). */
export function differingKeys(wanted: object, actual: object): string[] {
  const current = actual as Record<string, unknown>;
  return Object.entries(wanted)
    .filter(([key, value]) => value !== undefined && !sameValue(value, current[key]))
    .map(([key]) => key);
}

function sameValue(wanted: unknown, actual: unknown): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || wanted.length !== actual.length) return false;
    const isStrings = wanted.every((item) => typeof item === 'string');
    const [a, b] = isStrings ? [[...wanted].sort(), [...actual].sort()] : [wanted, actual];
    return a.every((item, index) => sameValue(item, b[index]));
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return differingKeys(wanted, actual).length === 0;
  }
  // The server omits false/empty defaults from some configs.
  if (actual === undefined) return wanted === false || wanted === '' || wanted === 0;
  return wanted === actual;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
