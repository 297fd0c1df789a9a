/**
 * The rate-limit budget shared by every request of one HTTP client (one credential), so that
 * concurrent batch workers slow down together instead of each learning about the limit from
 * its own 429. Cloudflare allows 1200 requests per 5 minutes and, once that is exceeded,
 * blocks every call for 5 minutes: the point is never to exceed it.
 *
 * - The budget comes from the API's own headers on every answer (`Ratelimit`,
 *   `Ratelimit-Policy`). At the start nothing is known and requests go out at full concurrency
 *   (at most 32, against a real quota of 1200); the first answer tells what is left.
 * - Within a window each request takes one unit; at zero, everyone waits for the reset.
 * - When a window has ended or a 429 pause is over, what is left is unknown again and may be
 *   nothing: one request goes alone and its answer measures the new window, the others wait.
 * - A 429 pauses every request until its Retry-After. A pause longer than --max-retry-wait is
 *   not waited out: requests are refused with a RateLimitError made of zero attempts.
 * - An API that sends no rate-limit headers is not paced at all.
 *
 * Cloudflare's `t` is whole seconds rounded up, so "now + t" is never before the real reset.
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

export function createPacer(options: PacerOptions): Pacer {
  const { clock, maxWaitMs } = options;
  const trace = options.trace ?? (() => {});
  const listeners: Array<(pause: Pause) => void> = [];
  /** Requests waiting for an answer to teach the budget. */
  const waiters = new Set<() => void>();
  let mode: Mode = 'open';
  let inFlight = 0;
  /** Within the current window (mode 'budget'). */
  let remaining = 0;
  let resetAt = 0;
  let policy: RateLimitPolicy | undefined;
  let policyHeader: string | undefined;
  let blockedUntil = 0;
  let announcedUntil = 0;

  function decide(now: number): Decision {
    if (now < blockedUntil) return { kind: 'wait', until: blockedUntil, reason: 'blocked' };
    if (mode === 'budget' && now >= resetAt) mode = 'learning';
    if (mode === 'open') return { kind: 'go', probe: false };
    if (mode === 'learning') {
      return inFlight === 0 ? { kind: 'go', probe: true } : { kind: 'await-answer' };
    }
    if (remaining > 0) {
      remaining -= 1;
      return { kind: 'go', probe: false };
    }
    return { kind: 'wait', until: resetAt, reason: 'budget' };
  }

  function learn(answer: Answer, probe: boolean): void {
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
      // means someone else is spending the same budget.
      remaining = Math.min(remaining, limit.remaining);
      resetAt = Math.min(resetAt, reset);
    } else if (probe || mode === 'open') {
      mode = 'budget';
      remaining = limit.remaining - inFlight;
      resetAt = reset;
      trace(
        `rate limit: ${limit.remaining} requests left, the window resets in ${limit.resetSeconds} s`,
      );
    }
    // Otherwise an answer from a window that has ended: the next probe measures the new one.
  }

  function resetMs(seconds: number | undefined): number | undefined {
    if (seconds === undefined) return undefined;
    return (policy === undefined ? seconds : Math.min(seconds, policy.windowSeconds)) * 1000;
  }

  function announce(pause: Pause): void {
    if (pause.until <= announcedUntil) return;
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
        return permit(decision.probe);
      }
      if (decision.kind === 'await-answer') {
        await untilSettled(stop);
        continue;
      }
      if (decision.reason === 'blocked' && decision.until - now > maxWaitMs) throw refusal(now);
      announce({ until: decision.until, reason: decision.reason });
      await clock.sleep(decision.until - now, AbortSignal.any([stop]));
      waited = decision.until;
    }
  }

  function permit(probe: boolean): Permit {
    let done = false;
    return {
      settle(answer) {
        if (done) return;
        done = true;
        inFlight -= 1;
        if (answer !== undefined) learn(answer, probe);
        for (const wake of [...waiters]) wake();
      },
    };
  }

  return { admit, onPause: (listener) => void listeners.push(listener) };
}
