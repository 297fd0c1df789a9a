import { describe, expect, it } from 'vitest';
import { type FetchInit, systemClock } from '../../src/context.js';
import {
  type ApiError,
  InterruptedError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from '../../src/errors.js';
import {
  ACCOUNT,
  answer,
  CLIENT,
  failure,
  hangingFetch,
  makeClient,
  NOW,
  ok,
  rejectionOf,
  scriptedFetch,
  systemError,
  toFetchResponse,
} from './api-test-kit.js';

const CLIENT_PATH = ['accounts', ACCOUNT, 'oauth_clients', CLIENT];
const html502 = answer(502, '<html>bad gateway</html>', { 'content-type': 'text/html' });
const error503 = failure(503, [{ code: 1000, message: 'unavailable' }]);

describe('which answers are retried', () => {
  it.each([408, 429, 500, 502, 503, 504, 520, 599])('retries HTTP %i', async (status) => {
    const fetch = scriptedFetch(failure(status, [{ code: 1000, message: 'x' }]), ok('done'));
    const { http, clock } = makeClient(fetch, { retries: 1 });
    const response = await http.request('DELETE', CLIENT_PATH);
    expect(response.result).toBe('done');
    expect(response.attempts).toBe(2);
    expect(fetch.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([500]);
  });

  it.each([400, 401, 403, 404, 405, 409, 410, 422])('does not retry HTTP %i', async (status) => {
    const fetch = scriptedFetch(failure(status, [{ code: 1000, message: 'x' }]), ok('done'));
    const { http, clock } = makeClient(fetch);
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as ApiError;
    expect(error.status).toBe(status);
    expect(error.attempts).toBe(1);
    expect(fetch.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a 4xx when the server says x-should-retry: true', async () => {
    const fetch = scriptedFetch(
      failure(409, [{ code: 1000, message: 'busy' }], { 'x-should-retry': 'true' }),
      ok('done'),
    );
    const response = await makeClient(fetch).http.request('DELETE', CLIENT_PATH);
    expect(response.attempts).toBe(2);
  });

  it('does not retry a 5xx when the server says x-should-retry: false', async () => {
    const fetch = scriptedFetch({
      ...error503,
      headers: { ...error503.headers, 'x-should-retry': 'false' },
    });
    const error = (await rejectionOf(
      makeClient(fetch).http.request('DELETE', CLIENT_PATH),
    )) as ApiError;
    expect(error.status).toBe(503);
    expect(error.message).toBe('unavailable (code 1000)');
    expect(fetch.calls).toHaveLength(1);
  });

  it('ignores an x-should-retry value that is neither true nor false', async () => {
    const fetch = scriptedFetch(
      failure(400, [{ code: 1, message: 'x' }], { 'x-should-retry': 'maybe' }),
    );
    await rejectionOf(makeClient(fetch).http.request('GET', ['a']));
    expect(fetch.calls).toHaveLength(1);
  });

  it('never retries a 2xx failure, even when told to', async () => {
    const fetch = scriptedFetch({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-should-retry': 'true' },
      body: '{"success":false,"errors":[],"messages":[]}',
    });
    await rejectionOf(makeClient(fetch).http.request('DELETE', CLIENT_PATH));
    expect(fetch.calls).toHaveLength(1);
  });

  it('makes exactly one attempt with retries = 0', async () => {
    const fetch = scriptedFetch(html502);
    const { http, clock } = makeClient(fetch, { retries: 0 });
    const error = (await rejectionOf(http.request('GET', ['a']))) as ApiError;
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      'HTTP 502 Bad Gateway: the server answered with text/html, not JSON',
    );
    expect(fetch.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('backoff', () => {
  it('doubles from 0.5 s up to 8 s with random() = 1', async () => {
    const fetch = scriptedFetch(error503);
    const { http, clock } = makeClient(fetch, { retries: 7, random: () => 1 });
    await rejectionOf(http.request('GET', ['a']));
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('waits 75 % of that with random() = 0', async () => {
    const fetch = scriptedFetch(error503);
    const { http, clock } = makeClient(fetch, { retries: 6, random: () => 0 });
    await rejectionOf(http.request('GET', ['a']));
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000, 6000, 6000]);
  });

  it('never waits longer than --max-retry-wait', async () => {
    const fetch = scriptedFetch(error503);
    const { http, clock } = makeClient(fetch, { retries: 4, maxRetryWaitSeconds: 1 });
    await rejectionOf(http.request('GET', ['a']));
    expect(clock.sleeps).toEqual([500, 1000, 1000, 1000]);
  });

  it('gives every wait a signal that aborts when stopping is signalled', async () => {
    const fetch = scriptedFetch(error503, ok(1));
    const seen: Array<AbortSignal | undefined> = [];
    const { http, clock, interrupts } = makeClient(fetch);
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (ms, signal) => {
      seen.push(signal);
      return sleep(ms, signal);
    };
    await http.request('GET', ['a']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(false);
    interrupts.stop();
    expect(seen[0]?.aborted).toBe(true);
  });
});

describe('many requests at once', () => {
  it('does not pile listeners onto the shared interrupt signals (no MaxListeners warning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      let calls = 0;
      const fetch = scriptedFetch(async (init) => {
        calls++;
        // The first 30 calls are the first attempts; holding each a moment keeps all 30 in flight together.
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(init.signal.aborted).toBe(false);
        return toFetchResponse(
          calls <= 30
            ? failure(429, [{ code: 971, message: 'x' }], { 'retry-after-ms': '5' })
            : ok(1),
        );
      });
      const { http } = makeClient(fetch, { clock: systemClock });
      const responses = await Promise.all(
        Array.from({ length: 30 }, () => http.request('GET', ['a'])),
      );
      expect(responses.every((response) => response.attempts === 2)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.message)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('waits the server asks for', () => {
  it('honours retry-after-ms', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'x' }], { 'retry-after-ms': '1500' }),
      ok(1),
    );
    const { http, clock, trace } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([1500]);
    expect(trace).toContain('attempt 1/5: HTTP 429 — retrying in 1.5 s as the server asked');
  });

  it('honours Retry-After in seconds', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'x' }], { 'retry-after': '3' }),
      ok(1),
    );
    const { http, clock } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const date = new Date(NOW + 10_000).toUTCString();
    const fetch = scriptedFetch(
      failure(503, [{ code: 1, message: 'x' }], { 'retry-after': date }),
      ok(1),
    );
    const { http, clock } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('treats a Retry-After date in the past as "now"', async () => {
    const date = new Date(NOW - 10_000).toUTCString();
    const fetch = scriptedFetch(
      failure(503, [{ code: 1, message: 'x' }], { 'retry-after': date }),
      ok(1),
    );
    const { http, clock } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([0]);
  });

  it('prefers retry-after-ms over Retry-After', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'x' }], { 'retry-after-ms': '250', 'retry-after': '30' }),
      ok(1),
    );
    const { http, clock } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([250]);
  });

  it('falls back to backoff when Retry-After is unreadable', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'x' }], { 'retry-after': 'soon' }),
      ok(1),
    );
    const { http, clock } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([500]);
  });

  it('fails at once with a RateLimitError when a 429 asks for more than --max-retry-wait', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'Please wait' }], {
        'retry-after': '300',
        'cf-ray': 'ray-429',
      }),
    );
    const { http, clock } = makeClient(fetch, { maxRetryWaitSeconds: 60 });
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(
      'rate limited: the API asks to wait 300 s (until 14:05:00 UTC) — more than --max-retry-wait 60',
    );
    expect(error).toMatchObject({
      status: 429,
      retryAfterSeconds: 300,
      cfRay: 'ray-429',
      attempts: 1,
      errors: [{ code: 971, message: 'Please wait' }],
    });
    expect(error.hint).toMatch(/14:05:00 UTC/);
    expect(clock.sleeps).toEqual([]);
    expect(fetch.calls).toHaveLength(1);
  });

  it('fails at once with a RateLimitError when a 503 asks for more than --max-retry-wait', async () => {
    const fetch = scriptedFetch({
      ...html502,
      status: 503,
      headers: { ...html502.headers, 'retry-after': '120' },
    });
    const { http, clock } = makeClient(fetch, { maxRetryWaitSeconds: 60 });
    const error = (await rejectionOf(http.request('GET', ['a']))) as ApiError;
    expect(error.constructor).toBe(RateLimitError);
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      'HTTP 503 Service Unavailable: the API asks to wait 120 s (until 14:02:00 UTC) — more than --max-retry-wait 60',
    );
    expect(error.retryAfterSeconds).toBe(120);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits exactly --max-retry-wait when that is what the server asks', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'x' }], { 'retry-after': '60' }),
      ok(1),
    );
    const { http, clock } = makeClient(fetch, { maxRetryWaitSeconds: 60 });
    await http.request('GET', ['a']);
    expect(clock.sleeps).toEqual([60_000]);
  });
});

