import { intakeAnswerSchema } from '@chp/contracts';
import { waitFor } from '@chp/testing';
import { type IntakeHarness, startIntake, submission } from './support/intake.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake({ consumer: true });
});
afterAll(() => h.close());

it('loses nothing while complaints is down: 100 over HTTP and 100 over NATS are filed once each', async () => {
  await h.complaints.stop();
  const http = await Promise.all(
    Array.from({ length: 100 }, () =>
      h
        .post('/v1/complaints', submission())
        .then(async (res) => ({ status: res.status, body: await res.json() })),
    ),
  );
  expect(http.every((r) => r.status === 202)).toBe(true);
  const httpIds = http.map((r) => intakeAnswerSchema.parse(r.body).complaintId);

  const acks = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      h.js.publish(
        'intake.complaints.phone',
        JSON.stringify(submission({ channel: 'phone', externalRef: `call-${i}-${Date.now()}` })),
      ),
    ),
  );
  expect(acks.every((ack) => ack.seq > 0 && !ack.duplicate)).toBe(true);
  expect((await h.complaints.filed()).size).toBe(0);

  await h.complaints.start();
  const filed = await waitFor(
    async () => {
      const counts = await h.complaints.filed();
      return counts.size >= 200 ? counts : undefined;
    },
    { timeoutMs: 25_000, description: '200 complaints filed' },
  );
  expect(filed.size).toBe(200);
  expect([...filed.values()].every((n) => n === 1)).toBe(true);
  for (const id of httpIds) expect(filed.get(`complaint-${id}`)).toBe(1);
}, 60_000);
