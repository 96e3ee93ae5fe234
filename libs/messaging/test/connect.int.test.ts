import { connect, type MessagingLogger, NatsUnavailableError } from '@chp/messaging';
import { freePort, type NatsHandle, nats, waitFor } from '@chp/testing';

function recordingLogger() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg: string) => lines.push({ level, msg, obj });
  const logger: MessagingLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

describe('connect', () => {
  it('fails with a readable error when NATS is unreachable', async () => {
    // A loopback port bound, then released: nobody listens there.
    const url = `nats://127.0.0.1:${await freePort()}`;

    const error = await connect({ servers: url, name: 'test' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NatsUnavailableError);
    expect((error as Error).message).toBe(
      `cannot reach NATS at ${url} (ECONNREFUSED): start nats-server or set NATS_URL`,
    );
  });

  describe('with a server', () => {
    let server: NatsHandle;
    beforeAll(async () => {
      server = await nats();
    });
    afterAll(async () => {
      await server.stop();
    });

    it('reconnects after the server comes back, and logs both events', async () => {
      if (!server.owned) {
        console.log('skipped: NATS_URL points at a server this test may not kill');
        return;
      }
      const { lines, logger } = recordingLogger();
      const nc = await connect({
        servers: server.url,
        name: 'test',
        logger,
        reconnectWaitMs: 50,
        reconnectJitterMs: 50,
      });
      try {
        await server.kill();
        await server.restart();
        await waitFor(() => lines.some((line) => line.msg === 'reconnected to NATS'), {
          description: 'a reconnect',
          timeoutMs: 15_000,
        });
        expect(lines.map((line) => line.msg)).toEqual(
          expect.arrayContaining([
            'connected to NATS',
            'disconnected from NATS; reconnecting',
            'reconnected to NATS',
          ]),
        );
        await expect(nc.flush()).resolves.toBeUndefined();
      } finally {
        await nc.close();
      }
    });
  });
});
