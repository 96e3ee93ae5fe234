import type { z } from 'zod';
import {
  type CloudEvent,
  cloudEventTypeOf,
  normaliseBinaryExtensions,
  parseCloudEventType,
} from './cloudevents.js';
import { ContractError, parseJson } from './errors.js';
import { UpcastError, type UpcasterRegistry } from './upcasting.js';

/** A family of events sharing a CloudEvents type prefix, versions and a current-version union. */
export interface EventFamily<E extends { type: string; data: unknown }> {
  /** `complaints` gives types like `complaints.ComplaintFiled.v1`. */
  prefix: string;
  upcasters: UpcasterRegistry<E['type']>;
  /** `{type, data}` of every event type at its current version. */
  eventSchema: z.ZodType<E>;
  /** What the envelope must hold besides the event (required extensions, subject format). */
  envelopeSchema: z.ZodType<CloudEvent>;
}

export interface ParsedCloudEvent<E extends { type: string; data: unknown }> {
  /** The envelope, its `data` upcast to the current version and validated. */
  envelope: CloudEvent<E['data']>;
  event: E;
  /** The version the producer wrote. */
  version: number;
}

/** Upcasts data written at `version` and validates it as the current version of `type`. */
export function decodeEvent<E extends { type: string; data: unknown }>(
  family: EventFamily<E>,
  type: string,
  version: number,
  data: unknown,
): E {
  let current: unknown;
  try {
    current = family.upcasters.upcast(type, version, data);
  } catch (error) {
    if (!(error instanceof UpcastError)) throw error;
    const kind = error.reason === 'unknown_type' ? 'unknown_type' : 'unsupported_version';
    throw new ContractError(kind, error.message);
  }
  const parsed = family.eventSchema.safeParse({ type, data: current });
  if (!parsed.success) throw ContractError.fromZod('data', `invalid ${type} data`, parsed.error);
  return parsed.data;
}

/**
 * Parses a CloudEvent of the family from JSON text, bytes or a parsed object, in structured or
 * binary-mode shape: the envelope, the type, then the data against the event's schema (after
 * upcasting). Throws {@link ContractError}; its `issues` name each bad field.
 */
export function parseFamilyCloudEvent<E extends { type: string; data: unknown }>(
  family: EventFamily<E>,
  input: unknown,
): ParsedCloudEvent<E> {
  const json = normaliseBinaryExtensions(parseJson(input));
  const envelope = family.envelopeSchema.safeParse(json);
  if (!envelope.success)
    throw ContractError.fromZod('envelope', 'invalid CloudEvent envelope', envelope.error);
  const type = parseCloudEventType(envelope.data.type);
  if (type === undefined || type.prefix !== family.prefix) {
    throw new ContractError(
      'unknown_type',
      `CloudEvent type "${envelope.data.type}" is not ${cloudEventTypeOf(family.prefix, '<Type>', 1)}`,
    );
  }
  const event = decodeEvent(family, type.eventType, type.version, envelope.data.data);
  return { envelope: { ...envelope.data, data: event.data }, event, version: type.version };
}

export type SafeParsed<T> = { success: true; value: T } | { success: false; error: ContractError };

/** Runs a parser that throws {@link ContractError} and returns the outcome instead. */
export function safely<T>(parse: () => T): SafeParsed<T> {
  try {
    return { success: true, value: parse() };
  } catch (error) {
    if (error instanceof ContractError) return { success: false, error };
    throw error;
  }
}
