import { createServer } from 'node:net';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  type ChildHandle,
  fileComplaintSubject,
  freePort,
  type NatsHandle,
  nats,
  startComplaintsStub,
  startServiceProcess,
} from '../src/index.js';

test('freePort gives a port that can be bound on 127.0.0.1', async () => {
  const port = await freePort();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  expect(port).toBeGreaterThan(0);
});

test('startServiceProcess names the missing build instead of spawning nothing', async () => {
  await expect(startServiceProcess({ service: 'no-such-service' })).rejects.toThrow(
    /services\/no-such-service\/dist\/main\.js does not exist: run `npm run build` first/,
  );
});

describe('the complaints stub as a process', () => {
  let server: NatsHandle;
  let nc: NatsConnection;
  let stub: ChildHandle;
  beforeAll(async () => {
    server = await nats();
    stub = await startComplaintsStub(server.url);
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc?.drain();
    await stub?.stop();
    await server?.stop();
  });

  it('answers a filing with the requested id and reference, created at revision 1', async () => {
    const data = { complaintId: '2b0c6f1e-6f7a-4b8e-9a35-0a4c1b2d3e4f', reference: 'CMP-7Q2K-9XW4' };
    const before = Date.now();
    const reply = (await nc.request(fileComplaintSubject, JSON.stringify({ data, metadata: {} }))).json<{
      ok: boolean;
      result: { acknowledgeBy: string };
    }>();
    expect(reply).toEqual({
      ok: true,
      result: { ...data, created: true, revision: 1, acknowledgeBy: expect.any(String) },
    });
    // Due in five days from the answer.
    expect(Date.parse(reply.result.acknowledgeBy) - before).toBeGreaterThanOrEqual(5 * 86_400_000);
  });

  it('refuses what is not a filing as a validation error', async () => {
    const reply = (await nc.request(fileComplaintSubject, '{"data":{}}')).json();
    expect(reply).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await stub.stop()).toBe(0);
  });
});
