import { randomUUID } from 'node:crypto';
import {
  type CommandMetadata,
  commandResultSchema,
  complaintStreamName,
  type NatsCommandType,
  natsCommandRequestSchemaOf,
  natsCommandSubject,
} from '@chp/contracts';
import { RequestFailedError, request } from '@chp/messaging';
import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nats: true });
});
afterAll(async () => {
  await h?.close();
});

const customer = (): CommandMetadata => ({
  commandId: randomUUID(),
  actor: { id: 'intake', role: 'service' },
  correlationId: `link-${randomUUID()}`,
});

function send<T extends Exclude<NatsCommandType, 'FileComplaint'>>(
  type: T,
  data: unknown,
  metadata = customer(),
) {
  return request(h.nc!, natsCommandSubject(type), { data, metadata } as never, {
    requestSchema: natsCommandRequestSchemaOf(type),
    replySchema: commandResultSchema,
  });
}

const agent = { id: 'agent-alice', role: 'agent' } as const;
const asAgent = () => ({ commandId: randomUUID(), actor: agent, correlationId: randomUUID() });

async function resolved(): Promise<string> {
  const { complaintId } = await fileDirectly(h);
  await h.handler.handle({ type: 'AcknowledgeComplaint', data: { complaintId }, metadata: asAgent() });
  await h.handler.handle({
    type: 'ResolveComplaint',
    data: { complaintId, summary: 'Refunded', outcome: 'upheld', remedies: [], firstContact: true },
    metadata: asAgent(),
  });
  return complaintId;
}

const types = async (complaintId: string) =>
  (await h.store.readStream(complaintStreamName(complaintId))).map((e) => e.type);

describe('complaints.cmd.<command> for intake', () => {
  it('records the customer response to a question', async () => {
    const { complaintId } = await fileDirectly(h);
    await h.handler.handle({ type: 'AcknowledgeComplaint', data: { complaintId }, metadata: asAgent() });
    await h.handler.handle({
      type: 'RequestCustomerInformation',
      data: { complaintId, requestId: randomUUID(), question: 'Which order?' },
      metadata: asAgent(),
    });
    const result = await send('RecordCustomerResponse', {
      complaintId,
      message: 'Order 1234',
      channel: 'email',
    });
    expect(result).toEqual({ complaintId, revision: 3, appended: 1 });
    expect((await types(complaintId)).at(-1)).toBe('CustomerResponded');
  });

  it('accepts a resolution and records satisfaction; a repeated request is applied once', async () => {
    const complaintId = await resolved();
    const metadata = customer();
    const accepted = await send('AcceptResolution', { complaintId }, metadata);
    const again = await send('AcceptResolution', { complaintId }, metadata);
    // The repeat is applied once, and its reply says nothing was appended.
    expect(again).toEqual({ ...accepted, appended: 0 });
    expect(accepted.appended).toBe(1);
    const rated = await send('RecordSatisfaction', { complaintId, score: 5 });
    expect(rated.revision).toBe(accepted.revision + 1);
    expect((await types(complaintId)).slice(-2)).toEqual(['ResolutionAccepted', 'SatisfactionRecorded']);
  });

  it('rejects a resolution, which reopens the complaint', async () => {
    const complaintId = await resolved();
    await send('RejectResolution', { complaintId, reason: 'Not enough' });
    expect((await types(complaintId)).slice(-2)).toEqual(['ResolutionRejected', 'ComplaintReopened']);
  });

  it('answers illegal_transition with the rule, and not_found for an unknown complaint', async () => {
    const { complaintId } = await fileDirectly(h);
    const illegal = await send('AcceptResolution', { complaintId }).catch((e: unknown) => e);
    expect(illegal).toBeInstanceOf(RequestFailedError);
    expect((illegal as RequestFailedError).error).toMatchObject({
      kind: 'illegal_transition',
      rule: 'cannot accept the resolution of a received complaint',
    });

    const missing = await send('RecordSatisfaction', { complaintId: randomUUID(), score: 3 }).catch(
      (e: unknown) => e,
    );
    expect((missing as RequestFailedError).error).toMatchObject({ kind: 'not_found' });
  });
});
