/**
 * "Sent or not" for every class of failure without an HTTP answer: before the connection (and
 * TLS, and any proxy tunnel) was up the request cannot have left the machine, so it is
 * `failed` with "nothing was sent"; after, its fate is unknown. The errors are shaped as
 * node-fetch delivers them ("request to … failed, reason: …" with the system code copied).
 */
import { describe, expect, it } from 'vitest';
import { describeNetworkFailure, TUNNEL_REFUSED } from '../../src/api/network-errors.js';
import { failedResult } from '../../src/outcome.js';
import { answer, makeClient, rejectionOf, scriptedFetch, systemError } from './api-test-kit.js';

const TARGET = 'api.cloudflare.com';
const fetchError = (code: string | undefined, reason: string): Error =>
  Object.assign(new Error(`request to https://${TARGET}/client/v4/x failed, reason: ${reason}`), {
    ...(code ? { code } : {}),
  });

describe('before any byte could reach the API: nothing was sent', () => {
  it.each([
    ['DNS, no such host', fetchError('ENOTFOUND', `getaddrinfo ENOTFOUND ${TARGET}`), false],
    ['DNS, temporary', fetchError('EAI_AGAIN', `getaddrinfo EAI_AGAIN ${TARGET}`), true],
    ['refused connection', fetchError('ECONNREFUSED', 'connect ECONNREFUSED 1.2.3.4:443'), true],
    ['unreachable network', fetchError('ENETUNREACH', 'connect ENETUNREACH 1.2.3.4:443'), true],
    [
      'proxy answered CONNECT with 407',
      fetchError(
        TUNNEL_REFUSED,
        'the proxy answered CONNECT with HTTP 407 Proxy Authentication Required',
      ),
      false,
    ],
    [
      'proxy answered CONNECT with 403',
      fetchError(TUNNEL_REFUSED, 'the proxy answered CONNECT with HTTP 403 Forbidden'),
      false,
    ],
    [
      'proxy answered CONNECT with 502',
      fetchError(TUNNEL_REFUSED, 'the proxy answered CONNECT with HTTP 502 Bad Gateway'),
      true,
    ],
    [
      'proxy closed before answering CONNECT',
      fetchError(undefined, 'Proxy connection ended before receiving CONNECT response'),
      true,
    ],
    [
      'connection closed during the TLS handshake',
      fetchError(
        'ECONNRESET',
        'Client network socket disconnected before secure TLS connection was established',
      ),
      true,
    ],
    [
      'untrusted certificate',
      fetchError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      false,
    ],
    [
      'hostname mismatch',
      fetchError(
        'ERR_TLS_CERT_ALTNAME_INVALID',
        "Hostname/IP does not match certificate's altnames",
      ),
      false,
    ],
    [
      'plain HTTP on an https port',
      fetchError(
        'EPROTO',
        'write EPROTO 40E8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:\n',
      ),
      false,
    ],
    [
      'an agent for the wrong protocol',
      fetchError('ERR_INVALID_PROTOCOL', 'Protocol "https:" not supported. Expected "http:"'),
      false,
    ],
  ])('%s', (_, error, retryable) => {
    const failure = describeNetworkFailure(error, TARGET);
    expect(failure.mayHaveReachedServer).toBe(false);
    expect(failure.retryable).toBe(retryable);
    // One line, naming the host, never OpenSSL's dump.
    expect(failure.error.message).toContain(TARGET);
    expect(failure.error.message).not.toMatch(/\n|SSL routines/);
  });

  it('says why for 407, and which setting to look at', () => {
    const failure = describeNetworkFailure(
      fetchError(
        TUNNEL_REFUSED,
        'the proxy answered CONNECT with HTTP 407 Proxy Authentication Required',
      ),
      `${TARGET} via proxy http://proxy:3128`,
    );
    expect(failure.error.message).toBe(
      `the proxy refused to open a tunnel to ${TARGET} via proxy http://proxy:3128: the proxy answered CONNECT with HTTP 407 Proxy Authentication Required (proxy authentication required)`,
    );
    expect(failure.error.hint).toMatch(/user:password@host:port/);
  });

  it('plain HTTP on the port is not a certificate problem: no NODE_EXTRA_CA_CERTS hint', () => {
    const failure = describeNetworkFailure(
      fetchError('EPROTO', 'write EPROTO …:SSL routines:ssl3_get_record:wrong version number:…'),
      TARGET,
    );
    expect(failure.error.message).toBe(
      `could not establish a secure connection to ${TARGET}: the server speaks plain HTTP on that port, not HTTPS (EPROTO)`,
    );
    expect(failure.error.hint).not.toMatch(/NODE_EXTRA_CA_CERTS/);
  });

  it('another OpenSSL failure shows its reason, not the dump', () => {
    const failure = describeNetworkFailure(
      fetchError(
        'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
        '40E8:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl.c:1:\n',
      ),
      TARGET,
    );
    expect(failure.error.message).toBe(
      `could not establish a secure connection to ${TARGET}: sslv3 alert handshake failure (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)`,
    );
  });
});

describe('after the request may have been written: its fate is unknown', () => {
  it.each([
    ['reset', fetchError('ECONNRESET', 'read ECONNRESET')],
    ['socket hang up', fetchError('ECONNRESET', 'socket hang up')],
    ['broken pipe', fetchError('EPIPE', 'write EPIPE')],
    ['timed out', fetchError('ETIMEDOUT', 'read ETIMEDOUT')],
    ['premature close', fetchError(undefined, 'Premature close')],
    ['something unknown', fetchError(undefined, 'something odd')],
  ])('%s', (_, error) => {
    expect(describeNetworkFailure(error, TARGET).mayHaveReachedServer).toBe(true);
  });
});

describe('the client and the delete outcome follow the rule', () => {
  it('nothing sent on every attempt: failed, "nothing was sent", no "may or may not" note', async () => {
    const fetch = scriptedFetch(systemError('ECONNREFUSED'), systemError('ECONNREFUSED'));
    const error = await rejectionOf(
      makeClient(fetch, { retries: 1 }).http.request('DELETE', ['a']),
    );
    expect(error.message).toBe(
      `could not connect to ${TARGET}: connection refused (ECONNREFUSED); nothing was sent (after 2 attempts)`,
    );
    const result = failedResult('a', error, { ignoreMissing: false });
    expect(result).toMatchObject({ outcome: 'failed', note: undefined });
  });

  it('an earlier attempt that may have arrived keeps the outcome unknown', async () => {
    const fetch = scriptedFetch(systemError('ECONNRESET'), systemError('ECONNREFUSED'));
    const error = await rejectionOf(
      makeClient(fetch, { retries: 1 }).http.request('DELETE', ['a']),
    );
    expect(error.message).not.toContain('nothing was sent');
    expect(failedResult('a', error, { ignoreMissing: false }).outcome).toBe('unknown');
  });

  it.each([
    [520, 'unknown'],
    [521, 'failed'],
    [522, 'failed'],
    [523, 'failed'],
    [524, 'unknown'],
    [525, 'failed'],
    [526, 'failed'],
  ])('an edge %i page: %s', async (status, outcome) => {
    const fetch = scriptedFetch(
      answer(status, '<html>edge</html>', { 'content-type': 'text/html' }),
    );
    const error = await rejectionOf(
      makeClient(fetch, { retries: 0 }).http.request('DELETE', ['a']),
    );
    expect(failedResult('a', error, { ignoreMissing: false }).outcome).toBe(outcome);
  });
});
