import { fileDirectly, type Harness, startHarness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nats: true });
});
afterAll(async () => {
  await h?.close();
});

describe('operations endpoints', () => {
  it('serves the command metrics on /metrics', async () => {
    const { complaintId } = await fileDirectly(h);
    await h.as('agent').post(`/v1/complaints/${complaintId}/acknowledge`);
    await h.as('agent').post(`/v1/complaints/${complaintId}/acknowledge`);
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(
      /chp_complaints_commands_total\{command="AcknowledgeComplaint",outcome="appended"\} [1-9]/,
    );
    expect(text).toMatch(
      /chp_complaints_commands_total\{command="AcknowledgeComplaint",outcome="rejected"\} [1-9]/,
    );
    expect(text).toContain('chp_complaints_command_duration_seconds_bucket');
  });

  it('is ready while the store and NATS answer, and names NATS when it does not', async () => {
    const ready = await h.as('anonymous').get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ eventStore: { status: 'ok' }, nats: { status: 'ok' } });

    await h.natsServer!.kill();
    try {
      const down = await h.as('anonymous').get('/readyz');
      expect(down.status).toBe(503);
      expect(down.body.failing).toEqual(['nats']);
    } finally {
      await h.natsServer!.restart();
    }
  });
});
