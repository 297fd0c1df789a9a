/**
 * The rate-limit budget shared by every request of one HTTP client (one credential), so that
 * concurrent batch workers slow down together instead of each learning about the limit from
 * its own 429. Cloudflare allows 1200 requests per 5 minutes and, once that is exceeded,
 * blocks every call for 5 minutes: the point is never to exceed it.
 *
 * What the contract gives: every answer's `Ratelimit` (`r` left, `t` whole seconds until the
 * reset, rounded up) and `Ratelimit-Policy` (`q` per `w` seconds). It does not say whether the
 * window is fixed (everything comes back at the reset) or sliding (each request leaves `w`
 * after it was counted; `t` is when the oldest leaves). Two facts hold under both, and the
 * pacer lives on them:
 *
 * 1. A request counted by the API has left the budget `w` seconds after its answer at the
 *    latest. So each of our answered requests is "held" until then, and never more than `q`
 *    of ours are held or in flight at once: our own requests alone cannot exceed the quota in
 *    any window. Each one coming back also gives one unit back to what the API said was left.
 * 2. What the API says is left (`r`) is the most we may spend; someone else may be spending
 *   the same budget. So requests also count down from the API's figure (with those still in
 *    flight counted against it), and at zero wait until `t` or until one of ours comes back,
 *    whichever is first. At `t` at least one unit is free again (the window reset, or the
 *    oldest request left) but how many is unknown: one request goes alone and its answer says.
 *
 * Pacing by fixed windows alone (waiting for `t` at every zero) serialises a sliding window:
 * its `t` is a whole second away even when the oldest request leaves a millisecond later.
 *
 * At the start nothing is known and requests go out at full concurrency (at most 32, against a
 * real quota of 1200). A 429 pauses every request until its Retry-After; a pause longer than
 * --max-retry-wait is not waited out: requests are refused with a RateLimitError made of zero
 * attempts. An API that sends no rate-limit headers is not paced at all.
 */

import type { Clock } from '../context.js';
import { RateLimitError } from '../errors.js';
import type { ReceivedResponse } from './envelope.js';
import { parseRateLimit, parseRateLimitPolicy, type RateLimitPolicy } from './ratelimit-headers.js';
import { formatDelay, formatUtcClockTime, serverRequestedDelayMs } from './retry-policy.js';

export interface PacerOptions {
  clock: Clock;
  /** --max-retry-wait: the longest 429 pause worth waiting out. */
  maxWaitMs: number;
  /** --verbose lines. */
  trace?: (line: string) => void;
}

/** A pause every request is subject to, as announced to `onPause` listeners. */
export interface Pause {
  /** Epoch ms. */
  until: number;
  /** `budget`: the window's budget is used up; `blocked`: the API answered 429. */
  reason: 'budget' | 'blocked';
}

/** Permission to send one request; settle it with the answer, or with nothing. */
export interface Permit {
  settle(answer: Answer | undefined): void;
}

type Answer = Pick<ReceivedResponse, 'status' | 'headers'>;

export interface Pacer {
  /**
   * Waits until a request may be sent. Resolves to undefined when `stop` aborts first (send
   * nothing); throws a RateLimitError when the API blocks requests for longer than allowed.
   * `waitedUntil`: the request has already waited until then (before a retry, as the server
   * asked), so a pause ending by then is over for it.
   */
  admit(stop: AbortSignal, waitedUntil?: number): Promise<Permit | undefined>;
  onPause(listener: (pause: Pause) => void): void;
}

/** open: nothing to count against; learning: one probe is out; budget: counting down. */
type Mode = 'open' | 'learning' | 'budget';

type Decision =
  | { kind: 'go'; probe: boolean }
  | { kind: 'wait'; until: number; reason: Pause['reason'] }
  | { kind: 'await-answer' };

/** Shorter budget waits are the budget coming back a request at a time; not worth a line. */
const ANNOUNCED_WAIT_MS = 1000;

