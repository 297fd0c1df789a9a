import { describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/api/accounts.js';
import { createHttpClient } from '../../src/api/http.js';
import {
  deleteOAuthClient,
  getOAuthClient,
  listOAuthClients,
} from '../../src/api/oauth-clients.js';
import {
  ApiError,
  AuthError,
  ConfigError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from '../../src/errors.js';
import {
  ACCOUNT,
  answer,
  BASE_URL,
  CANARY_TOKEN,
  CLIENT,
  FakeClock,
  failure,
  fakeInterrupts,
  hangingFetch,
  json,
  KEY,
  makeClient,
  ok,
  rejectionOf,
  scriptedFetch,
  systemError,
  TOKEN,
} from './api-test-kit.js';

const CLIENT_PATH = ['accounts', ACCOUNT, 'oauth_clients', CLIENT];
const CLIENT_URL = `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/oauth_clients/${CLIENT}`;

describe('request headers', () => {
  it('sends Accept, User-Agent and a bearer token, and nothing of the key scheme', async () => {
    const fetch = scriptedFetch(ok({ id: CLIENT }));
    const { http } = makeClient(fetch);
    await http.request('DELETE', CLIENT_PATH);
    expect(fetch.calls[0]?.init.method).toBe('DELETE');
    expect(fetch.calls[0]?.init.headers).toEqual({
      Accept: 'application/json',
      'User-Agent': 'cf-oauth/0.1.0 node/v20.19.0',
      Authorization: `Bearer ${CANARY_TOKEN}`,
    });
  });

  it('sends X-Auth-Email and X-Auth-Key for a global key, and no Authorization', async () => {
    const fetch = scriptedFetch(ok(null));
    const { http } = makeClient(fetch, { credential: KEY });
    await http.request('GET', ['accounts']);
    expect(fetch.calls[0]?.init.headers).toEqual({
      Accept: 'application/json',
      'User-Agent': 'cf-oauth/0.1.0 node/v20.19.0',
      'X-Auth-Email': 'canary.user@example.com',
      'X-Auth-Key': 'canary-global-key-9876543210',
    });
  });

  it('refuses a credential that cannot travel in a header, without echoing it', () => {
    const build = () =>
      makeClient(scriptedFetch(ok(null)), {
        credential: { scheme: 'token', token: 'abc\ndef', source: 'CLOUDFLARE_API_TOKEN' },
      });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/API token from CLOUDFLARE_API_TOKEN/);
    expect(build).not.toThrow(/abc/);
  });

  it('passes a keep-alive agent and reuses it for every request', async () => {
    const fetch = scriptedFetch(ok(null));
    const { http } = makeClient(fetch);
    await http.request('GET', ['accounts']);
    await http.request('GET', ['accounts']);
    const [first, second] = fetch.calls.map((call) => call.init.agent as { keepAlive?: boolean });
    expect(first).toBeDefined();
    expect(first).toBe(second);
    expect(first?.keepAlive).toBe(true);
    http.close();
  });
});

describe('request URLs', () => {
  it('joins the base URL and the segments', async () => {
    const fetch = scriptedFetch(ok(null));
    await makeClient(fetch).http.request('DELETE', CLIENT_PATH);
    expect(fetch.calls[0]?.url).toBe(CLIENT_URL);
  });

  it.each([
    ['a/b', 'a%2Fb'],
    ['what?x=1', 'what%3Fx%3D1'],
    ['frag#ment', 'frag%23ment'],
    ['100%', '100%25'],
    ['%2e%2e', '%252e%252e'],
    ['sp ace', 'sp%20ace'],
  ])('percent-encodes %j as %s', async (id, encoded) => {
    const fetch = scriptedFetch(ok(null));
    await makeClient(fetch).http.request('DELETE', ['accounts', ACCOUNT, 'oauth_clients', id]);
    expect(fetch.calls[0]?.url).toBe(
      `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/oauth_clients/${encoded}`,
    );
  });

  it('ignores a trailing slash on the base URL', async () => {
    const fetch = scriptedFetch(ok(null));
    const { http } = makeClient(fetch, { baseUrl: new URL('http://127.0.0.1:8787/client/v4/') });
    await http.request('GET', ['accounts']);
    expect(fetch.calls[0]?.url).toBe('http://127.0.0.1:8787/client/v4/accounts');
  });

  it.each(['', '.', '..'])('refuses the segment %j without sending anything', async (segment) => {
    const fetch = scriptedFetch(ok(null));
    const error = await rejectionOf(
      makeClient(fetch).http.request('DELETE', ['accounts', ACCOUNT, 'oauth_clients', segment]),
    );
    expect(error.message).toMatch(/refusing the path segment/);
    expect(fetch.calls).toHaveLength(0);
  });
});

describe('success envelopes', () => {
  it('returns the result, the envelope verbatim and the response facts', async () => {
    const envelope = {
      success: true,
      errors: [],
      messages: [{ code: 10001, message: 'deleted', documentation_url: 'https://x' }],
      result: { id: CLIENT },
      extra: 'kept',
    };
    const fetch = scriptedFetch(json(200, envelope, { 'cf-ray': '8f00aa-SJC', ratelimit: 'r=1' }));
    const response = await deleteOAuthClient(makeClient(fetch).http, ACCOUNT, CLIENT);
    expect(response).toEqual({
      status: 200,
      result: { id: CLIENT },
      errors: [],
      messages: envelope.messages,
      envelope,
      cfRay: '8f00aa-SJC',
      headers: { 'content-type': 'application/json', 'cf-ray': '8f00aa-SJC', ratelimit: 'r=1' },
      attempts: 1,
      earlierAttemptUncertain: false,
    });
  });

  it('gives null for a missing or null result', async () => {
    const fetch = scriptedFetch(json(200, { success: true, errors: [], messages: [] }));
    expect((await makeClient(fetch).http.request('DELETE', CLIENT_PATH)).result).toBeNull();
  });

  it('accepts application/json with parameters and +json media types', async () => {
    const fetch = scriptedFetch(
      answer(200, '{"success":true,"result":1}', {
        'content-type': 'Application/JSON; charset=utf-8',
      }),
      answer(200, '{"success":true,"result":2}', { 'content-type': 'application/problem+json' }),
    );
    const { http } = makeClient(fetch);
    expect((await http.request('GET', ['a'])).result).toBe(1);
    expect((await http.request('GET', ['a'])).result).toBe(2);
  });
});

describe('failure envelopes', () => {
  it('treats 200 with success:false as an ApiError carrying errors and messages verbatim', async () => {
    const errors = [
      { code: 1001, message: 'first', source: { pointer: '/x' } },
      { code: 1002, message: 'second' },
    ];
    const messages = [{ code: 1003, message: 'note' }];
    const fetch = scriptedFetch(json(200, { success: false, errors, messages, result: null }));
    const error = (await rejectionOf(
      makeClient(fetch).http.request('DELETE', CLIENT_PATH),
    )) as ApiError;
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe('first (code 1001)');
    expect(error.status).toBe(200);
    expect(error.errors).toEqual(errors);
    expect(error.messages).toEqual(messages);
    expect(fetch.calls).toHaveLength(1);
  });

  it('says so when a 200 failure has no error message', async () => {
    const fetch = scriptedFetch(
      json(200, { success: false, errors: [], messages: [], result: null }),
    );
    const error = await rejectionOf(makeClient(fetch).http.request('DELETE', CLIENT_PATH));
    expect(error.message).toBe('HTTP 200 OK with "success": false and no error message');
  });

  it.each([
    [400, 6003, 'Invalid request headers', AuthError],
    [400, 1001, 'Invalid field', ApiError],
    [401, 10000, 'Authentication error', AuthError],
    [403, 9109, 'Invalid access token', AuthError],
    [404, 7003, 'No route for the URI', NotFoundError],
    [409, 1009, 'Conflict', ApiError],
    [429, 971, 'Rate limited', RateLimitError],
    [500, 1000, 'Internal error', ApiError],
  ] as const)('maps HTTP %i (code %i) to %o', async (status, code, text, ErrorClass) => {
    const fetch = scriptedFetch(failure(status, [{ code, message: text }], { 'cf-ray': 'ray-1' }));
    const error = (await rejectionOf(
      makeClient(fetch, { retries: 0 }).http.request('DELETE', CLIENT_PATH),
    )) as ApiError;
    expect(error.constructor).toBe(ErrorClass);
    expect(error.message).toBe(`${text} (code ${code})`);
    expect(error).toMatchObject({
      status,
      errors: [{ code, message: text }],
      messages: [],
      cfRay: 'ray-1',
      attempts: 1,
      earlierAttemptUncertain: false,
    });
  });

  it('uses "HTTP <status>" when the failure envelope has no errors', async () => {
    const fetch = scriptedFetch(
      json(404, { success: false, errors: [], messages: [], result: null }),
    );
    const error = await rejectionOf(makeClient(fetch).http.request('DELETE', CLIENT_PATH));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('HTTP 404 Not Found');
  });

  it('carries retryAfterSeconds when the server gave one', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'slow down' }], { 'retry-after': '30' }),
    );
    const error = (await rejectionOf(
      makeClient(fetch, { retries: 0 }).http.request('GET', ['accounts']),
    )) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('escapes control characters in API messages', async () => {
    const fetch = scriptedFetch(failure(400, [{ code: 1000, message: 'bad\u001b[31m\nthing' }]));
    const error = await rejectionOf(makeClient(fetch).http.request('GET', ['accounts']));
    expect(error.message).toBe('bad\\u001b[31m\\nthing (code 1000)');
  });
});

