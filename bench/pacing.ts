/**
 * What each kind of rate-limit window costs at the real quota, simulated on a virtual clock:
 * the CLI's pacer (src/api/pacer.ts) in front of the emulator's rate limiter
 * (test/emulator/rate-limiter.ts) with 1200 requests per 300 s, fixed or sliding. Nothing
 * waits in real time; each request takes LATENCY_MS from admission to its answer, and the
 * server counts it half-way.
 *
 *   npx tsx bench/pacing.ts [ids=3600] [concurrency=8] [latency-ms=100]
 */
import { createPacer } from '../src/api/pacer.js';
import type { Clock } from '../src/context.js';
import { RateLimiter } from '../test/emulator/rate-limiter.js';
import type { RateWindow } from '../test/emulator/types.js';

const [ids = 3600, concurrency = 8, latencyMs = 100] = process.argv.slice(2).map(Number);
const QUOTA = 1200;
const WINDOW_SECONDS = 300;

/** A clock whose time moves only when every task is waiting for it. */
function virtualClock() {
  let time = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  const clock: Clock = {
    now: () => time,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: time + Math.max(0, ms), wake })),
  };
  const idle = () => new Promise((resolve) => setImmediate(resolve));
  /** Runs the timers in time order until `done` settles. */
  async function drive(done: Promise<unknown>): Promise<void> {
    let finished = false;
    void done.finally(() => (finished = true));
    while (!finished) {
      for (let i = 0; i < 3; i++) await idle();
      if (finished) break;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next === undefined) throw new Error('deadlock: nothing left to wait for');
      time = Math.max(time, next.at);
      next.wake();
    }
  }
  return { clock, drive };
}

async function simulate(window: RateWindow) {
  const { clock, drive } = virtualClock();
  const limiter = new RateLimiter(
    { quota: QUOTA, windowSeconds: WINDOW_SECONDS, blockSeconds: WINDOW_SECONDS, window },
    clock.now,
  );
  const pacer = createPacer({ clock, maxWaitMs: 3_600_000 });
  const never = new AbortController().signal;
  let claimed = 0;
  let tooMany = 0;
  let lastAt = 0;
  async function worker(): Promise<void> {
    while (claimed < ids) {
      claimed += 1;
      await deleteOne();
    }
  }
  /** One ID, retried after a 429 as the CLI does. */
  async function deleteOne(): Promise<void> {
    for (;;) {
      const permit = await pacer.admit(never);
      if (permit === undefined) throw new Error('not admitted');
      await clock.sleep(latencyMs / 2);
      const decision = limiter.take('token');
      lastAt = clock.now();
      await clock.sleep(latencyMs / 2);
      const headers = Object.fromEntries(
        Object.entries(limiter.headers(decision)).map(([name, value]) => [
          name.toLowerCase(),
          value,
        ]),
      );
      permit.settle({ status: decision.allowed ? 200 : 429, headers });
      if (decision.allowed) return;
      tooMany += 1;
    }
  }
  await drive(Promise.all(Array.from({ length: concurrency }, worker)));
  return { seconds: lastAt / 1000, tooMany };
}

const minimum = (Math.ceil(ids / QUOTA) - 1) * WINDOW_SECONDS;
console.log(
  `${ids} IDs, concurrency ${concurrency}, ${latencyMs} ms per request, ${QUOTA}/${WINDOW_SECONDS} s`,
);
console.log(`limit-imposed minimum: ${minimum} s from the first request to the last`);
for (const window of ['fixed', 'sliding'] as const) {
  const { seconds, tooMany } = await simulate(window);
  console.log(
    `${window}: ${seconds.toFixed(1)} s (${(seconds / minimum).toFixed(3)}x), ${tooMany} answered 429`,
  );
}
