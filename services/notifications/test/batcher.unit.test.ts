import { sleep } from '@chp/platform';
import { Batcher } from '../src/storage/index.js';

/** A batcher over a fake statement that records its batches and refuses inputs below zero. */
function recording() {
  const batches: number[][] = [];
  const batcher = new Batcher<number, number>(
    async (inputs) => {
      batches.push(inputs);
      await sleep(5);
      if (inputs.some((n) => n < 0)) throw new Error(`refused ${inputs.join(',')}`);
      return inputs.map((n) => n * 10);
    },
    (n) => String(Math.abs(n) % 100),
    4,
  );
  return { batcher, batches };
}

describe('Batcher', () => {
  it('answers each caller its own output; calls made meanwhile go out together, at most maxBatch', async () => {
    const { batcher, batches } = recording();
    const first = await Promise.all([1, 2, 3].map((n) => batcher.run(n)));
    expect(first).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    const more = await Promise.all([4, 5, 6, 7, 8, 9].map((n) => batcher.run(n)));
    expect(more).toEqual([40, 50, 60, 70, 80, 90]);
    expect(batches.slice(1)).toEqual([
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  it('never puts two calls with one key in a batch: the later one runs after', async () => {
    const { batcher, batches } = recording();
    expect(await Promise.all([1, 101, 2, 102].map((n) => batcher.run(n)))).toEqual([10, 1010, 20, 1020]);
    expect(batches).toEqual([
      [1, 2],
      [101, 102],
    ]);
  });

  it('fails only the caller whose input the statement refuses', async () => {
    const { batcher } = recording();
    const results = await Promise.allSettled([1, -2, 3].map((n) => batcher.run(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('refused -2') },
      { status: 'fulfilled', value: 30 },
    ]);
  });
});