export function createPacer(options: PacerOptions): Pacer {
  const { clock, maxWaitMs } = options;
  const trace = options.trace ?? (() => {});
  const listeners: Array<(pause: Pause) => void> = [];
  /** Requests waiting for an answer to teach the budget. */
  const waiters = new Set<() => void>();
  const held = createHeldRequests();
  let mode: Mode = 'open';
  let inFlight = 0;
  /** Admission numbers of the requests in flight, to tell which were sent after an answered one. */
  const inFlightSeqs = new Set<number>();
  let admitted = 0;
  /** What the API last said is left, less what we sent since, plus ours that came back. */
  let remaining = 0;
  /** When the API's latest figure is out of date (mode 'budget'). */
  let resetAt = 0;
  let policy: RateLimitPolicy | undefined;
  let policyHeader: string | undefined;
  let blockedUntil = 0;
  let announcedUntil = 0;

  function decide(now: number): Decision {
    if (now < blockedUntil) return { kind: 'wait', until: blockedUntil, reason: 'blocked' };
    if (mode === 'open') return { kind: 'go', probe: false };
    remaining += held.release(now);
    if (mode === 'learning') {
      return inFlight === 0 ? { kind: 'go', probe: true } : { kind: 'await-answer' };
    }
    const ours = inFlight + held.count;
    const full = policy !== undefined && ours >= policy.quota;
    if (!full && remaining > 0) {
      remaining -= 1;
      return { kind: 'go', probe: false };
    }
    if (now >= resetAt) {
      // The API's last word is out of date: at least one unit is back, maybe all.
      mode = 'learning';
      return decide(now);
    }
    return { kind: 'wait', until: Math.min(resetAt, held.next() ?? resetAt), reason: 'budget' };
  }

  function learn(answer: Answer, probe: boolean, seq: number): void {
    const now = clock.now();
    const { status, headers } = answer;
    // Parsed only when it changes: a batch gets the same policy with each of its answers.
    if (headers['ratelimit-policy'] !== policyHeader) {
      policyHeader = headers['ratelimit-policy'];
      policy = parseRateLimitPolicy(policyHeader) ?? policy;
    }
    const limit = parseRateLimit(headers.ratelimit);
    if (status === 429) {
      // Retry-After first; the Ratelimit reset as a fallback (Cloudflare sends both). The latest
      // answer is the server's latest word on when the block ends.
      const delay = serverRequestedDelayMs(headers, now) ?? resetMs(limit?.resetSeconds);
      if (delay !== undefined) {
        blockedUntil = now + delay;
        trace(`rate limit: HTTP 429, pausing every request for ${formatDelay(delay)}`);
      }
      mode = 'learning';
      return;
    }
    if (limit === undefined) {
      // Only an API answer without the headers means "not limited": an edge error page (5xx)
      // never carries them.
      if (probe && status < 500 && policy === undefined) mode = 'open';
      return;
    }
    const reset = now + (resetMs(limit.resetSeconds) ?? 0);
    if (mode === 'budget') {
      // Our own count already holds the requests still in flight; a lower figure from the API
      // means someone else is spending the same budget. The reset is the latest answer's: in a
      // sliding window each answer moves it, and an earlier one may have come back already.
      remaining = Math.min(remaining, limit.remaining);
      resetAt = reset;
    } else if (probe || mode === 'open') {
      mode = 'budget';
      // The API's figure already counts what reached it before this request; those sent after
      // it most likely had not (counting every request in flight lost one unit per window
      // whenever answers came back out of order).
      remaining = limit.remaining - sentAfter(seq);
      resetAt = reset;
      trace(
        `rate limit: ${limit.remaining} requests left, the window resets in ${limit.resetSeconds} s`,
      );
    }
    // Otherwise an answer from before the last reset or 429: the probe measures what is left.
  }

  function sentAfter(seq: number): number {
    let count = 0;
    for (const other of inFlightSeqs) if (other > seq) count += 1;
    return count;
  }

  function resetMs(seconds: number | undefined): number | undefined {
    if (seconds === undefined) return undefined;
    return (policy === undefined ? seconds : Math.min(seconds, policy.windowSeconds)) * 1000;
  }

  function announce(pause: Pause, now: number): void {
    if (pause.until <= announcedUntil) return;
    if (pause.reason === 'budget' && pause.until - now < ANNOUNCED_WAIT_MS) return;
    announcedUntil = pause.until;
    if (pause.reason === 'budget') {
      const budget = policy ? ` of ${policy.quota} requests per ${policy.windowSeconds} s` : '';
      const until = formatUtcClockTime(pause.until);
      trace(`rate limit: the budget${budget} is used up; waiting until ${until}`);
    }
    for (const listener of listeners) listener(pause);
  }

  function refusal(now: number): RateLimitError {
    const seconds = Math.ceil((blockedUntil - now) / 1000);
    const until = formatUtcClockTime(blockedUntil);
    return new RateLimitError(
      `rate limited: the API blocks requests for ${seconds} s (until ${until}) — more than --max-retry-wait ${maxWaitMs / 1000}`,
      {
        status: null,
        attempts: 0,
        retryAfterSeconds: seconds,
        hint: `try again after ${until}, or allow longer waits with --max-retry-wait`,
      },
    );
  }

  function untilSettled(stop: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      // A derived signal per wait: dozens of workers must not pile listeners onto `stop`.
      const waiting = AbortSignal.any([stop]);
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
      waiting.addEventListener('abort', wake, { once: true });
    });
  }

  async function admit(stop: AbortSignal, waitedUntil = 0): Promise<Permit | undefined> {
    let waited = waitedUntil;
    for (;;) {
      if (stop.aborted) return undefined;
      // A wait that is over counts as over even on a clock that sleeps without moving (tests).
      const now = Math.max(clock.now(), waited);
      const decision = decide(now);
      if (decision.kind === 'go') {
        inFlight += 1;
        admitted += 1;
        inFlightSeqs.add(admitted);
        return permit(decision.probe, admitted);
      }
      if (decision.kind === 'await-answer') {
        await untilSettled(stop);
        continue;
      }
      if (decision.reason === 'blocked' && decision.until - now > maxWaitMs) throw refusal(now);
      announce({ until: decision.until, reason: decision.reason }, now);
      await clock.sleep(decision.until - now, AbortSignal.any([stop]));
      waited = decision.until;
    }
  }

  function permit(probe: boolean, seq: number): Permit {
    let done = false;
    return {
      settle(answer) {
        if (done) return;
        done = true;
        inFlight -= 1;
        inFlightSeqs.delete(seq);
        if (answer !== undefined) learn(answer, probe, seq);
        // Counted or not, it is gone from the budget a window from now at the latest.
        if (policy !== undefined) held.add(clock.now() + policy.windowSeconds * 1000);
        for (const wake of [...waiters]) wake();
      },
    };
  }

  return { admit, onPause: (listener) => void listeners.push(listener) };
}

/**
 * When each of our requests has certainly left the API's budget, in the order they were
 * answered (the window is the same for all, so that order is also the order they leave in).
 */
function createHeldRequests() {
  const until: number[] = [];
  let first = 0;
  return {
    get count(): number {
      return until.length - first;
    },
    add(time: number): void {
      until.push(time);
    },
    /** The next time one comes back. */
    next(): number | undefined {
      return until[first];
    },
    /** Lets go of those that have left by `now`; says how many. */
    release(now: number): number {
      const before = first;
      while (first < until.length && (until[first] ?? now) <= now) first += 1;
      const released = first - before;
      // Compacted now and then, so a long batch does not keep every time it ever held.
      if (first > 1024 && first * 2 > until.length) {
        until.splice(0, first);
        first = 0;
      }
      return released;
    },
  };
}