describe('running out of retries', () => {
  it('throws the last error with the attempt count', async () => {
    const fetch = scriptedFetch(error503);
    const { http, trace } = makeClient(fetch, { retries: 2 });
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as ApiError;
    expect(error.message).toBe('unavailable (code 1000) (after 3 attempts)');
    expect(error.attempts).toBe(3);
    expect(error.earlierAttemptUncertain).toBe(true);
    expect(trace.filter((line) => line.startsWith('attempt'))).toEqual([
      'attempt 1/3: HTTP 503 — retrying in 0.5 s',
      'attempt 2/3: HTTP 503 — retrying in 1.0 s',
      'attempt 3/3: HTTP 503 — no retries left',
    ]);
  });

  it('keeps a 429 a RateLimitError', async () => {
    const fetch = scriptedFetch(failure(429, [{ code: 971, message: 'slow' }]));
    const error = await rejectionOf(makeClient(fetch, { retries: 1 }).http.request('GET', ['a']));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe('slow (code 971) (after 2 attempts)');
  });

  it('reports the final answer when it is not retryable, with the attempts so far', async () => {
    const fetch = scriptedFetch(error503, failure(404, [{ code: 7003, message: 'gone' }]));
    const { http, trace } = makeClient(fetch);
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('gone (code 7003) (after 2 attempts)');
    expect(error.attempts).toBe(2);
    expect(error.earlierAttemptUncertain).toBe(true);
    expect(trace).toContain('attempt 2/5: HTTP 404 — not retried');
  });

  it('traces network failures and their waits', async () => {
    const fetch = scriptedFetch(systemError('ECONNREFUSED'), ok(1));
    const { http, trace } = makeClient(fetch);
    await http.request('GET', ['a']);
    expect(trace).toContain(
      'attempt 1/5: could not connect to api.cloudflare.com: connection refused (ECONNREFUSED) — retrying in 0.5 s',
    );
  });
});

