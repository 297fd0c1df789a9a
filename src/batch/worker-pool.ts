/**
 * A fixed number of workers pulling items one at a time from a shared iterator. Items are taken
 * only when a worker is free, so however long the input, at most `concurrency` tasks (and their
 * promises) exist at once.
 */

/**
 * Runs `task` for each item, in input order of dispatch, at most `concurrency` at a time. Once
 * `stop` aborts no new item is taken; the promise resolves when every started task has ended.
 * `task` must not throw: it records its own failures.
 */
export async function runWorkerPool<T>(
  items: Iterable<T>,
  concurrency: number,
  stop: AbortSignal,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (!stop.aborted) {
      const next = iterator.next();
      if (next.done) return;
      await task(next.value, nextIndex++);
    }
  };
  const workers = Math.max(1, Math.floor(concurrency));
  await Promise.all(Array.from({ length: workers }, worker));
}
