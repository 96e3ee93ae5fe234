/**
 * Bounds how many messages are between their claim (the `sending` intent) and the end of their
 * SMTP send. Without it, every concurrent handler claims at once and waits in the SMTP pool's queue,
 * so a crash leaves all of those intents `unknown` (never re-sent) although most were never tried.
 * With one slot per pooled connection, a crash can cut off at most that many sends.
 */
export class SendSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`send slots: ${size} is not a positive integer`);
    this.free = size;
  }

  /** Waits for a slot; call the returned function once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.free > 0) {
      this.free -= 1;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }

  /** Callers waiting for a slot now. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Slots taken now. */
  get inUse(): number {
    return this.size - this.free;
  }
}