describe('earlierAttemptUncertain', () => {
  it.each([
    ['a 5xx', true, error503],
    ['an HTML 502', true, html502],
    ['a reset connection', true, systemError('ECONNRESET', 'read ECONNRESET')],
    ['a socket hang up', true, systemError('ECONNRESET', 'socket hang up')],
    ['a refused connection (nothing was sent)', false, systemError('ECONNREFUSED')],
    ['a temporary DNS failure (nothing was sent)', false, systemError('EAI_AGAIN')],
    ['a 429 (not processed)', false, failure(429, [{ code: 971, message: 'x' }])],
    ['a 408 (not processed)', false, failure(408, [{ code: 1, message: 'x' }])],
  ] as const)('after %s, it is %s', async (_, uncertain, first) => {
    const fetch = scriptedFetch(first, ok({ id: CLIENT }));
    const response = await makeClient(fetch).http.request('DELETE', CLIENT_PATH);
    expect(response.attempts).toBe(2);
    expect(response.earlierAttemptUncertain).toBe(uncertain);
  });

  it('is true after a timed-out attempt', async () => {
    let call = 0;
    const hanging = hangingFetch();
    const fetch = scriptedFetch(async (init) => {
      call++;
      if (call === 1) return hanging('', init);
      return toFetchResponse(ok(1));
    });
    const response = await makeClient(fetch, { timeoutMs: 10 }).http.request('DELETE', CLIENT_PATH);
    expect(response.earlierAttemptUncertain).toBe(true);
  });

  it('is false on a first-attempt success', async () => {
    const response = await makeClient(scriptedFetch(ok(1))).http.request('GET', ['a']);
    expect(response.earlierAttemptUncertain).toBe(false);
  });

  it('is set on the network error that ends the retries', async () => {
    const fetch = scriptedFetch(error503, systemError('ENOTFOUND'));
    const error = (await rejectionOf(makeClient(fetch).http.request('GET', ['a']))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.earlierAttemptUncertain).toBe(true);
    expect(error.attempts).toBe(2);
  });

  it('retries timeouts and says how many attempts timed out', async () => {
    const fetch = hangingFetch();
    const { http, clock } = makeClient(fetch, { timeoutMs: 5, retries: 1 });
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      'no answer from api.cloudflare.com within 0.005 s (after 2 attempts)',
    );
    expect(error.earlierAttemptUncertain).toBe(true);
    expect(clock.sleeps).toEqual([500]);
  });
});

