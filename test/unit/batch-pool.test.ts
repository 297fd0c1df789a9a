/** The worker pool: bounded concurrency, lazy pulling from the input, and stopping. */
import { describe, expect, it } from 'vitest';
import { runWorkerPool } from '../../src/batch/worker-pool.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Items 0..n-1, recording how far the pool has pulled. */
function counting(n: number) {
  const state = { pulled: 0 };
  function* items() {
    for (let i = 0; i < n; i++) {
      state.pulled = i + 1;
      yield i;
    }
  }
  return { items: items(), state };
}

describe('runWorkerPool', () => {
  it('runs every item once, never more than `concurrency` at a time, pulling only as it goes', async () => {
    const { items, state } = counting(100);
    let running = 0;
    let most = 0;
    const seen: Array<[number, number]> = [];
    await runWorkerPool(items, 4, new AbortController().signal, async (item, index) => {
      running += 1;
      most = Math.max(most, running);
      // Never more items taken than finished plus the ones running.
      expect(state.pulled).toBeLessThanOrEqual(seen.length + 4);
      await tick();
      seen.push([item, index]);
      running -= 1;
    });
    expect(most).toBe(4);
    expect(seen.map(([item]) => item).sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect(seen.every(([item, index]) => item === index)).toBe(true);
  });

  it('takes no new item once stopped, and waits for the ones running', async () => {
    const { items, state } = counting(100);
    const stop = new AbortController();
    const finished: number[] = [];
    await runWorkerPool(items, 3, stop.signal, async (item) => {
      if (item === 4) stop.abort();
      await tick();
      finished.push(item);
    });
    expect(state.pulled).toBe(5);
    expect(finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts nothing when already stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    let calls = 0;
    await runWorkerPool([1, 2, 3], 2, stop.signal, async () => {
      calls += 1;
    });
    expect(calls).toBe(0);
  });
});
