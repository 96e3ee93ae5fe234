import { openSqlDriver, type SqlDriver } from '@chp/eventstore';
import { type PostgresHandle, postgres, postgresServerAvailability, waitFor } from '@chp/testing';
import { Batcher } from '../src/consumer/index.js';
import {
  applyBatch,
  applyInTransaction,
  ConcurrentWriteError,
  liveTables,
  migrate,
} from '../src/store/index.js';
import { EventLog } from './support/events.js';

const server = postgresServerAvailability();

describe.each(['server', 'pglite'] as const)('read-model store on %s', (use) => {
  let database: PostgresHandle;
  let db: SqlDriver;
  beforeAll(async () => {
    database = await postgres({ use: use === 'pglite' ? 'pglite' : 'auto', memory: true });
    db = await openSqlDriver(database.url);
    await migrate(db);
    await migrate(db); // idempotent
  });
  afterAll(async () => {
    await db.close();
    await database.close();
  });

  it('applies N over N-1, acks duplicates, and leaves gaps unapplied; the checkpoint moves with the rows', async () => {
    const log = new EventLog();
    const complaint = log
      .complaint({ subject: 'Двічі списали кошти', description: 'Kétszer terhelték a kártyámat' })
      .add('ComplaintAcknowledged', {})
      .add('ComplaintAssigned', { team: 'billing' })
      .add('SlaBreached', { target: 'resolve', dueAt: '2026-03-09T09:00:00.000Z' });
    const [e0, e1, e2, e3] = complaint.events;
    if (!e0 || !e1 || !e2 || !e3) throw new Error('events');

    const first = await applyBatch(db, liveTables, [e2, e0], { name: 'test', streamSequence: 2 });
    expect([first.get(e0), first.get(e2)]).toEqual(['applied', 'gap']);
    const second = await applyBatch(db, liveTables, [e0, e1, e2, e3], { name: 'test', streamSequence: 4 });
    expect([second.get(e0), second.get(e1), second.get(e2), second.get(e3)]).toEqual([
      'duplicate',
      'applied',
      'applied',
      'applied',
    ]);

    const [row] = await db.query<{
      revision: number;
      team: string;
      breached: boolean;
      breached_targets: string[];
    }>(
      'SELECT revision, team, breached, breached_targets FROM complaint_summary WHERE complaint_id = $1::uuid',
      [complaint.id],
    );
    expect(row).toEqual({ revision: 3, team: 'billing', breached: true, breached_targets: ['resolve'] });
    const timeline = await db.query<{ revision: number }>(
      'SELECT revision FROM complaint_timeline WHERE complaint_id = $1::uuid ORDER BY revision',
      [complaint.id],
    );
    expect(timeline.map((t) => t.revision)).toEqual([0, 1, 2, 3]);
    const [checkpoint] = await db.query<{ stream_sequence: string; position: string; events: string }>(
      `SELECT stream_sequence::text, position, events::text FROM projection_checkpoint WHERE name = 'test'`,
    );
    expect(checkpoint).toEqual({ stream_sequence: '4', position: e3.position, events: '4' });
  });

  it('finds Cyrillic, Latvian and Hungarian words whatever their case', async () => {
    const log = new EventLog();
    const words = ['ДВІЧІ', 'kartīti', 'Kétszer', 'ŠODIEN'];
    const complaint = log.complaint({ subject: `${words.join(' ')} problem`, description: 'x' });
    await applyBatch(db, liveTables, complaint.events);
    for (const word of words) {
      const found = await db.query<{ complaint_id: string }>(
        `SELECT complaint_id FROM complaint_summary WHERE search @@ plainto_tsquery('simple', $1)`,
        [word.toLowerCase()],
      );
      expect(found.map((r) => r.complaint_id)).toContain(complaint.id);
    }
  });

  it('migrate drops the timeline index on `at` that earlier versions created, under any generation', async () => {
    await db.exec('CREATE INDEX ct_timeline_g0_at ON complaint_timeline (at)');
    await db.exec('CREATE INDEX ct_timeline_shadow_g2_at ON complaint_timeline (at)');
    const timelineIndexes = async () =>
      (
        await db.query<{ indexname: string }>(
          `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'complaint_timeline'
           ORDER BY indexname`,
        )
      ).map((i) => i.indexname);
    expect(await timelineIndexes()).toEqual([
      'complaint_timeline_pkey',
      'ct_timeline_g0_at',
      'ct_timeline_shadow_g2_at',
    ]);
    await migrate(db);
    expect(await timelineIndexes()).toEqual(['complaint_timeline_pkey']);
  });
});

// Two replicas on one read model: only a server lets two transactions overlap (PGlite queues them).
const serverOnly = server.available ? describe : describe.skip;
serverOnly(
  `two replicas writing one complaint at once${server.available ? '' : ` (skipped: ${server.reason})`}`,
  () => {
    let database: PostgresHandle;
    let db: SqlDriver;
    beforeAll(async () => {
      database = await postgres({ use: 'server' });
      db = await openSqlDriver(database.url);
      await migrate(db);
    });
    afterAll(async () => {
      await db.close();
      await database.close();
    });

    it('the one that loses the race writes nothing, and its batch applied again finds a duplicate', async () => {
      const complaint = new EventLog().complaint({}).add('ComplaintAcknowledged', {});
      const [filed, acknowledged] = complaint.events;
      if (!filed || !acknowledged) throw new Error('events');
      // Replica A inserts the new row and holds its transaction open.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted: () => void = () => undefined;
      const insertedByA = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      let pidOfA = 0;
      const a = db.transaction(async (tx) => {
        const outcomes = await applyInTransaction(tx, liveTables, [filed]);
        const [me] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        pidOfA = me?.pid ?? 0;
        inserted();
        await held;
        return outcomes;
      });
      await insertedByA;
      // Replica B saw no row either (A's insert is not visible), so it inserts too: it waits on A's key.
      const b = applyBatch(db, liveTables, [filed, acknowledged]);
      await waitFor(
        async () => {
          const [row] = await db.query<{ blocked: number }>(
            'SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))',
            [String(pidOfA)],
          );
          return (row?.blocked ?? 0) > 0;
        },
        { description: "replica B's insert to wait on A's" },
      );
      release();
      expect((await a).get(filed)).toBe('applied');
      await expect(b).rejects.toBeInstanceOf(ConcurrentWriteError);

      // What the consumer's batcher does with such a loss: B's batch again, whole, which now sees A's row.
      let lost = 0;
      const batcher = new Batcher(
        async (events) => {
          if (lost++ === 0) throw new ConcurrentWriteError(events.length, 0); // as B's first try ended
          return applyBatch(db, liveTables, events);
        },
        { maxBatch: 10 },
      );
      const outcomes = await Promise.all([batcher.submit(filed, 1), batcher.submit(acknowledged, 2)]);
      expect(lost).toBe(2); // the loss, then the try that applied
      expect(outcomes).toEqual(['duplicate', 'applied']);
      const [row] = await db.query<{ revision: number }>(
        'SELECT revision FROM complaint_summary WHERE complaint_id = $1::uuid',
        [complaint.id],
      );
      expect(row?.revision).toBe(1);
      const timeline = await db.query('SELECT 1 FROM complaint_timeline WHERE complaint_id = $1::uuid', [
        complaint.id,
      ]);
      expect(timeline).toHaveLength(2);
    });
  },
);
