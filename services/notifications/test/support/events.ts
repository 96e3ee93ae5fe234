import { randomUUID } from 'node:crypto';
import {
  type ComplaintCloudEvent,
  type ComplaintEventData,
  type ComplaintEventType,
  type Customer,
  cloudEventSources,
  complaintStreamName,
  referenceFromBytes,
  toCloudEvent,
} from '@chp/contracts';

/** The resolution id the resolution events carry, which their customer links name. */
export const RESOLUTION_ID = '4d3c2b1a-0f9e-4d8c-a7b6-5a4b3c2d1e0f';

export const referenceOf = (complaintId: string) =>
  referenceFromBytes(Buffer.from(complaintId.replaceAll('-', ''), 'hex'));

const agent = { id: 'agent-7', role: 'agent' } as const;
let position = 0;

/** A complaint's events as the relay publishes them: recorded-event-shaped, through `toCloudEvent`. */
export class ComplaintStory {
  readonly complaintId = randomUUID();
  readonly reference = referenceOf(this.complaintId);
  private revision = 0;

  event<T extends ComplaintEventType>(
    type: T,
    data: Omit<ComplaintEventData<T>, 'by' | 'at'> & { at?: string },
  ): ComplaintCloudEvent {
    const id = randomUUID();
    position += 1;
    return toCloudEvent(
      {
        id,
        type,
        streamName: complaintStreamName(this.complaintId),
        revision: this.revision++,
        position: String(position),
        data: { by: agent, at: '2026-03-02T10:00:00.000Z', ...data },
        metadata: {
          correlationId: `corr-${this.complaintId}`,
          causationId: `cmd-${id}`,
          actor: agent,
          schemaVersion: 1,
        },
        createdAt: new Date('2026-03-02T10:00:00.000Z'),
      },
      { source: cloudEventSources.complaints },
    );
  }

  filed(
    customer: Partial<Customer> = {},
    description = 'My card was charged twice for order 1234.',
    subject = 'Charged twice for one order',
  ) {
    return this.event('ComplaintFiled', {
      reference: this.reference,
      channel: 'web',
      externalRef: `form-${this.complaintId.slice(0, 8)}`,
      receivedAt: '2026-03-02T09:00:00.000Z',
      customer: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        preferredLanguage: 'en',
        ...customer,
      } as Customer,
      subject,
      description,
      priority: 'medium',
      attachments: [],
      relatedReferences: [],
      sla: { policyId: 'standard', policyVersion: 1 },
      deadlines: { first_response: '2026-03-04T17:00:00.000Z', resolve: '2026-03-16T17:00:00.000Z' },
    });
  }

  assigned(team: string) {
    return this.event('ComplaintAssigned', { team });
  }

  informationRequested(question = 'Which card did you pay with?') {
    return this.event('CustomerInformationRequested', {
      requestId: randomUUID(),
      question,
      respondBy: '2026-03-09T17:00:00.000Z',
    });
  }

  resolved() {
    return this.event('ComplaintResolved', {
      summary: 'The second charge was a duplicate authorisation; we refunded it.',
      outcome: 'upheld',
      remedies: [{ type: 'refund', amount: { amount: '49.90', currency: 'GBP' } }],
      firstContact: false,
      resolutionId: RESOLUTION_ID,
    });
  }

  closedNoResponse() {
    return this.event('ComplaintClosed', { reason: 'no_response' });
  }

  reopened() {
    return this.event('ComplaintReopened', { reason: 'The customer wrote back.' });
  }

  escalated(level: 1 | 2 | 3, to: string) {
    return this.event('ComplaintEscalated', {
      level,
      reason: 'sla_breach',
      to,
      note: 'Two deadlines missed.',
    });
  }

  breached() {
    return this.event('SlaBreached', {
      target: 'resolve',
      dueAt: '2026-03-16T17:00:00.000Z',
      at: '2026-03-16T20:00:00.000Z',
    });
  }
}