describe('interrupts', () => {
  it('sends nothing when stopping was already signalled', async () => {
    const fetch = scriptedFetch(ok(1));
    const { http, interrupts } = makeClient(fetch);
    interrupts.stop('SIGTERM');
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as InterruptedError;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.signal).toBe('SIGTERM');
    expect(error.message).toBe('interrupted before the request was sent');
    expect(error.requestInFlight).toBe(false);
    expect(error.earlierAttemptUncertain).toBe(false);
    expect(fetch.calls).toHaveLength(0);
  });

  it('cuts a backoff wait short and starts no new attempt', async () => {
    const fetch = scriptedFetch(error503, ok(1));
    const { http, clock, interrupts } = makeClient(fetch);
    clock.onSleep = () => interrupts.stop('SIGINT');
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as InterruptedError;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.signal).toBe('SIGINT');
    expect(error.message).toBe(
      "interrupted before retrying after HTTP 503: an earlier attempt's outcome is unknown",
    );
    expect(error.earlierAttemptUncertain).toBe(true);
    expect(fetch.calls).toHaveLength(1);
  });

  it('says nothing about uncertainty when the earlier attempt was certain', async () => {
    const fetch = scriptedFetch(systemError('ECONNREFUSED'), ok(1));
    const { http, clock, interrupts } = makeClient(fetch);
    clock.onSleep = () => interrupts.stop();
    const error = await rejectionOf(http.request('GET', ['a']));
    expect(error.message).toBe(
      'interrupted before retrying after could not connect to api.cloudflare.com: connection refused (ECONNREFUSED)',
    );
  });

  it('cuts a request in flight when abort fires, and does not retry it', async () => {
    const { http, interrupts } = makeClient(
      hangingFetch(() => queueMicrotask(() => interrupts.abortInFlight())),
    );
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as InterruptedError;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.signal).toBe('SIGINT');
    expect(error.message).toBe(
      'interrupted while the request was in flight: its outcome is unknown',
    );
    expect(error.requestInFlight).toBe(true);
  });

  it('a GET cut in flight says nothing was changed, not that its outcome is unknown', async () => {
    const { http, interrupts } = makeClient(
      hangingFetch(() => queueMicrotask(() => interrupts.abortInFlight())),
    );
    const error = (await rejectionOf(http.request('GET', ['accounts']))) as InterruptedError;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toBe(
      'interrupted while a GET was in flight: a GET changes nothing; no DELETE was sent',
    );
    expect([error.requestInFlight, error.outcomeUnknown]).toEqual([false, false]);
  });

  it('reports the signal that was received', async () => {
    const { http, interrupts } = makeClient(
      hangingFetch(() => queueMicrotask(() => interrupts.abortInFlight('SIGTERM'))),
    );
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as InterruptedError;
    expect(error.signal).toBe('SIGTERM');
  });

  it('cuts a request whose body is still arriving', async () => {
    const { http, interrupts } = makeClient(
      scriptedFetch(async (init) => ({
        status: 200,
        headers: { get: () => 'application/json', forEach: () => {} },
        body: {
          async *[Symbol.asyncIterator]() {
            yield Buffer.from('{"success":');
            interrupts.abortInFlight();
            await new Promise((_, reject) => init.signal.addEventListener('abort', reject));
          },
        },
      })),
    );
    const error = await rejectionOf(http.request('DELETE', CLIENT_PATH));
    expect(error).toBeInstanceOf(InterruptedError);
  });

  it('lets a request in flight finish when only stopping was signalled', async () => {
    const fetch = scriptedFetch(async () => {
      interrupts.stop();
      return toFetchResponse(ok({ id: CLIENT }));
    });
    const { http, interrupts } = makeClient(fetch);
    const response = await http.request('DELETE', CLIENT_PATH);
    expect(response.result).toEqual({ id: CLIENT });
  });
});