describe('bodies that are not API envelopes', () => {
  const html =
    '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>';

  it('reports an HTML 502 page without dumping it, and retries it as a 5xx', async () => {
    const fetch = scriptedFetch(answer(502, html, { 'content-type': 'text/html; charset=UTF-8' }));
    const error = (await rejectionOf(
      makeClient(fetch, { retries: 0 }).http.request('DELETE', CLIENT_PATH),
    )) as ApiError;
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe(
      'HTTP 502 Bad Gateway: the server answered with text/html, not JSON',
    );
    expect(error.status).toBe(502);
  });

  it('does not call an HTML 404 page "not found" (a wrong base URL is not a missing client)', async () => {
    const fetch = scriptedFetch(answer(404, '<h1>nope</h1>', { 'content-type': 'text/html' }));
    const error = await rejectionOf(makeClient(fetch).http.request('DELETE', CLIENT_PATH));
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe('HTTP 404 Not Found: the server answered with text/html, not JSON');
  });

  it('keeps 429 a rate-limit error even with an HTML body', async () => {
    const fetch = scriptedFetch(answer(429, '<h1>slow</h1>', { 'content-type': 'text/html' }));
    const error = await rejectionOf(makeClient(fetch, { retries: 0 }).http.request('GET', ['a']));
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it.each([
    [
      'a non-JSON content type',
      answer(200, '{"success":true}', { 'content-type': 'text/plain' }),
      'HTTP 200 OK: the server answered with text/plain, not JSON',
    ],
    [
      'no content type',
      answer(200, '{"success":true}'),
      'HTTP 200 OK: the server answered with no content type, not JSON',
    ],
    [
      'invalid JSON',
      answer(200, 'success: yes', { 'content-type': 'application/json' }),
      'HTTP 200 OK: the response body is not valid JSON',
    ],
    [
      'truncated JSON',
      answer(200, '{"success":true,"result":{"id":"abc', { 'content-type': 'application/json' }),
      'HTTP 200 OK: the response body is not valid JSON (it ends too early)',
    ],
    [
      'a missing success field',
      json(200, { result: { id: 'x' } }),
      'HTTP 200 OK: the response is not a Cloudflare API envelope (no boolean "success")',
    ],
    [
      'a non-boolean success field',
      json(200, { success: 'true' }),
      'HTTP 200 OK: the response is not a Cloudflare API envelope (no boolean "success")',
    ],
    [
      'a JSON array',
      json(200, [1, 2]),
      'HTTP 200 OK: the response is not a Cloudflare API envelope (no boolean "success")',
    ],
  ])('fails on a 2xx with %s, without retrying', async (_, fake, message) => {
    const fetch = scriptedFetch(fake);
    const error = await rejectionOf(makeClient(fetch).http.request('DELETE', CLIENT_PATH));
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe(message);
    expect(fetch.calls).toHaveLength(1);
  });

  it('a DELETE answered 204, or 200 with an empty body, succeeded; a GET with no body did not', async () => {
    for (const fake of [answer(204, ''), answer(200, '', { 'content-type': 'application/json' })]) {
      const response = await makeClient(scriptedFetch(fake)).http.request('DELETE', CLIENT_PATH);
      expect(response).toMatchObject({
        status: fake.status,
        result: null,
        errors: [],
        messages: [],
      });
    }
    const fetch = scriptedFetch(answer(200, '', { 'content-type': 'application/json' }));
    const error = await rejectionOf(makeClient(fetch).http.request('GET', CLIENT_PATH));
    expect(error.message).toBe('HTTP 200 OK: the response body is empty');
  });

  it('stops reading a body larger than 1 MiB', async () => {
    const chunk = 'x'.repeat(256 * 1024);
    const fetch = scriptedFetch(
      answer(200, [chunk, chunk, chunk, chunk, 'y', chunk, chunk], {
        'content-type': 'application/json',
      }),
    );
    const error = await rejectionOf(makeClient(fetch).http.request('GET', ['accounts']));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      'HTTP 200 OK: the response body is larger than 1 MiB, which no API answer is',
    );
    expect(fetch.bodiesClosedEarly).toBe(1);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const start = '{"success":true,"result":"';
    const end = '"}';
    const body = start + 'x'.repeat(1024 * 1024 - start.length - end.length) + end;
    const fetch = scriptedFetch(answer(200, [body], { 'content-type': 'application/json' }));
    const response = await makeClient(fetch).http.request<string>('GET', ['accounts']);
    expect(response.result).toHaveLength(1024 * 1024 - start.length - end.length);
  });

  it('reports a body cut off mid-stream with its status, and does not retry a 2xx', async () => {
    const fetch = scriptedFetch(
      answer(200, ['{"success":true,', systemError('ECONNRESET', 'aborted')], {
        'content-type': 'application/json',
      }),
    );
    const error = await rejectionOf(makeClient(fetch).http.request('DELETE', CLIENT_PATH));
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toBe('HTTP 200 OK: the response body was cut off (ECONNRESET)');
    expect(fetch.calls).toHaveLength(1);
  });

  it('does not follow redirects, and says where the API pointed', async () => {
    const fetch = scriptedFetch(answer(301, '', { location: 'https://elsewhere.example/v4' }));
    const error = (await rejectionOf(
      makeClient(fetch).http.request('GET', ['accounts']),
    )) as ApiError;
    expect(error.message).toBe(
      'HTTP 301 Moved Permanently: the API redirected to https://elsewhere.example/v4; cf-oauth does not follow redirects',
    );
    expect(error.hint).toBe('check the API base URL');
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('proxy answers', () => {
  it('hints at proxy credentials on a 407', async () => {
    const fetch = scriptedFetch(answer(407, 'auth please', { 'content-type': 'text/plain' }));
    const error = (await rejectionOf(makeClient(fetch).http.request('GET', ['a']))) as ApiError;
    expect(error.message).toBe(
      'HTTP 407 Proxy Authentication Required: the server answered with text/plain, not JSON',
    );
    expect(error.hint).toMatch(/http:\/\/user:password@host:port/);
  });
});

describe('network failures', () => {
  // Before the connection was up nothing can have been sent, and the message says so.
  const NOTHING_SENT = '; nothing was sent';
  it.each([
    [
      'ECONNREFUSED',
      `could not connect to api.cloudflare.com: connection refused (ECONNREFUSED)${NOTHING_SENT}`,
      5,
    ],
    [
      'ENOTFOUND',
      `could not resolve api.cloudflare.com: no such host (ENOTFOUND)${NOTHING_SENT}`,
      1,
    ],
    [
      'EAI_AGAIN',
      `could not resolve api.cloudflare.com: temporary DNS failure (EAI_AGAIN)${NOTHING_SENT}`,
      5,
    ],
    ['ECONNRESET', 'the connection to api.cloudflare.com was reset (ECONNRESET)', 5],
    [
      'EHOSTUNREACH',
      `could not connect to api.cloudflare.com: host unreachable (EHOSTUNREACH)${NOTHING_SENT}`,
      5,
    ],
  ])('turns %s into a NetworkError naming the host', async (code, message, attempts) => {
    const fetch = scriptedFetch(systemError(code));
    const error = (await rejectionOf(
      makeClient(fetch).http.request('DELETE', CLIENT_PATH),
    )) as NetworkError;
    expect(error.constructor).toBe(NetworkError);
    expect(error.message).toBe(attempts > 1 ? `${message} (after ${attempts} attempts)` : message);
    expect(error.outcomeUnknown).toBe(!message.endsWith(NOTHING_SENT));
    expect(error.attempts).toBe(attempts);
    expect(fetch.calls).toHaveLength(attempts);
  });

  it('recognises "socket hang up"', async () => {
    const fetch = scriptedFetch(
      systemError(
        'ECONNRESET',
        'request to https://api.cloudflare.com/x failed, reason: socket hang up',
      ),
    );
    const error = await rejectionOf(makeClient(fetch, { retries: 0 }).http.request('GET', ['a']));
    expect(error.message).toBe(
      'the connection to api.cloudflare.com closed before an answer arrived (socket hang up)',
    );
  });

  it('finds the code in `cause` (undici style)', async () => {
    const fetch = scriptedFetch(
      Object.assign(new TypeError('fetch failed'), { cause: systemError('ECONNREFUSED') }),
    );
    const error = await rejectionOf(makeClient(fetch, { retries: 0 }).http.request('GET', ['a']));
    expect(error.message).toBe(
      'could not connect to api.cloudflare.com: connection refused (ECONNREFUSED); nothing was sent',
    );
  });

  it('does not retry certificate failures, and hints at NODE_EXTRA_CA_CERTS', async () => {
    const fetch = scriptedFetch(
      systemError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
    );
    const error = (await rejectionOf(makeClient(fetch).http.request('GET', ['a']))) as NetworkError;
    expect(error.message).toBe(
      'could not establish a secure connection to api.cloudflare.com: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN); nothing was sent',
    );
    expect(error.hint).toMatch(/NODE_EXTRA_CA_CERTS/);
    expect(fetch.calls).toHaveLength(1);
  });

  it('does not retry an unknown failure', async () => {
    const fetch = scriptedFetch(new Error('something odd'));
    const error = await rejectionOf(makeClient(fetch).http.request('GET', ['a']));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe('the request to api.cloudflare.com failed: something odd');
    expect(fetch.calls).toHaveLength(1);
  });

  it('times out an attempt through its abort signal', async () => {
    const fetch = hangingFetch();
    const error = (await rejectionOf(
      makeClient(fetch, { timeoutMs: 20, retries: 0 }).http.request('DELETE', CLIENT_PATH),
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('no answer from api.cloudflare.com within 0.02 s');
    expect(fetch.calls[0]?.init.signal.aborted).toBe(true);
  });

  it('times out a fetch that ignores its signal', async () => {
    const fetch = scriptedFetch(() => new Promise(() => {}));
    const error = await rejectionOf(
      makeClient(fetch, { timeoutMs: 10, retries: 0 }).http.request('GET', ['a']),
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('names a timeout of 30 000 ms "30 s"', async () => {
    const fetch = hangingFetch();
    const realSetTimeout = globalThis.setTimeout;
    // Fire the attempt timer at once rather than waiting 30 s.
    globalThis.setTimeout = ((fn: () => void) => realSetTimeout(fn, 0)) as typeof setTimeout;
    try {
      const error = await rejectionOf(makeClient(fetch, { retries: 0 }).http.request('GET', ['a']));
      expect(error.message).toBe('no answer from api.cloudflare.com within 30 s');
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });
});

describe('--verbose trace', () => {
  it('prints requests and responses with credential headers redacted', async () => {
    const fetch = scriptedFetch(ok({ id: CLIENT }, { 'cf-ray': '8f00aa-SJC' }));
    const { http, trace } = makeClient(fetch);
    await http.request('DELETE', CLIENT_PATH);
    expect(trace).toEqual([
      `> DELETE ${CLIENT_URL}`,
      '> accept: application/json',
      '> user-agent: cf-oauth/0.1.0 node/v20.19.0',
      '> authorization: [REDACTED]',
      '< 200 (0 ms) cf-ray: 8f00aa-SJC',
    ]);
  });

  it('redacts the key scheme headers', async () => {
    const { http, trace } = makeClient(scriptedFetch(ok(null)), { credential: KEY });
    await http.request('GET', ['accounts']);
    expect(trace).toContain('> x-auth-email: [REDACTED]');
    expect(trace).toContain('> x-auth-key: [REDACTED]');
    expect(trace.join('\n')).not.toMatch(/canary/);
  });

  it('shows the first 200 characters of a bad body with secrets redacted', async () => {
    const body = `<html>echo: Bearer ${CANARY_TOKEN} ${'z'.repeat(400)}</html>`;
    const fetch = scriptedFetch(answer(502, body, { 'content-type': 'text/html' }));
    const { http, trace } = makeClient(fetch, { retries: 0 });
    await rejectionOf(http.request('GET', ['accounts']));
    const preview = trace.find((line) => line.startsWith('< body'));
    expect(preview).toBe(
      `< body (first 200 characters): ${JSON.stringify(`<html>echo: Bearer [REDACTED] ${'z'.repeat(400)}`.slice(0, 200))}`,
    );
  });

  it('never prints the canary token, whatever happens', async () => {
    const fetch = scriptedFetch(
      answer(503, `oops ${CANARY_TOKEN}`, { 'content-type': 'text/plain' }),
      failure(400, [{ code: 1000, message: `bad token ${CANARY_TOKEN}` }]),
    );
    const { http, trace } = makeClient(fetch);
    const error = await rejectionOf(http.request('DELETE', CLIENT_PATH));
    expect(trace.length).toBeGreaterThan(5);
    expect(trace.join('\n')).not.toContain(CANARY_TOKEN);
    expect(error.message).not.toContain(CANARY_TOKEN);
    expect(error.message).toBe('bad token [REDACTED] (code 1000) (after 2 attempts)');
  });
});

describe('OAuth client calls', () => {
  it.each([
    [
      'deleteOAuthClient',
      'DELETE',
      CLIENT_URL,
      (h: Parameters<typeof listAccounts>[0]) => deleteOAuthClient(h, ACCOUNT, CLIENT),
    ],
    [
      'getOAuthClient',
      'GET',
      CLIENT_URL,
      (h: Parameters<typeof listAccounts>[0]) => getOAuthClient(h, ACCOUNT, CLIENT),
    ],
    [
      'listOAuthClients',
      'GET',
      `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/oauth_clients`,
      (h: Parameters<typeof listAccounts>[0]) => listOAuthClients(h, ACCOUNT),
    ],
    [
      'listAccounts',
      'GET',
      'https://api.cloudflare.com/client/v4/accounts?per_page=50',
      listAccounts,
    ],
  ])('%s sends %s %s', async (_, method, url, call) => {
    const fetch = scriptedFetch(ok([]));
    await call(makeClient(fetch).http);
    expect(fetch.calls[0]).toMatchObject({ url, init: { method } });
  });
});

describe('createHttpClient defaults', () => {
  it('works without trace or random', async () => {
    const fetch = scriptedFetch(answer(503, ''), ok('done'));
    const clock = new FakeClock();
    const http = createHttpClient({
      baseUrl: BASE_URL,
      credential: TOKEN,
      userAgent: 'ua',
      timeoutMs: 1000,
      retries: 1,
      maxRetryWaitSeconds: 60,
      clock,
      interrupts: fakeInterrupts(),
      env: {},
      fetch,
    });
    expect((await http.request('GET', ['a'])).result).toBe('done');
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(375);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(500);
  });
});
