interface Waiting<I, O> {
  input: I;
  key: string;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of statement: calls made while a batch of that kind is in flight (or in
 * the same turn of the event loop) are written together as one statement, one round trip, when it
 * returns. Concurrent handlers each used to send their own statement: a socket write and a
 * PostgreSQL command per email and per step.
 *
 * Each caller still gets its own answer, in the order it asked. Calls with the same key never share
 * a batch (the later one runs in a later batch, as if one after the other), and a batch that fails
 * is run again one call at a time, so one bad input fails only its own caller.
 */
export class Batcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = false;
  private scheduled = false;

  constructor(
    /** Writes a batch; answers one output per input, in order. */
    private readonly write: (inputs: I[]) => Promise<O[]>,
    private readonly keyOf: (input: I) => string,
    private readonly maxBatch = 100,
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, key: this.keyOf(input), resolve, reject });
      if (!this.inFlight && !this.scheduled) {
        // Wait for the rest of this turn: handlers started together arrive together.
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.flush();
        });
      }
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight) return;
    const batch = this.take();
    if (batch.length === 0) return;
    this.inFlight = true;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight = false;
    }
    if (this.waiting.length > 0) void this.flush();
  }

  /** Up to `maxBatch` waiting calls, at most one per key, oldest first. */
  private take(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < this.maxBatch; ) {
      const call = this.waiting[i] as Waiting<I, O>;
      if (keys.has(call.key)) {
        i += 1;
        continue;
      }
      keys.add(call.key);
      batch.push(call);
      this.waiting.splice(i, 1);
    }
    return batch;
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    let outputs: O[];
    try {
      outputs = await this.write(batch.map((call) => call.input));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Somebody's input broke the statement: find out whose, one at a time.
      for (const call of batch) await this.settle([call]);
      return;
    }
    batch.forEach((call, i) => {
      call.resolve(outputs[i] as O);
    });
  }
}
