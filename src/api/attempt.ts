/**
 * One attempt: send the request, read the answer, and turn whatever happens into a value the
 * retry loop can reason about. The per-attempt timeout and the "abort in-flight requests"
 * interrupt both cut the request through one combined signal; which of them fired decides the
 * outcome.
 */

import type { Agent } from 'node:http';
import type { Clock, FetchLike, FetchResponse } from '../context.js';
import { TimeoutError } from '../errors.js';
import { MAX_BODY_BYTES, readBodyUpTo } from './body.js';
import type { ReceivedResponse } from './envelope.js';
import { describeNetworkFailure, type NetworkFailure, shortReason } from './network-errors.js';

export interface AttemptRequest {
  fetch: FetchLike;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON text for POST and PATCH. */
  body?: string;
  agent: Agent;
  /** The host (and proxy) as named in messages, e.g. "api.cloudflare.com". */
  target: string;
  timeoutMs: number;
  /** Aborts when requests in flight must be cut (second signal, or the grace period ran out). */
  abort: AbortSignal;
  clock: Clock;
}

export type AttemptResult =
  | { kind: 'answered'; response: ReceivedResponse; elapsedMs: number }
  /** No (complete) HTTP answer: connection failure or timeout. */
  | { kind: 'no-answer'; failure: NetworkFailure; elapsedMs: number }
  /** `abort` cut the request; the server may or may not have acted on it. */
  | { kind: 'interrupted' };

export async function performAttempt(request: AttemptRequest): Promise<AttemptResult> {
  const { clock, abort } = request;
  const timeout = new AbortController();
  // A derived signal instead of a listener on `abort`: batches run many requests at once, and
  // more than ten listeners on one signal make Node print a memory-leak warning.
  const signal = AbortSignal.any([abort, timeout.signal]);
  let timedOut = false;
  // A real timer, not `clock.sleep`: tests' fake clocks return at once, which would time out
  // every attempt; fake fetches in tests wait for the abort signal instead.
  const timer = setTimeout(() => {
    if (signal.aborted) return;
    timedOut = true;
    timeout.abort();
  }, request.timeoutMs);
  const started = clock.now();
  let answer: FetchResponse | undefined;
  try {
    const exchange = (async (): Promise<ReceivedResponse> => {
      const response = await request.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
        agent: request.agent,
      });
      answer = response;
      const body = await readBodyUpTo(response.body, MAX_BODY_BYTES);
      return { status: response.status, headers: headerRecord(response), body };
    })();
    // Racing the signal as well keeps a fetch that ignores it from hanging the attempt.
    const response = await untilAborted(exchange, signal);
    return { kind: 'answered', response, elapsedMs: clock.now() - started };
  } catch (error) {
    const elapsedMs = clock.now() - started;
    if (timedOut) {
      const message = `no answer from ${request.target} within ${formatSeconds(request.timeoutMs)}`;
      const timeoutError = new TimeoutError(message, {
        hint: 'the server may still have acted on the request; raise --timeout if the API is slow',
      });
      return {
        kind: 'no-answer',
        failure: { error: timeoutError, retryable: true, mayHaveReachedServer: true },
        elapsedMs,
      };
    }
    if (abort.aborted) return { kind: 'interrupted' };
    if (answer !== undefined) {
      // The status line arrived but the body did not: report it with the status, as a body problem.
      const reason = shortReason(error);
      return {
        kind: 'answered',
        response: {
          status: answer.status,
          headers: headerRecord(answer),
          body: { kind: 'cut-off', reason },
        },
        elapsedMs,
      };
    }
    return { kind: 'no-answer', failure: describeNetworkFailure(error, request.target), elapsedMs };
  } finally {
    clearTimeout(timer);
  }
}

/** Settles like `work`, or rejects as soon as `signal` aborts, whichever comes first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function headerRecord(response: FetchResponse): Record<string, string> {
  const record: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}

/** "30 s", "1.5 s", "0.05 s". */
function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
