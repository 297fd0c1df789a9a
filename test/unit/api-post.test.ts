/**
 * Writes: POST and PATCH carry a JSON body, and a POST (not idempotent: a create) is repeated
 * only when it certainly had no effect. A client secret in an answer is redacted from then on.
 */
import { describe, expect, it } from 'vitest';
import { type ApiError, NetworkError, TimeoutError } from '../../src/errors.js';
import {
  answer,
  failure,
  hangingFetch,
  makeClient,
  ok,
  rejectionOf,
  scriptedFetch,
  systemError,
} from './api-test-kit.js';

const CREATE = ['accounts', '023e105f4ecef8ad9ca31a8372d0c353', 'oauth_clients'];
const SECRET = 'canary-client-secret-unit-0123456789';
const BODY = { client_name: 'x' };

describe('request bodies', () => {
  it('sends POST and PATCH bodies as JSON with a content type', async () => {
    const fetch = scriptedFetch(ok({ client_id: 'a' }));
    const { http } = makeClient(fetch);
    await http.request('POST', CREATE, { body: BODY });
    await http.request('PATCH', [...CREATE, 'a'], { body: { scopes: ['x.read'] } });
    expect(
      fetch.calls.map((c) => [c.init.method, c.init.body, c.init.headers['Content-Type']]),
    ).toEqual([
      ['POST', '{"client_name":"x"}', 'application/json'],
      ['PATCH', '{"scopes":["x.read"]}', 'application/json'],
    ]);
  });

  it('sends no body and no content type on GET', async () => {
    const fetch = scriptedFetch(ok([]));
    await makeClient(fetch).http.request('GET', CREATE);
    expect(fetch.calls[0]?.init.body).toBeUndefined();
    expect(fetch.calls[0]?.init.headers['Content-Type']).toBeUndefined();
  });
});

describe('a POST is never sent twice blindly', () => {
  it('is repeated after a refused connection: nothing was sent', async () => {
    const fetch = scriptedFetch(systemError('ECONNREFUSED'), ok({ client_id: 'a' }));
    const response = await makeClient(fetch).http.request('POST', CREATE, { body: BODY });
    expect([fetch.calls.length, response.earlierAttemptUncertain]).toEqual([2, false]);
  });

  it('is not repeated after a reset: it may have reached the API', async () => {
    const fetch = scriptedFetch(systemError('ECONNRESET', 'socket hang up'), ok({}));
    const { http, trace } = makeClient(fetch);
    const error = await rejectionOf(http.request('POST', CREATE, { body: BODY }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).outcomeUnknown).toBe(true);
    expect(fetch.calls).toHaveLength(1);
    expect(trace.at(-1)).toMatch(/not repeated: it may have reached the API/);
  });

  it('is not repeated after a timeout', async () => {
    const fetch = hangingFetch();
    const { http } = makeClient(fetch, { timeoutMs: 20 });
    const error = await rejectionOf(http.request('POST', CREATE, { body: BODY }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect([fetch.calls.length, (error as TimeoutError).outcomeUnknown]).toEqual([1, true]);
  });

  it('is not repeated after an edge 502 page, whose origin may have acted', async () => {
    const fetch = scriptedFetch(answer(502, '<html>502</html>', { 'content-type': 'text/html' }));
    const error = await rejectionOf(makeClient(fetch).http.request('POST', CREATE, { body: BODY }));
    expect([fetch.calls.length, (error as ApiError).outcomeUnknown]).toEqual([1, true]);
  });

  it('is repeated after a 429, and after a 5xx whose headers say it did not act', async () => {
    const fetch = scriptedFetch(
      failure(429, [{ code: 971, message: 'slow down' }], { 'retry-after': '1' }),
      failure(503, [{ code: 1, message: 'busy' }], { 'retry-after': '2' }),
      failure(500, [{ code: 1, message: 'oops' }], { 'x-should-retry': 'true' }),
      ok({ client_id: 'a' }),
    );
    const response = await makeClient(fetch).http.request('POST', CREATE, { body: BODY });
    expect([fetch.calls.length, response.earlierAttemptUncertain]).toEqual([4, false]);
  });

  it('is not repeated after a 5xx that says x-should-retry: false, even with Retry-After', async () => {
    const fetch = scriptedFetch(
      failure(503, [{ code: 1, message: 'busy' }], {
        'retry-after': '1',
        'x-should-retry': 'false',
      }),
    );
    const error = await rejectionOf(makeClient(fetch).http.request('POST', CREATE, { body: BODY }));
    expect([fetch.calls.length, (error as ApiError).outcomeUnknown]).toEqual([1, true]);
  });

  it('a PATCH (which sets fields to given values) is retried like a GET', async () => {
    const fetch = scriptedFetch(systemError('ECONNRESET', 'socket hang up'), ok({}));
    const response = await makeClient(fetch).http.request('PATCH', [...CREATE, 'a'], { body: {} });
    expect([fetch.calls.length, response.earlierAttemptUncertain]).toEqual([2, true]);
  });
});

describe('secrets in answers', () => {
  it('redacts a client secret from the moment it is received', async () => {
    const fetch = scriptedFetch(
      ok({ client_id: 'a', client_secret: SECRET }),
      failure(400, [{ code: 1001, message: `bad value ${SECRET}` }]),
    );
    const { http, trace } = makeClient(fetch);
    await http.request('POST', CREATE, { body: BODY });
    const error = await rejectionOf(http.request('GET', CREATE));
    expect(error.message).not.toContain(SECRET);
    expect(trace.join('\n')).not.toContain(SECRET);
  });

  it('masks a client_secret field in a body preview it could not parse', async () => {
    const body = `{"result":{"client_id":"a","client_secret":"${SECRET}`;
    const fetch = scriptedFetch(answer(200, body, { 'content-type': 'application/json' }));
    const { http, trace } = makeClient(fetch);
    await rejectionOf(http.request('POST', CREATE, { body: BODY }));
    expect(trace.join('\n')).toContain('\\"client_secret\\":\\"[REDACTED]');
    expect(trace.join('\n')).not.toContain(SECRET);
  });

  it('traces the size of a request body, not its content', async () => {
    const { http, trace } = makeClient(scriptedFetch(ok({})));
    await http.request('POST', CREATE, { body: BODY });
    expect(trace).toContain('> body: 19 bytes of JSON');
    expect(trace.join('\n')).not.toContain('client_name');
  });
});
