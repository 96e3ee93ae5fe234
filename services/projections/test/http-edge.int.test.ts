// Projections as it runs (dist/main.js) beside the real complaints process, both requiring an issuer,
// an audience and a bounded token life. Projections does not hold complaints' token key: it reads the
// feed with tokens signed by the feed's own key (FEED_TOKEN_SECRET), and its own API limits each client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@chp/platform';
import { type NatsHandle, nats, type ServiceProcess, startServiceProcess, waitFor } from '@chp/testing';

const tokenSettings = {
  JWT_SECRET: 'projections-edge-test-secret-of-32-chars',
  JWT_ISSUER: 'chp-test',
  JWT_AUDIENCE: 'chp-api',
  JWT_MAX_LIFETIME: '1h',
};

const feedTokenSecret = 'the-feed-token-secret-of-32-characters!!';

let natsServer: NatsHandle;
let complaints: ServiceProcess;
let projections: ServiceProcess;
let dataDir: string;
beforeAll(async () => {
  natsServer = await nats();
  dataDir = await mkdtemp(join(tmpdir(), 'projections-edge-'));
  complaints = await startServiceProcess({
    service: 'complaints',
    env: {
      ...tokenSettings,
      JWT_SECRET: 'complaints-own-token-key-projections-lacks',
      FEED_TOKEN_SECRET: feedTokenSecret,
      NATS_URL: natsServer.url,
      EVENT_STORE_URL: 'memory://',
      LOG_LEVEL: 'warn',
      SLA_MONITOR_ENABLED: 'false',
      NOTIFICATIONS_CONSUMER_ENABLED: 'false',
    },
  });
  projections = await startServiceProcess({
    service: 'projections',
    env: {
      ...tokenSettings,
      FEED_TOKEN_SECRET: feedTokenSecret,
      NATS_URL: natsServer.url,
      READ_MODEL_URL: `pglite://${join(dataDir, 'read-model')}`,
      COMPLAINTS_URL: complaints.url,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_SECOND: '0.01',
      RATE_LIMIT_BURST: '3',
      // The operator watching the rebuild has a contract for more.
      RATE_LIMITS: 'status-reader=100:100',
    },
  });
}, 120_000);
afterAll(async () => {
  await projections?.stop();
  await complaints?.stop();
  await natsServer?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const token = (subject: string, roles: ('supervisor' | 'admin')[] = ['supervisor']) =>
  signToken({
    secret: tokenSettings.JWT_SECRET,
    subject,
    roles,
    issuer: tokenSettings.JWT_ISSUER,
    audience: tokenSettings.JWT_AUDIENCE,
    expiresIn: '10m',
  });
const status = async (bearer: string) =>
  fetch(`${projections.url}/v1/status`, { headers: { authorization: `Bearer ${bearer}` } });

it("reads complaints' feed with the short-lived token it signs with the feed's key, which complaints accepts", async () => {
  const admin = await token('status-reader', ['admin']);
  let rebuild: { state?: string; error?: string | null } = {};
  await waitFor(
    async () => {
      rebuild = ((await (await status(admin)).json()) as { rebuild: typeof rebuild }).rebuild;
      return rebuild.state !== 'running';
    },
    { description: 'the start-up rebuild finished', intervalMs: 100 },
  );
  // A refused feed token would leave the rebuild `failed` with complaints' 401 as its error.
  expect(rebuild).toMatchObject({ state: 'idle', error: null, finishedAt: expect.any(String) });
});

it("limits each client on its own: one reader's flood leaves another served", async () => {
  const flooder = await token('flooding-supervisor');
  for (let i = 0; i < 3; i++) expect((await status(flooder)).status).toBe(200);
  const limited = await status(flooder);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await status(await token('calm-supervisor'))).status).toBe(200);
});

it('refuses a token that lives longer than allowed', async () => {
  const long = await signToken({
    secret: tokenSettings.JWT_SECRET,
    subject: 'long-lived',
    roles: ['supervisor'],
    issuer: tokenSettings.JWT_ISSUER,
    audience: tokenSettings.JWT_AUDIENCE,
    expiresIn: '30d',
  });
  expect((await status(long)).status).toBe(401);
});
