import { sleep } from '../src/index.js';

const elapsed = async (work: () => Promise<void>): Promise<number> => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

describe('sleep(ms, signal?)', () => {
  it('resolves after ms without a signal', async () => {
    expect(await elapsed(() => sleep(40))).toBeGreaterThanOrEqual(35);
  });

  it('resolves at once when the signal is already aborted', async () => {
    expect(await elapsed(() => sleep(10_000, AbortSignal.abort()))).toBeLessThan(1_000);
  });

  it('resolves, and does not reject, when the signal aborts while it waits', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await elapsed(() => sleep(10_000, controller.signal))).toBeLessThan(1_000);
  });

  it('leaves no listener on the signal once the time has passed', async () => {
    const { signal } = new AbortController();
    const added = jest.spyOn(signal, 'addEventListener');
    const removed = jest.spyOn(signal, 'removeEventListener');
    await sleep(5, signal);
    expect(added).toHaveBeenCalledTimes(1);
    expect(removed).toHaveBeenCalledWith('abort', added.mock.calls[0]?.[1]);
  });
});
