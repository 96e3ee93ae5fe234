import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { calibrate, measureJetStreamPublishes, measurePgInserts } from '../src/bench/index.js';
import { type NatsHandle, nats } from '../src/nats.js';
import { postgresServer, postgresServerAvailability } from '../src/postgres.js';

const pg = postgresServerAvailability();

if (pg.available) {
  describe('calibration against a real PostgreSQL', () => {
    it('measures single-row inserts per second and leaves no table behind', async () => {
      const server = await postgresServer();
      if (!server.available) throw new Error(server.reason);
      try {
        const rate = await measurePgInserts(server.url, 200);
        expect(rate).toBeGreaterThan(0);
        const client = new Client({ connectionString: server.url });
        await client.connect();
        try {
          const { rows } = await client.query(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
            [server.schema],
          );
          expect(rows).toEqual([]);
        } finally {
          await client.end();
        }
      } finally {
        await server.close();
      }
    });
  });
} else {
  process.stderr.write(`[testing] PostgreSQL calibration skipped: ${pg.reason}\n`);
  it.skip(`PostgreSQL calibration (skipped: ${pg.reason})`, () => undefined);
}

describe('calibration against a real nats-server', () => {
  let server: NatsHandle;
  beforeAll(async () => {
    server = await nats();
  });
  afterAll(() => server.stop());

  it('measures acknowledged JetStream publishes per second and deletes its stream', async () => {
    const rate = await measureJetStreamPublishes(server.url, 200);
    expect(rate).toBeGreaterThan(0);
    const nc = await connect({ servers: server.url });
    try {
      const names: string[] = [];
      for await (const name of (await jetstreamManager(nc)).streams.names()) names.push(name);
      expect(names.filter((name) => name.startsWith('CALIBRATION_'))).toEqual([]);
    } finally {
      await nc.close();
    }
  });
});

describe('calibrate', () => {
  it('gives the CPU workload alone unless servers are asked for', async () => {
    const lines: string[] = [];
    const calibration = await calibrate({ log: (line) => lines.push(line) });
    expect(Object.keys(calibration)).toEqual(['cpu_ms']);
    expect(calibration.cpu_ms).toBeGreaterThan(0);
    expect(lines).toEqual([`calibration: CPU workload ${calibration.cpu_ms} ms`]);
  });

  (pg.available ? it : it.skip)('gives all three figures with PostgreSQL and NATS', async () => {
    const lines: string[] = [];
    const calibration = await calibrate({ postgres: true, nats: true, log: (line) => lines.push(line) });
    expect(calibration).toEqual({
      cpu_ms: expect.any(Number),
      pg_inserts_per_s: expect.any(Number),
      jetstream_publishes_per_s: expect.any(Number),
    });
    expect(calibration.pg_inserts_per_s).toBeGreaterThan(0);
    expect(calibration.jetstream_publishes_per_s).toBeGreaterThan(0);
    expect(lines[0]).toContain(`PostgreSQL ${calibration.pg_inserts_per_s} single-row inserts/s`);
  });
});
