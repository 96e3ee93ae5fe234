import { type NatsHandle, nats, waitFor } from '@chp/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createHttpApp, natsReadiness } from '../src/index.js';
import { body, type Running, serve } from './support.js';

describe('/readyz with a real NATS server', () => {
  let server: NatsHandle;
  let nc: NatsConnection;
  let api: Running;

  beforeAll(async () => {
    server = await nats();
    nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const app = createHttpApp({
      service: 'test',
      readiness: { nats: natsReadiness(nc) },
      readinessTimeoutMs: 500,
    });
    api = await serve(app);
  });
  afterAll(async () => {
    await api?.close();
    if (nc && !nc.isClosed()) await nc.close();
    await server?.stop();
  });

  const readyz = async () => {
    const res = await fetch(`${api.url}/readyz`);
    return { status: res.status, body: await body(res) };
  };

  it('is ready while NATS answers', async () => {
    expect(await readyz()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { nats: { status: 'ok' } } },
    });
  });

  it('fails when NATS is down, and recovers when it is back', async () => {
    if (!server.owned) {
      console.log('skipped the NATS-down case: NATS_URL points at a server this test may not kill');
      return;
    }
    await server.kill();
    const down = await waitFor(async () => {
      const r = await readyz();
      return r.status === 503 ? r : undefined;
    });
    expect(down.body).toMatchObject({ type: 'urn:chp:problem:not-ready', status: 503, failing: ['nats'] });
    expect(down.body.detail).toMatch(/^Failing: nats \(/);
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ status: 'ok' }); // still alive

    await server.restart();
    await waitFor(async () => (await readyz()).status === 200, { description: 'readiness after restart' });
  });

  it('fails once the connection is closed', async () => {
    await nc.close();
    const { status, body: problem } = await readyz();
    expect(status).toBe(503);
    expect(problem.detail).toBe('Failing: nats (connection closed)');
  });
});
