import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('authentication and roles', () => {
  it('answers 401 without a token, and with a token that does not verify', async () => {
    const { complaintId } = await fileDirectly(h);
    const anonymous = await h.as('anonymous').post(`/v1/complaints/${complaintId}/acknowledge`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');

    const forged = await h.as('anonymous').get(`/v1/complaints/${complaintId}`, {
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl',
    });
    expect(forged.status).toBe(401);
  });

  it('answers 403 to roles that may not send commands or read the internal feed', async () => {
    const { complaintId } = await fileDirectly(h);
    const channel = await h.as('channel').post(`/v1/complaints/${complaintId}/acknowledge`);
    expect(channel.status).toBe(403);
    expect(channel.headers.get('content-type')).toContain('application/problem+json');

    expect((await h.as('agent').get('/internal/v1/events')).status).toBe(403);
    expect((await h.as('service').get('/internal/v1/events')).status).toBe(200);
    expect((await h.as('admin').get('/internal/v1/events')).status).toBe(200);
  });

  it('keeps dismissing, closing as a duplicate and escalating to level 3 for supervisors', async () => {
    const { complaintId } = await fileDirectly(h);
    const other = await fileDirectly(h);
    const agent = h.as('agent');
    const attempts = [
      ['close', { reason: 'dismissed' }],
      ['close', { reason: 'duplicate', duplicateOf: other.complaintId }],
      ['escalate', { level: 3, reason: 'manual', to: 'head-of-complaints' }],
    ] as const;
    for (const [path, body] of attempts) {
      const reply = await agent.post(`/v1/complaints/${complaintId}/${path}`, body);
      expect(reply.status).toBe(403);
      expect(reply.body.detail).toContain('supervisor');
    }
    const events = await h.store.readStream(`complaint-${complaintId}`);
    expect(events).toHaveLength(1);

    const escalated = await h.as('supervisor').post(`/v1/complaints/${complaintId}/escalate`, attempts[2][1]);
    expect(escalated.status).toBe(200);
    const [, escalation] = await h.store.readStream(`complaint-${complaintId}`);
    expect(escalation?.metadata).toMatchObject({ actor: { id: 'supervisor-sam', role: 'supervisor' } });
  });
});
