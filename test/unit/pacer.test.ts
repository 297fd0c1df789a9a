/**
 * The rate-limit pacer on its own (fake clock), its header parser (fast-check), and the pacer
 * inside the HTTP client: one 429 pauses every request of the client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPacer, type Pause, type Permit } from '../../src/api/pacer.js';
import { parseRateLimit, parseRateLimitPolicy } from '../../src/api/ratelimit-headers.js';
import { RateLimitError } from '../../src/errors.js';
import { FakeClock, failure, makeClient, NOW, ok, scriptedFetch } from './api-test-kit.js';

const RUNS = { seed: 20261126, numRuns: 1000 };

function budget(remaining: number, resetSeconds: number, quota = 20, window = 10) {
  return {
    status: 200,
    headers: {
      ratelimit: `"default";r=${remaining};t=${resetSeconds}`,
      'ratelimit-policy': `"default";q=${quota};w=${window}`,
    },
  };
}

function tooMany(retryAfterSeconds: number) {
  return {
    status: 429,
    headers: {
      ratelimit: `"default";r=0;t=${retryAfterSeconds}`,
      'retry-after': String(retryAfterSeconds),
    },
  };
}

function pacerWith(maxWaitSeconds = 60) {
  const clock = new FakeClock();
  const pauses: Pause[] = [];
  const trace: string[] = [];
  const pacer = createPacer({
    clock,
    maxWaitMs: maxWaitSeconds * 1000,
    trace: (line) => trace.push(line),
  });
  pacer.onPause((pause) => pauses.push(pause));
  const never = new AbortController().signal;
  const admit = async (): Promise<Permit> => {
    const permit = await pacer.admit(never);
    if (permit === undefined) throw new Error('not admitted');
    return permit;
  };
  return { pacer, clock, pauses, trace, admit };
}

/** A clock whose sleeps end only when the test moves time past them. */
class ManualClock {
  time = NOW;
  private readonly sleepers: Array<{ until: number; wake: () => void }> = [];
  get sleeping(): number[] {
    return this.sleepers.map((sleeper) => sleeper.until);
  }
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ until: this.time + ms, wake }));
  }
  advance(ms: number): void {
    this.time += ms;
    for (const sleeper of this.sleepers.splice(0)) {
      if (sleeper.until <= this.time) sleeper.wake();
      else this.sleepers.push(sleeper);
    }
  }
}

