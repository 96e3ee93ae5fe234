// Valid stored Complaint events for the relay tests, appended straight to a store.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type ComplaintEventType,
  complaintEventVersions,
  complaintStreamName,
  referenceFromBytes,
} from '@chp/contracts';
import type { EventData, EventStore, RecordedEvent } from '@chp/eventstore';
import { waitFor } from '@chp/testing';

const agent = { id: 'agent-7', role: 'agent' } as const;

/** A traceparent per complaint, so the test can check that it travels with each event. */
export function traceparentFor(complaintId: string): string {
  return `00-${complaintId.replace(/-/g, '')}-${randomBytes(8).toString('hex')}-01`;
}

function metadata(type: ComplaintEventType, traceparent: string) {
  return {
    correlationId: `corr-${randomUUID()}`,
    causationId: randomUUID(),
    actor: agent,
    traceparent,
    schemaVersion: complaintEventVersions[type],
  };
}

function filed(complaintId: string, at: string) {
  return {
    by: { id: 'web-form', role: 'channel' },
    at,
    reference: referenceFromBytes(Buffer.from(complaintId.replace(/-/g, ''), 'hex')),
    channel: 'web',
    externalRef: `form-${complaintId}`,
    receivedAt: at,
    customer: { name: 'Ann Example', email: 'ann@example.com', preferredLanguage: 'en' },
    subject: 'Charged twice',
    description: 'My card was charged twice.',
    priority: 'medium',
    attachments: [],
    relatedReferences: [],
    sla: { policyId: 'standard', policyVersion: 1 },
    deadlines: {},
  };
}

/** `ComplaintFiled` followed by `count - 1` internal notes, as the store would hold them. */
export function complaintEvents(complaintId: string, count: number, traceparent: string): EventData[] {
  const at = (n: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, n)).toISOString();
  const events: EventData[] = [
    {
      id: randomUUID(),
      type: 'ComplaintFiled',
      data: filed(complaintId, at(0)),
      metadata: metadata('ComplaintFiled', traceparent),
    },
  ];
  for (let n = 1; n < count; n++) {
    events.push({
      id: randomUUID(),
      type: 'NoteAdded',
      data: { by: agent, at: at(n), noteId: randomUUID(), visibility: 'internal', text: `Note ${n}` },
      metadata: metadata('NoteAdded', traceparent),
    });
  }
  return events;
}

export interface Appended {
  complaintIds: string[];
  /** Every event in store order, as read back. */
  recorded: RecordedEvent[];
  traceparents: Map<string, string>;
}

/**
 * Appends `perComplaint` events to each of `complaints` new complaint streams, interleaved (one
 * event per stream per round), so that store order differs from stream order.
 */
export async function appendComplaints(
  store: EventStore,
  complaints: number,
  perComplaint: number,
): Promise<Appended> {
  const complaintIds = Array.from({ length: complaints }, () => randomUUID());
  const traceparents = new Map(complaintIds.map((id) => [id, traceparentFor(id)]));
  const planned = complaintIds.map((id) => complaintEvents(id, perComplaint, traceparents.get(id) as string));
  for (let n = 0; n < perComplaint; n++) {
    for (const [i, id] of complaintIds.entries()) {
      const event = planned[i]?.[n] as EventData;
      await store.appendToStream(complaintStreamName(id), [event], {
        expectedRevision: n === 0 ? 'no_stream' : BigInt(n - 1),
      });
    }
  }
  const ids = new Set(planned.flat().map((e) => e.id));
  // readAll holds back events behind a transaction still open anywhere on the server (the store's
  // gap safety); on a shared server that can be another test's, so wait until all are readable.
  const recorded = await waitFor(
    async () => {
      const read = (await store.readAll({ maxCount: 10_000 })).filter((e) => ids.has(e.id));
      return read.length === ids.size ? read : undefined;
    },
    { description: 'the appended events to be readable in the global log' },
  );
  return { complaintIds, recorded, traceparents };
}
