// Complaint events for tests and the benchmark: valid data for every type, global positions in
// order, and the CloudEvents envelope the relay publishes.
import { randomUUID } from 'node:crypto';
import {
  type ComplaintCloudEvent,
  type ComplaintEvent,
  type ComplaintEventType,
  type ComplaintFiled,
  cloudEventSources,
  referenceFromBytes,
} from '@chp/contracts';
import type { ProjectedEvent } from '../../src/projection/index.js';

export const agent = { id: 'agent-alice', role: 'agent' } as const;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Data<T extends ComplaintEventType> = DistributiveOmit<
  Extract<ComplaintEvent, { type: T }>['data'],
  'by' | 'at'
> & {
  by?: { id: string; role: 'agent' | 'supervisor' | 'system' | 'customer' | 'channel' | 'service' | 'admin' };
  at?: string;
};

/** A global log: hands out store positions in order, as `<xid>:<position>` padded strings. */
export class EventLog {
  #position = 0;
  readonly events: ProjectedEvent[] = [];
  nextPosition(): string {
    this.#position++;
    return `${String(this.#position).padStart(20, '0')}:${String(this.#position).padStart(20, '0')}`;
  }
  complaint(overrides: Partial<ComplaintFiled['data']> & { id?: string } = {}): ComplaintBuilder {
    return new ComplaintBuilder(this, overrides);
  }
}

export const referenceOf = (id: string): string =>
  referenceFromBytes(Buffer.from(id.replace(/-/g, ''), 'hex'));

export class ComplaintBuilder {
  readonly id: string;
  readonly events: ProjectedEvent[] = [];
  #clock: number;

  constructor(
    private readonly log: EventLog,
    overrides: Partial<ComplaintFiled['data']> & { id?: string },
  ) {
    this.id = overrides.id ?? randomUUID();
    const at = overrides.at ?? '2026-03-02T09:00:00.000Z';
    this.#clock = Date.parse(at);
    const { id: _id, ...data } = overrides;
    this.add('ComplaintFiled', {
      by: { id: 'web-form', role: 'channel' },
      at,
      reference: referenceOf(this.id),
      channel: 'web',
      externalRef: `form-${this.id}`,
      receivedAt: at,
      customer: { name: 'Ann Example', email: 'ann@example.com', preferredLanguage: 'en' },
      subject: 'Charged twice',
      description: 'My card was charged twice for one order.',
      priority: 'medium',
      attachments: [],
      relatedReferences: [],
      sla: { policyId: 'standard', policyVersion: 1 },
      deadlines: {
        acknowledge: '2026-03-02T13:00:00.000Z',
        first_response: '2026-03-03T09:00:00.000Z',
        resolve: '2026-03-09T09:00:00.000Z',
        regulatory_final_response: '2026-04-27T09:00:00.000Z',
      },
      ...data,
    });
  }

  /** Minutes after the previous event (default 10). */
  after(minutes: number): this {
    this.#clock += minutes * 60_000 - 10 * 60_000;
    return this;
  }

  add<T extends ComplaintEventType>(type: T, data: Data<T>): this {
    if (type !== 'ComplaintFiled' && data.at === undefined) this.#clock += 10 * 60_000;
    const at = data.at ?? new Date(this.#clock).toISOString();
    this.#clock = Math.max(this.#clock, Date.parse(at));
    const event = { type, data: { by: agent, ...data, at } } as unknown as ComplaintEvent;
    const projected: ProjectedEvent = {
      id: randomUUID(),
      complaintId: this.id,
      revision: this.events.length,
      position: this.log.nextPosition(),
      event,
    };
    this.events.push(projected);
    this.log.events.push(projected);
    return this;
  }

  get last(): ProjectedEvent {
    const last = this.events.at(-1);
    if (!last) throw new Error('no events');
    return last;
  }
}

/** The CloudEvent the relay would publish for a projected event. */
export function toEnvelope(projected: ProjectedEvent): ComplaintCloudEvent {
  return {
    specversion: '1.0',
    id: projected.id,
    type: `complaints.${projected.event.type}.v1`,
    source: cloudEventSources.complaints,
    subject: projected.complaintId,
    time: projected.event.data.at,
    datacontenttype: 'application/json',
    data: projected.event.data,
    streamrevision: projected.revision,
    position: projected.position,
    correlationid: `corr-${projected.complaintId}`,
    causationid: randomUUID(),
  };
}
