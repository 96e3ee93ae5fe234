import { randomUUID } from 'node:crypto';

/** What a benchmark scenario needs from a store; each target (ours, Emmett, raw SQL) adapts to it. */
export interface BenchTarget {
  readonly name: string;
  /** Appends events; `isNew`: the stream must not exist yet (the expected revision a decider would pass). */
  append(streamName: string, events: BenchEvent[], isNew: boolean): Promise<void>;
  /** Reads a whole stream; returns how many events came back. */
  readStream(streamName: string): Promise<number>;
  /** Catches up on the global log from the start until `count` events were received. */
  catchUp(count: number): Promise<number>;
  close(): Promise<void>;
}

export interface BenchEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface Timing {
  ops: number;
  ms: number;
}

/** A complaint-sized event (~400 bytes of JSON), as the complaints service writes them. */
export function sampleEvent(n: number): BenchEvent {
  return {
    id: randomUUID(),
    type: 'ComplaintNoteAdded',
    data: {
      complaintId: randomUUID(),
      note: `Customer called again about the delayed refund, note ${n}. Promised a call-back within two business days.`,
      visibility: 'internal',
      by: { id: 'agent-42', role: 'agent' },
      at: '2025-03-01T10:15:00.000Z',
    },
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1 },
  };
}

export function batch(size: number, from: number): BenchEvent[] {
  return Array.from({ length: size }, (_, i) => sampleEvent(from + i));
}

let streamCounter = 0;
export function newStreamName(prefix: string): string {
  streamCounter++;
  return `${prefix}-${process.pid}-${streamCounter}-${randomUUID().slice(0, 8)}`;
}

/**
 * Runs `writers` concurrent loops of `op` for `durationMs` after `warmupOps` untimed operations per
 * writer (connections opened, plans cached, JIT warm). Counts completed operations in the window.
 */
export async function runFor(
  writers: number,
  durationMs: number,
  warmupOps: number,
  op: (writer: number, n: number) => Promise<void>,
): Promise<Timing> {
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; n < warmupOps; n++) await op(writer, -1 - n);
    }),
  );
  let ops = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; performance.now() < deadline; n++) {
        await op(writer, n);
        ops++;
      }
    }),
  );
  return { ops, ms: performance.now() - start };
}

export async function time(op: () => Promise<number>): Promise<Timing> {
  const start = performance.now();
  const ops = await op();
  return { ops, ms: performance.now() - start };
}

export function perSecond(timing: Timing): number {
  return Math.round((timing.ops / timing.ms) * 1000);
}

export interface ScenarioConfig {
  /** Length of each timed append window. */
  appendMs: number;
  warmupOps: number;
  /** Rounds of the 8-writer comparison; the median round counts. */
  eightWriterRounds: number;
  readStreamEvents: number;
  catchUpMax: number;
}

/** A target that counts the events it wrote, so that catch-up knows how many to expect. */
export interface CountedTarget extends BenchTarget {
  readonly written: number;
}

export function counted(target: BenchTarget): CountedTarget {
  let written = 0;
  return {
    name: target.name,
    get written() {
      return written;
    },
    async append(streamName, events, isNew) {
      await target.append(streamName, events, isNew);
      written += events.length;
    },
    readStream: (streamName) => target.readStream(streamName),
    catchUp: (count) => target.catchUp(count),
    close: () => target.close(),
  };
}

/** One writer loop per `writers`, each appending single events to new streams. */
export function appendSingles(target: BenchTarget, writers: number, config: ScenarioConfig): Promise<Timing> {
  return runFor(writers, config.appendMs, config.warmupOps, async () => {
    await target.append(newStreamName(`bench-${writers}w`), [sampleEvent(0)], true);
  });
}

/**
 * The headline comparison, 8 writers each appending single events to new streams, run in
 * interleaved rounds (A B C, B C A, C A B, ...) so that load from elsewhere on a shared machine falls on
 * every contender alike. Returns each contender's rounds, in events per second.
 */
export async function eightWriterShootout(
  contenders: readonly { name: string; op: () => Promise<void> }[],
  config: ScenarioConfig,
  log: (line: string) => void,
): Promise<Map<string, number[]>> {
  const rounds = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 1; round <= config.eightWriterRounds; round++) {
    const line: string[] = [];
    // Rotated each round, so that no contender always runs first (or right after the same one).
    const order = contenders.map((_, i) => contenders[(i + round - 1) % contenders.length]);
    for (const contender of order) {
      if (!contender) continue;
      const timing = await runFor(8, config.appendMs, config.warmupOps, contender.op);
      rounds.get(contender.name)?.push(perSecond(timing));
      line.push(`${contender.name} ${perSecond(timing)}/s`);
    }
    log(`8 writers, round ${round}: ${line.join(', ')}`);
  }
  return rounds;
}

/** The median over rounds of `a[i] / b[i]`: robust to load that drifts between rounds. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  const ratios = a.map((value, i) => value / (b[i] || Number.NaN)).filter(Number.isFinite);
  return Math.round(medianOf(ratios) * 100) / 100;
}

/** Every other scenario of the issue, for one target; figures keyed `<target>_<metric>`. */
export async function runScenarios(
  target: CountedTarget,
  config: ScenarioConfig,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const m: Record<string, number> = {};
  const name = target.name;

  const one = await appendSingles(target, 1, config);
  m[`${name}_append_1w_per_s`] = perSecond(one);
  log(
    `${name}: single-event appends, 1 writer: ${perSecond(one)}/s (${one.ops} in ${Math.round(one.ms)} ms)`,
  );

  const batches = await runFor(1, config.appendMs, config.warmupOps, async (_, n) => {
    await target.append(newStreamName('bench-b10'), batch(10, n * 10), true);
  });
  m[`${name}_batch10_appends_per_s`] = perSecond(batches);
  m[`${name}_batch10_events_per_s`] = perSecond(batches) * 10;
  log(
    `${name}: 10-event batch appends, 1 writer: ${perSecond(batches)} batches/s = ${perSecond(batches) * 10} events/s`,
  );

  const longStream = newStreamName('bench-long');
  for (let n = 0; n < config.readStreamEvents; n += 500) {
    // Written in chunks (untimed), so that the read is measured on an ordinary long stream.
    await target.append(longStream, batch(Math.min(500, config.readStreamEvents - n), n), n === 0);
  }
  const read = await time(() => target.readStream(longStream));
  if (read.ops !== config.readStreamEvents) {
    throw new Error(`${name}: read ${read.ops} events of ${longStream}, expected ${config.readStreamEvents}`);
  }
  m[`${name}_read_10k_ms`] = Math.round(read.ms);
  m[`${name}_read_10k_events_per_s`] = perSecond(read);
  log(
    `${name}: reading one ${config.readStreamEvents}-event stream: ${Math.round(read.ms)} ms = ${perSecond(read)} events/s`,
  );

  const caught = await time(() => target.catchUp(Math.min(target.written, config.catchUpMax)));
  m[`${name}_catchup_events_per_s`] = perSecond(caught);
  log(
    `${name}: subscription catch-up from the start: ${perSecond(caught)} events/s (${caught.ops} events in ${Math.round(caught.ms)} ms)`,
  );
  return m;
}

export function median(values: readonly number[]): number {
  return Math.round(medianOf(values));
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