/** Whether `promise` settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('pacer', () => {
  it('lets requests go at full concurrency while nothing is known', async () => {
    const { admit, clock } = pacerWith();
    await Promise.all(Array.from({ length: 32 }, admit));
    expect(clock.sleeps).toEqual([]);
  });

  it('is not pacing at all when the API sends no rate-limit headers', async () => {
    const { admit, clock } = pacerWith();
    for (let i = 0; i < 50; i++) (await admit()).settle({ status: 200, headers: {} });
    expect(clock.sleeps).toEqual([]);
  });

  it('counts the budget down and waits for the reset when it is used up', async () => {
    const { admit, clock, pauses, trace } = pacerWith();
    (await admit()).settle(budget(2, 10));
    (await admit()).settle(budget(1, 10));
    (await admit()).settle(budget(0, 10));
    expect(clock.sleeps).toEqual([]);
    // The fourth request waits for the window to reset, 10 s after the first answer.
    await admit();
    expect(clock.sleeps).toEqual([10_000]);
    expect(pauses).toEqual([{ until: NOW + 10_000, reason: 'budget' }]);
    expect(trace).toContain(
      'rate limit: the budget of 20 requests per 10 s is used up; waiting until 14:00:10 UTC',
    );
  });

  it('counts requests still in flight against what the first answer says is left', async () => {
    const { admit, clock } = pacerWith();
    const first = await admit();
    await admit();
    await admit();
    // r=3 counts only the first request: the other two are still on their way.
    first.settle(budget(3, 10));
    await admit();
    expect(clock.sleeps).toEqual([]);
    // The next waits until the first has left the budget (the reset, too), and goes in its place.
    await admit();
    expect(clock.sleeps).toEqual([10_000]);
    // Then nothing is known to be free: the answers still on their way must say.
    expect(await settlesSoon(admit())).toBe(false);
  });

  it('an answer that comes back out of order does not count the requests sent before it twice', async () => {
    const { admit, clock } = pacerWith();
    const first = await admit();
    const second = await admit();
    await admit();
    // The API counted the first and the second (r=3 of 5); the third is still on its way. The
    // second's answer comes back first: only the third is unknown to it.
    second.settle(budget(3, 10));
    first.settle(budget(4, 10));
    await admit();
    await admit();
    expect(clock.sleeps).toEqual([]);
    // 5 - 3 counted - 2 sent since: nothing is left, so the next waits.
    await admit();
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('believes a lower figure from the API: someone else spends the same budget', async () => {
    const { admit, clock } = pacerWith();
    (await admit()).settle(budget(10, 10));
    (await admit()).settle(budget(0, 10));
    await admit();
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('after a reset, one request measures the new window while the others wait for it', async () => {
    const { pacer, admit, clock } = pacerWith();
    (await admit()).settle(budget(0, 5));
    const probe = await admit(); // waits for the reset, then goes alone
    expect(clock.sleeps).toEqual([5_000]);
    const waiting = pacer.admit(new AbortController().signal);
    expect(await settlesSoon(waiting)).toBe(false);
    probe.settle(budget(19, 10));
    expect(await settlesSoon(waiting)).toBe(true);
    expect(clock.sleeps).toEqual([5_000]);
  });

  it('ignores answers from a window that has ended, which say nothing about the new one', async () => {
    const { admit, clock } = pacerWith();
    (await admit()).settle(budget(1, 5));
    const late = await admit(); // the last unit of the old window
    clock.time += 5_000; // the window ends while it is in flight
    const probe = admit(); // waits for `late`
    late.settle(budget(0, 1));
    (await probe).settle(budget(19, 10));
    await admit();
    expect(clock.sleeps).toEqual([]);
  });

  it('a sliding window: requests go again as ours leave the budget, not at the rounded-up reset', async () => {
    const { pacer, admit, clock } = pacerWith();
    const sliding = (remaining: number, resetSeconds: number) => budget(remaining, resetSeconds, 3);
    (await admit()).settle(sliding(2, 10));
    clock.time += 500;
    const [second, third] = [await admit(), await admit()];
    second.settle(sliding(1, 10));
    third.settle(sliding(0, 10));
    // The first has left the budget 10 s after its answer, whatever the window: one goes then.
    (await admit()).settle(sliding(0, 1)); // the API's t: the oldest leaves within 1 s
    expect(clock.sleeps).toEqual([9_500]);
    // The other two leave 0.5 s later, not at the 1 s the rounded-up t says: both go then,
    // without the second waiting for the first's answer.
    await admit();
    expect(await settlesSoon(pacer.admit(new AbortController().signal))).toBe(true);
    expect(clock.sleeps).toEqual([9_500, 500]);
  });

  it('never has more of its own requests out than the quota within a window, whatever r says', async () => {
    const { admit, clock } = pacerWith();
    // A figure beyond the quota (another policy's count, or a fixed window's fresh budget) does
    // not let a fourth go while the three may still count: 10 s after their answers.
    for (let i = 0; i < 3; i++) (await admit()).settle(budget(50, 10, 3, 10));
    await admit();
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('a 429 pauses every request together until Retry-After, then one goes first', async () => {
    const clock = new ManualClock();
    const pacer = createPacer({ clock, maxWaitMs: 60_000 });
    const pauses: Pause[] = [];
    pacer.onPause((pause) => pauses.push(pause));
    const admit = () => pacer.admit(new AbortController().signal) as Promise<Permit>;
    const first = await admit();
    const second = await admit();
    first.settle(tooMany(3));
    const [a, b] = [admit(), admit()];
    expect(await settlesSoon(Promise.race([a, b]))).toBe(false);
    // Both wait out the same pause, announced once.
    expect(clock.sleeping).toEqual([NOW + 3_000, NOW + 3_000]);
    expect(pauses).toEqual([{ until: NOW + 3_000, reason: 'blocked' }]);
    clock.advance(3_000);
    // An answer to a request sent before the 429 says nothing about the new window; once it is
    // in, one of the two goes alone to measure the window, and the other waits for its answer.
    second.settle(budget(5, 10));
    const probe = await Promise.race([a, b]);
    const other = probe === (await a) ? b : a;
    expect(await settlesSoon(other)).toBe(false);
    probe.settle(budget(19, 10));
    expect(await settlesSoon(other)).toBe(true);
  });

  it('refuses to send when the API blocks for longer than --max-retry-wait', async () => {
    const { admit } = pacerWith(60);
    (await admit()).settle(tooMany(300));
    const error = await admit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      message:
        'rate limited: the API blocks requests for 300 s (until 14:05:00 UTC) — more than --max-retry-wait 60',
      status: null,
      attempts: 0,
      retryAfterSeconds: 300,
      hint: 'try again after 14:05:00 UTC, or allow longer waits with --max-retry-wait',
    });
  });

  it('a waiting request gives up at once when it must stop', async () => {
    const { pacer, admit } = pacerWith();
    await admit();
    (await admit()).settle(tooMany(1));
    const stop = new AbortController();
    stop.abort();
    expect(await pacer.admit(stop.signal)).toBeUndefined();
    // Waiting for a probe's answer, too.
    const learning = pacerWith();
    (await learning.admit()).settle(budget(0, 1));
    await learning.admit();
    const cut = new AbortController();
    const waiting = learning.pacer.admit(cut.signal);
    cut.abort();
    expect(await waiting).toBeUndefined();
  });

  it('an edge error page without headers does not end the learning', async () => {
    const { pacer, admit } = pacerWith();
    (await admit()).settle(budget(0, 1));
    const probe = await admit();
    probe.settle({ status: 502, headers: {} });
    const next = await admit(); // probes again
    const waiting = pacer.admit(new AbortController().signal);
    expect(await settlesSoon(waiting)).toBe(false);
    next.settle(budget(9, 10));
    expect(await settlesSoon(waiting)).toBe(true);
  });

  it('a request that got no answer frees its place', async () => {
    const { pacer, admit } = pacerWith();
    (await admit()).settle(budget(0, 1));
    const probe = await admit();
    const waiting = pacer.admit(new AbortController().signal);
    probe.settle(undefined);
    expect(await settlesSoon(waiting)).toBe(true);
  });
});

describe('rate-limit headers', () => {
  it('reads Cloudflare’s headers', () => {
    expect(parseRateLimit('"default";r=50;t=30')).toEqual({ remaining: 50, resetSeconds: 30 });
    expect(parseRateLimitPolicy('"default";q=1200;w=300')).toEqual({
      quota: 1200,
      windowSeconds: 300,
    });
  });

  it('takes the tightest of several policies, and ignores what it cannot read', () => {
    expect(parseRateLimit('"burst";r=9;t=1, "daily";r=2;t=3600')).toEqual({
      remaining: 2,
      resetSeconds: 3600,
    });
    expect(parseRateLimit('"x";r=1')).toBeUndefined();
    expect(parseRateLimit('"x";r=-1;t=2')).toBeUndefined();
    expect(parseRateLimit('"x";rr=1;t=2')).toBeUndefined();
    expect(parseRateLimit(undefined)).toBeUndefined();
    expect(parseRateLimitPolicy('"x";q=5')).toBeUndefined();
  });

  it('never throws, and reads only whole non-negative numbers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        const state = parseRateLimit(value);
        const policy = parseRateLimitPolicy(value);
        for (const n of [
          state?.remaining,
          state?.resetSeconds,
          policy?.quota,
          policy?.windowSeconds,
        ]) {
          if (n !== undefined) expect(Number.isInteger(n) && n >= 0).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('the pacer in the HTTP client', () => {
  it('a 429 makes every request of the client wait, not only the one that got it', async () => {
    const limited = failure(429, [{ code: 971, message: 'Please wait' }], {
      'retry-after': '4',
      ratelimit: '"default";r=0;t=4',
    });
    const fetch = scriptedFetch(limited, ok({ id: 'a' }));
    const { http, clock } = makeClient(fetch);
    const first = await http.request('DELETE', ['a']);
    expect(first.attempts).toBe(2);
    expect(clock.sleeps).toEqual([4_000]);
    // The pause is over: a new request goes at once.
    await http.request('DELETE', ['b']);
    expect(clock.sleeps).toEqual([4_000]);
    expect(fetch.calls).toHaveLength(3);
  });

  it('a request refused during a long block made no attempt and says so', async () => {
    const blocked = failure(429, [{ code: 971, message: 'Please wait' }], { 'retry-after': '300' });
    const fetch = scriptedFetch(blocked);
    const { http } = makeClient(fetch);
    await expect(http.request('DELETE', ['a'])).rejects.toMatchObject({ attempts: 1 });
    const refused = await http.request('DELETE', ['b']).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ attempts: 0, outcomeUnknown: false });
    expect(fetch.calls).toHaveLength(1);
  });

  it('tells listeners about pauses', async () => {
    const fetch = scriptedFetch(
      ok({ id: 'a' }, { ratelimit: '"default";r=0;t=7', 'ratelimit-policy': '"default";q=1;w=10' }),
      ok({ id: 'b' }),
    );
    const { http, clock } = makeClient(fetch);
    const pauses: Pause[] = [];
    http.onRateLimitPause((pause) => pauses.push(pause));
    await http.request('DELETE', ['a']);
    await http.request('DELETE', ['b']);
    expect(pauses).toEqual([{ until: NOW + 7_000, reason: 'budget' }]);
    expect(clock.sleeps).toEqual([7_000]);
  });
});
