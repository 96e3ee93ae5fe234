import { z } from 'zod';
import { messageSchemas } from '../../src/index.js';

export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft-07, which AsyncAPI schemas extend) of what each parser accepts (`io: input`):
 * strict bodies forbid extra properties, tolerant event data allows them. Refinements that JSON
 * Schema cannot express (check characters, "email or phone") are enforced by the zod schemas only.
 */
export function jsonSchemaOf(name: string, schema: z.ZodType): JsonSchema {
  const { $schema, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'throw',
  });
  return { $schema, title: name, ...rest };
}

/** Every message of the catalogue, in catalogue order. */
export function allJsonSchemas(): Map<string, JsonSchema> {
  return new Map(Object.entries(messageSchemas).map(([name, schema]) => [name, jsonSchemaOf(name, schema)]));
}