describe('outcomeUnknown on thrown errors', () => {
  const fail = (status: number, headers: Record<string, string> = {}) =>
    failure(status, [{ code: 1000, message: 'x' }], headers);
  it.each([
    ['a refused connection', false, [systemError('ECONNREFUSED')]],
    ['a timeout', true, [(init: FetchInit) => hangingFetch()('', init)]],
    ['a reset connection', true, [systemError('ECONNRESET', 'read ECONNRESET')]],
    ['an unknown network failure', true, [new Error('odd')]],
    ['a 503 on the last attempt', true, [error503]],
    ['a 404', false, [fail(404)]],
    ['a 200 with success:false', false, [fail(200)]],
    ['a 200 with an HTML body', true, [{ ...html502, status: 200 }]],
    ['a 400 after a 503', true, [error503, fail(400)]],
    ['a 429 asking for too long a wait', false, [fail(429, { 'retry-after': '600' })]],
    ['a 503 asking for too long a wait', true, [fail(503, { 'retry-after': '600' })]],
  ] as const)('after %s, it is %s', async (_, unknown, steps) => {
    // The last step repeats; one retry is allowed, so "the last attempt" is the second one.
    const { http } = makeClient(scriptedFetch(...steps), { retries: 1, timeoutMs: 5 });
    const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as ApiError;
    expect(error.outcomeUnknown).toBe(unknown);
  });

  it('is true for a request cut in flight', async () => {
    const { http, interrupts } = makeClient(
      hangingFetch(() => queueMicrotask(() => interrupts.abortInFlight())),
    );
    const error = await rejectionOf(http.request('DELETE', CLIENT_PATH));
    expect((error as InterruptedError).outcomeUnknown).toBe(true);
  });

  it.each([
    ['a 503', true, error503],
    ['a refused connection', false, systemError('ECONNREFUSED')],
  ] as const)(
    'on an interruption during the wait after %s, it is %s',
    async (_, unknown, first) => {
      const { http, clock, interrupts } = makeClient(scriptedFetch(first, ok(1)));
      clock.onSleep = () => interrupts.stop();
      const error = (await rejectionOf(http.request('DELETE', CLIENT_PATH))) as InterruptedError;
      expect(error.outcomeUnknown).toBe(unknown);
      expect(error.requestInFlight).toBe(false);
    },
  );
});
