import { intakeAnswerSchema } from '@chp/contracts';
import { prepare } from '../src/submission/submit.js';
import { type IntakeHarness, startIntake, submission } from './support/intake.js';

// The phone channel may submit two complaints, then one per 100 s; every other channel is unlimited.
let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake({
    rateLimits: {
      default: { perSecond: 100_000, burst: 100_000 },
      channels: { phone: { perSecond: 0.01, burst: 2 } },
    },
  });
});
afterAll(() => h.close());

it("answers 429 with Retry-After past a channel's limit, files nothing for it, and leaves other channels alone", async () => {
  const phone = () => submission({ channel: 'phone', externalRef: `call-${Math.random()}` });
  for (let i = 0; i < 2; i++) expect((await h.post('/v1/complaints', phone())).status).toBe(201);

  const limited = phone();
  const res = await h.post('/v1/complaints', limited);
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  // One token at 0.01 per second: 100 s from empty (less what refilled since the two filings).
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(95);
  expect(retryAfter).toBeLessThanOrEqual(100);
  expect(await res.json()).toMatchObject({ status: 429, type: 'urn:chp:problem:rate-limited' });
  const { complaintId } = prepare(h.deps, limited, {}).identity;
  expect(await h.complaints.eventsOf(complaintId)).toEqual([]);

  const web = await h.post('/v1/complaints', submission());
  expect(web.status).toBe(201);
  intakeAnswerSchema.parse(await web.json());
});
