import { ack, differingKeys, reject, retry, retryDelayMs } from '@chp/messaging';

describe('retry delay', () => {
  it('doubles with each delivery and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 8, 40].map((n) => retryDelayMs(n, { baseMs: 100, maxMs: 1_000 }));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('outcomes', () => {
  it('are plain values a handler returns', () => {
    expect(ack()).toEqual({ type: 'ack' });
    expect(retry(250, 'busy')).toEqual({ type: 'retry', afterMs: 250, reason: 'busy' });
    expect(reject('unknown complaint')).toMatchObject({ type: 'reject', reason: 'unknown complaint' });
  });

  it('refuse nonsense', () => {
    expect(() => retry(-1)).toThrow(RangeError);
    expect(() => reject('')).toThrow(/reason is required/);
  });
});

describe('config comparison', () => {
  it('looks only at the wanted keys, treats subject lists as sets and absent falsy defaults as equal', () => {
    const actual = { subjects: ['a', 'b'], max_msgs: -1, ack_wait: 30, sealed: undefined };
    expect(differingKeys({ subjects: ['b', 'a'], sealed: false }, actual)).toEqual([]);
    expect(differingKeys({ subjects: ['a'], ack_wait: 10, description: undefined }, actual)).toEqual([
      'subjects',
      'ack_wait',
    ]);
  });
});
