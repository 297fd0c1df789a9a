/**
 * Fakes for the API client's tests: a scripted fetch, a clock that records sleeps instead of
 * waiting, and interrupts the test can fire.
 */

import { createHttpClient, type HttpClient, type HttpOptions } from '../../src/api/http.js';
import type { Credential } from '../../src/config/settings.js';
import type { Clock, FetchInit, FetchLike, FetchResponse, Interrupts } from '../../src/context.js';

export const CANARY_TOKEN = 'canary-token-0123456789abcdefCANARY';
export const TOKEN: Credential = { scheme: 'token', token: CANARY_TOKEN, source: '--api-token' };
export const KEY: Credential = {
  scheme: 'key',
  key: 'canary-global-key-9876543210',
  email: 'canary.user@example.com',
  source: 'CLOUDFLARE_API_KEY',
};
export const BASE_URL = new URL('https://api.cloudflare.com/client/v4');
export const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
export const CLIENT = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
/** 2026-01-01T14:00:00Z: a fixed "now" so Retry-After dates and "until" times are exact. */
export const NOW = Date.UTC(2026, 0, 1, 14, 0, 0);

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  /** Runs at the start of each sleep, e.g. to deliver a signal "during" a backoff wait. */
  onSleep: ((ms: number) => void) | undefined;
  constructor(public time = NOW) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    this.onSleep?.(ms);
    if (!signal?.aborted) this.time += ms;
  }
}

export interface FakeInterrupts extends Interrupts {
  stop(signal?: 'SIGINT' | 'SIGTERM'): void;
  abortInFlight(signal?: 'SIGINT' | 'SIGTERM'): void;
}

export function fakeInterrupts(): FakeInterrupts {
  const stopping = new AbortController();
  const abort = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  return {
    stopping: stopping.signal,
    abort: abort.signal,
    signal: () => received,
    stop(signal) {
      received ??= signal;
      stopping.abort();
    },
    abortInFlight(signal) {
      received ??= signal;
      stopping.abort();
      abort.abort();
    },
  };
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A string, or the chunks of the body (a thrown Error in the list fails the stream there). */
  body?: string | Array<string | Uint8Array | Error>;
}

export function answer(
  status: number,
  body?: FakeAnswer['body'],
  headers: Record<string, string> = {},
): FakeAnswer {
  return { status, body, headers };
}

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): FakeAnswer {
  return answer(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

export function ok(result: unknown, headers: Record<string, string> = {}): FakeAnswer {
  return json(200, { success: true, errors: [], messages: [], result }, headers);
}

export function failure(
  status: number,
  errors: Array<{ code: number; message: string }>,
  headers: Record<string, string> = {},
): FakeAnswer {
  return json(status, { success: false, errors, messages: [], result: null }, headers);
}

/** A system error as Node reports it (node-fetch copies `code` onto its FetchError). */
export function systemError(code: string, message = `connect ${code} 104.16.132.229:443`): Error {
  return Object.assign(new Error(message), { code });
}

export type Step = FakeAnswer | Error | ((init: FetchInit) => Promise<FetchResponse>);

export interface ScriptedFetch extends FetchLike {
  calls: Array<{ url: string; init: FetchInit }>;
  /** Set when a body iterator was closed before its end (reading stopped early). */
  bodiesClosedEarly: number;
}

/** Answers each call with the next step; the last step repeats. */
export function scriptedFetch(...steps: Step[]): ScriptedFetch {
  const calls: ScriptedFetch['calls'] = [];
  const fetch = (async (url: string, init: FetchInit) => {
    calls.push({ url, init });
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step === undefined) throw new Error('scriptedFetch: no steps');
    if (typeof step === 'function') return step(init);
    if (step instanceof Error) throw step;
    return toFetchResponse(step, () => {
      fetch.bodiesClosedEarly++;
    });
  }) as ScriptedFetch;
  fetch.calls = calls;
  fetch.bodiesClosedEarly = 0;
  return fetch;
}

export function toFetchResponse(
  fake: FakeAnswer,
  onEarlyClose: () => void = () => {},
): FetchResponse {
  const headers = new Map(Object.entries(fake.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const chunks = typeof fake.body === 'string' ? [fake.body] : (fake.body ?? []);
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      let index = 0;
      return {
        async next() {
          const chunk = chunks[index++];
          if (chunk === undefined) return { done: true, value: undefined };
          if (chunk instanceof Error) throw chunk;
          return { done: false, value: typeof chunk === 'string' ? Buffer.from(chunk) : chunk };
        },
        async return() {
          if (index < chunks.length) onEarlyClose();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return {
    status: fake.status,
    headers: {
      get: (name) => headers.get(name.toLowerCase()) ?? null,
      forEach: (cb) => {
        for (const [k, v] of headers) cb(v, k);
      },
    },
    body,
  };
}

/** A fetch that never answers until its signal aborts, then rejects like node-fetch does. */
export function hangingFetch(onCall?: () => void): ScriptedFetch {
  return scriptedFetch(
    (init) =>
      new Promise((_, reject) => {
        onCall?.();
        init.signal.addEventListener('abort', () =>
          reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })),
        );
      }),
  );
}

export interface TestClient {
  http: HttpClient;
  clock: FakeClock;
  interrupts: FakeInterrupts;
  trace: string[];
}

export function makeClient(fetch: FetchLike, overrides: Partial<HttpOptions> = {}): TestClient {
  const clock = new FakeClock();
  const interrupts = fakeInterrupts();
  const trace: string[] = [];
  const http = createHttpClient({
    baseUrl: BASE_URL,
    credential: TOKEN,
    userAgent: 'cf-oauth/0.1.0 node/v20.19.0',
    timeoutMs: 30_000,
    retries: 4,
    maxRetryWaitSeconds: 60,
    clock,
    interrupts,
    env: {},
    fetch,
    trace: (line) => trace.push(line),
    random: () => 1,
    ...overrides,
  });
  return { http, clock, interrupts, trace };
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
