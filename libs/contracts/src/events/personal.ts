/**
 * Which fields of a Complaint event are the customer's personal data, and what stands in for them
 * once they are erased (crypto-shredding, see SECURITY.md).
 *
 * An event is stored and published *masked*: every personal field holds its stand-in (`[erased]`,
 * `erased@erased.invalid`, or nothing), and the original values travel encrypted beside them, as a
 * patch (`personalDataKey`). Decrypting applies the patch; once the customer's key is deleted the
 * patch cannot be read, and the masked event is what remains. The stand-ins satisfy every schema,
 * so a masked event decodes, folds and projects like any other.
 */

/** The stand-in of erased text. */
export const ERASED_TEXT = '[erased]';
/** The stand-in of an erased e-mail address: valid, never deliverable (RFC 2606 `.invalid`). */
export const ERASED_EMAIL = 'erased@erased.invalid';
/** The data key holding the encrypted patch of an event's personal fields. */
export const personalDataKey = '_personal';

type Path = readonly (string | number)[];

/** One masked field: its original value (`v`), or no `v` when the field was absent (the mask added it). */
export interface PersonalPatchEntry {
  p: Path;
  v?: unknown;
}
export type PersonalPatch = PersonalPatchEntry[];

type Record_ = Record<string, unknown>;
const isRecord = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isContainer = (value: unknown): value is Record<string | number, unknown> =>
  typeof value === 'object' && value !== null;

/** How a field is masked: replaced by a stand-in, or removed. */
type Mask = { kind: 'text' } | { kind: 'email' } | { kind: 'remove' };
const text: Mask = { kind: 'text' };
const email: Mask = { kind: 'email' };
const remove: Mask = { kind: 'remove' };

/** The personal fields of one record: a field name and its mask. */
type FieldMasks = readonly (readonly [string, Mask])[];

const attachmentFields: FieldMasks = [
  ['name', text],
  ['url', remove],
  ['objectKey', text],
];

/** Masks one record in place, recording the originals under `base`. */
function maskFields(record: Record_, fields: FieldMasks, base: Path, patch: PersonalPatch): void {
  for (const [field, mask] of fields) {
    const present = Object.hasOwn(record, field) && record[field] !== undefined;
    if (!present) continue;
    patch.push({ p: [...base, field], v: record[field] });
    if (mask.kind === 'remove') delete record[field];
    else record[field] = mask.kind === 'text' ? ERASED_TEXT : ERASED_EMAIL;
  }
}

function maskAttachments(data: Record_, patch: PersonalPatch): void {
  const attachments = data.attachments;
  if (!Array.isArray(attachments)) return;
  attachments.forEach((attachment, index) => {
    if (!isRecord(attachment)) return;
    const hadObjectKey = attachment.objectKey !== undefined;
    maskFields(attachment, attachmentFields, ['attachments', index], patch);
    // An attachment names exactly one of url or objectKey: a removed url leaves the stand-in key.
    if (!hadObjectKey) {
      patch.push({ p: ['attachments', index, 'objectKey'] });
      attachment.objectKey = ERASED_TEXT;
    }
  });
}

/** The customer: name, contact and CRM id go; language, zone and opt-out stay (they are not identifying). */
function maskCustomer(data: Record_, patch: PersonalPatch): void {
  const customer = data.customer;
  if (!isRecord(customer)) return;
  const hadEmail = customer.email !== undefined;
  maskFields(
    customer,
    [
      ['id', remove],
      ['name', text],
      ['email', email],
      ['phone', remove],
      ['postalAddress', remove],
    ],
    ['customer'],
    patch,
  );
  // A customer needs a way to be reached: the masked one has the undeliverable address.
  if (!hadEmail) {
    patch.push({ p: ['customer', 'email'] });
    customer.email = ERASED_EMAIL;
  }
}

/** The personal fields of each event type that has any (top-level fields, plus the special cases). */
const personalFields: Readonly<Record<string, FieldMasks>> = {
  ComplaintFiled: [
    ['subject', text],
    ['description', text],
    ['desiredOutcome', text],
  ],
  NoteAdded: [['text', text]],
  CustomerInformationRequested: [['question', text]],
  CustomerResponded: [
    ['from', email],
    ['message', text],
  ],
  UnverifiedResponseReceived: [
    ['from', email],
    ['message', text],
  ],
  ComplaintResolved: [['summary', text]],
  ResolutionAccepted: [['comment', text]],
  ResolutionRejected: [['reason', text]],
  ComplaintWithdrawn: [['reason', text]],
  SatisfactionRecorded: [['comment', text]],
  CustomerNotified: [['recipient', email]],
};

/** True when events of this type carry personal data. */
export const holdsPersonalData = (type: string): boolean => Object.hasOwn(personalFields, type);

/**
 * Splits an event's data into its masked form (a copy) and the patch of originals; the patch is
 * empty when the event holds no personal data.
 */
export function maskPersonalData(type: string, data: unknown): { masked: unknown; patch: PersonalPatch } {
  const fields = personalFields[type];
  if (fields === undefined || !isRecord(data)) return { masked: data, patch: [] };
  const masked = structuredClone(data);
  const patch: PersonalPatch = [];
  maskFields(masked, fields, [], patch);
  if (type === 'ComplaintFiled') maskCustomer(masked, patch);
  maskAttachments(masked, patch);
  return { masked, patch };
}

/** The original data: the masked data (a copy) with the patch applied. */
export function applyPersonalPatch(masked: unknown, patch: PersonalPatch): unknown {
  if (patch.length === 0) return masked;
  const data = structuredClone(masked);
  for (const { p, v } of patch) {
    let target: unknown = data;
    for (const step of p.slice(0, -1)) target = isContainer(target) ? target[step] : undefined;
    const last = p.at(-1);
    if (last === undefined || !isContainer(target)) continue;
    if (v === undefined) delete target[last];
    else target[last] = v;
  }
  return data;
}

/** The event's data without its encrypted patch: what is left once the customer's key is gone. */
export function withoutPersonalPatch(data: unknown): unknown {
  if (!isRecord(data) || !Object.hasOwn(data, personalDataKey)) return data;
  const { [personalDataKey]: _dropped, ...rest } = data;
  return rest;
}

/** The contact a customer is known by, for their subject id: e-mail (lower-cased), else phone, else name. */
export function customerContactOf(data: unknown): string | undefined {
  if (!isRecord(data) || !isRecord(data.customer)) return undefined;
  const { email: address, phone, name } = data.customer;
  if (typeof address === 'string' && address !== ERASED_EMAIL) return `email:${address.trim().toLowerCase()}`;
  if (typeof phone === 'string') return `phone:${phone.trim()}`;
  if (typeof name === 'string' && name !== ERASED_TEXT) return `name:${name.trim().toLowerCase()}`;
  return undefined;
}
