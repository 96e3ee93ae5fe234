import { commandBodySchemas, type HttpCommandType, httpCommandTypes } from '@chp/contracts/commands';
import { z } from 'zod';
import type { Role } from '../../lib/session.js';

// The action forms, declared once: which fields each command's body has and how the typed text
// becomes that body. The body is then parsed by the contracts' own schema (the one the complaints
// service parses it with), so the browser and the service cannot disagree.

export type FieldKind = 'text' | 'textarea' | 'select' | 'checkbox' | 'datetime';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** A select's options' message prefix (`severity.` → `severity.minor`). */
  options?: string;
}

const source: FieldSpec = { name: 'source', kind: 'text' };
const text = (name: string): FieldSpec => ({ name, kind: 'text' });
const textarea = (name: string): FieldSpec => ({ name, kind: 'textarea' });
const select = (name: string, options: string): FieldSpec => ({ name, kind: 'select', options });

export const commandFields: Record<HttpCommandType, readonly FieldSpec[]> = {
  AcknowledgeComplaint: [],
  TriageComplaint: [text('category'), select('priority', 'priority.'), select('severity', 'severity.')],
  AssignComplaint: [text('team'), text('assigneeId'), text('assigneeName')],
  AddNote: [select('visibility', 'visibility.'), textarea('text')],
  RequestCustomerInformation: [textarea('question'), { name: 'respondBy', kind: 'datetime' }],
  RecordCustomerResponse: [source, select('channel', 'channel.'), textarea('message')],
  EscalateComplaint: [
    select('level', 'level.'),
    select('reason', 'escalationReason.'),
    text('to'),
    textarea('note'),
  ],
  SendHoldingReply: [textarea('reason')],
  ResolveComplaint: [
    select('outcome', 'outcome.'),
    textarea('summary'),
    { name: 'firstContact', kind: 'checkbox' },
  ],
  AcceptResolution: [source, textarea('comment')],
  RejectResolution: [source, textarea('reason')],
  ReopenComplaint: [textarea('reason')],
  CloseComplaint: [select('reason', 'closeReason.'), text('duplicateOf'), textarea('note')],
  WithdrawComplaint: [textarea('reason')],
  RecordSatisfaction: [source, select('score', 'score.'), textarea('comment')],
  LinkComplaints: [text('linkedReference'), select('relation', 'linkRelation.')],
  UnlinkComplaints: [text('linkedReference'), textarea('reason')],
  RevokeCustomerLinks: [textarea('reason')],
  EraseCustomerData: [textarea('reason')],
  PlaceLegalHold: [textarea('reason')],
  LiftLegalHold: [textarea('reason')],
};

/** The routes' roles, as services/complaints/src/http/roles.ts declares them (the service decides). */
export function mayOffer(type: HttpCommandType, roles: readonly Role[]): boolean {
  const allowed: Role[] =
    type === 'RevokeCustomerLinks'
      ? ['supervisor', 'admin']
      : type === 'EraseCustomerData' || type === 'PlaceLegalHold' || type === 'LiftLegalHold'
        ? ['admin']
        : ['agent', 'supervisor'];
  return allowed.some((role) => roles.includes(role));
}

export const commandsFor = (roles: readonly Role[]): HttpCommandType[] =>
  httpCommandTypes.filter((type) => mayOffer(type, roles));

/** Decisions only a supervisor takes (roles.ts' supervisorReason): hidden from agents. */
const supervisorOnly: Partial<Record<HttpCommandType, Record<string, readonly string[]>>> = {
  CloseComplaint: { reason: ['dismissed', 'duplicate'] },
  EscalateComplaint: { level: ['3'] },
};

const shapeOf = (type: HttpCommandType): Record<string, z.ZodType> =>
  (commandBodySchemas[type] as unknown as z.ZodObject).shape;

/** A number field's whole range (`int().min(1).max(3)`) as options. */
function numberOptions(schema: z.ZodNumber): string[] {
  const { minValue, maxValue } = schema;
  if (minValue === null || maxValue === null) return [];
  return Array.from({ length: maxValue - minValue + 1 }, (_, i) => String(minValue + i));
}

/** A select's options, read from the command's schema, without the supervisor's for others. */
export function optionsOf(type: HttpCommandType, field: string, roles: readonly Role[]): string[] {
  let schema = shapeOf(type)[field];
  if (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  const all =
    schema instanceof z.ZodEnum
      ? (schema.options as string[])
      : schema instanceof z.ZodNumber
        ? numberOptions(schema)
        : [];
  if (roles.includes('supervisor')) return all;
  const hidden = supervisorOnly[type]?.[field] ?? [];
  return all.filter((option) => !hidden.includes(option));
}

export type FormValues = Record<string, string | boolean>;

/**
 * The typed values as the command's body, parsed by the contracts' schema: an empty field is left
 * out (optional fields), numbers and instants take their JSON form. Issues are keyed by field.
 */
export function bodyOf(
  type: HttpCommandType,
  values: FormValues,
): { ok: true; body: unknown } | { ok: false; issues: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const shape = shapeOf(type);
  for (const field of commandFields[type]) {
    const value = values[field.name];
    if (field.kind === 'checkbox') {
      body[field.name] = value === true;
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') continue;
    let inner = shape[field.name];
    if (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    if (inner instanceof z.ZodNumber) body[field.name] = Number(value);
    else if (field.kind === 'datetime') {
      const at = new Date(value);
      body[field.name] = Number.isNaN(at.getTime()) ? value : at.toISOString();
    } else body[field.name] = value;
  }
  // Remedies are not offered by the form yet: a resolution names none.
  if (type === 'ResolveComplaint') body.remedies = [];
  const parsed = commandBodySchemas[type].safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issues: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    issues[key] ??= issue.message;
  }
  return { ok: false, issues };
}
