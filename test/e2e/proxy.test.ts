/**
 * The built CLI behind a real forward proxy (test/helpers/proxy.ts): HTTPS targets through a
 * CONNECT tunnel, as api.cloudflare.com is reached from corporate networks and CI runners, and
 * every way a proxy can say no, which must read "nothing was sent".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import {
  ACCOUNT,
  expectNoSecrets,
  PROXY_PASSWORD,
  PROXY_USER,
  useEmulator,
} from '../helpers/fixture.js';
import { type ProxyOptions, startProxy, type TestProxy } from '../helpers/proxy.js';

const api = useEmulator();
const plain = useEmulator({ scheme: 'http' });

/** A proxy for the tests of one describe block, closed after them. */
function useProxy(options: ProxyOptions = {}): { proxy: TestProxy } {
  const holder = {} as { proxy: TestProxy };
  beforeAll(async () => {
    holder.proxy = await startProxy(options);
  });
  afterAll(() => holder.proxy.close());
  return holder;
}

const authority = () => new URL(api.emulator.url).host;
const deletePath = (id: string) => `/client/v4/accounts/${ACCOUNT}/oauth_clients/${id}`;

describe('a CONNECT proxy', () => {
  const it_ = useProxy();

  it('tunnels an HTTPS delete from HTTPS_PROXY', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT], {
      env: { ...api.env, HTTPS_PROXY: it_.proxy.url },
    });
    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(it_.proxy.seen.splice(0)).toEqual([`CONNECT ${authority()}`]);
    expect(api.emulator.requests.map((r) => `${r.method} ${r.rawPath}`)).toEqual([
      `DELETE ${deletePath(id)}`,
    ]);
  });

  it('honours https_proxy, and lists through it', async () => {
    const id = api.newClient('Listed through the proxy');
    const run = await runBin(['list', '-a', ACCOUNT, '--json'], {
      env: { ...api.env, https_proxy: it_.proxy.url },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((c: { client_id: string }) => c.client_id)).toContain(id);
    expect(it_.proxy.seen.splice(0)).toEqual([`CONNECT ${authority()}`]);
  });

  it('carries a batch at --concurrency 8 over at most 9 tunnels', async () => {
    const ids = Array.from({ length: 24 }, () => api.newClient());
    const run = await runBin(
      ['delete', '--from-file', '-', '-a', ACCOUNT, '--yes', '--concurrency', '8'],
      { env: { ...api.env, HTTPS_PROXY: it_.proxy.url }, input: `${ids.join('\n')}\n` },
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([...ids].sort());
    expect(api.emulator.requests.filter((r) => r.method === 'DELETE')).toHaveLength(24);
    const tunnels = it_.proxy.seen.splice(0);
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    // The first request goes alone (it learns the rate limit); its tunnel may not be free
    // again when the eight workers start.
    expect(tunnels.length).toBeLessThanOrEqual(9);
    expect(new Set(tunnels)).toEqual(new Set([`CONNECT ${authority()}`]));
  });

  it('is bypassed for a host NO_PROXY names', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT, '-v'], {
      env: { ...api.env, HTTPS_PROXY: it_.proxy.url, NO_PROXY: '127.0.0.1' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('using proxy');
    expect(it_.proxy.seen).toEqual([]);
  });

  it('relays plain-HTTP targets from HTTP_PROXY in absolute form', async () => {
    const id = plain.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT], {
      env: { ...plain.env, HTTP_PROXY: it_.proxy.url },
    });
    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(it_.proxy.seen.splice(0)).toEqual([
      `DELETE ${plain.emulator.url}/accounts/${ACCOUNT}/oauth_clients/${id}`,
    ]);
  });
});

describe('an https:// proxy URL', () => {
  const it_ = useProxy({ tls: true });

  it('speaks TLS to the proxy, then TLS to the API inside the tunnel', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT], {
      env: { ...api.env, HTTPS_PROXY: it_.proxy.url },
    });
    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(it_.proxy.seen).toEqual([`CONNECT ${authority()}`]);
  });
});

describe('a proxy that needs Basic authentication', () => {
  const it_ = useProxy({ auth: { user: PROXY_USER, password: PROXY_PASSWORD } });
  const withCredentials = () => {
    const url = new URL(it_.proxy.url);
    url.username = PROXY_USER;
    url.password = PROXY_PASSWORD;
    return url.href;
  };

  it('gets the credentials from the proxy URL, and they never show, even with --verbose', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--verbose'], {
      env: { ...api.env, HTTPS_PROXY: withCredentials() },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(run.stderr).toContain(`using proxy ${it_.proxy.url} (from HTTPS_PROXY)`);
    expect(run.stderr).not.toContain(PROXY_USER);
    expectNoSecrets(run.stdout, run.stderr);
    expect(it_.proxy.authorizations.splice(0).length).toBeGreaterThan(0);
  });

  it('without them: HTTP 407 named, exit 1, outcome failed, nothing sent', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--json'], {
      env: { ...api.env, HTTPS_PROXY: it_.proxy.url },
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ success: false, outcome: 'failed' });
    expect(report.error.message).toBe(
      `the proxy refused to open a tunnel to ${authority()} via proxy ${it_.proxy.url}: the proxy answered CONNECT with HTTP 407 Proxy Authentication Required (proxy authentication required); nothing was sent`,
    );
    expect(report.error.hint).toBe(
      'put the proxy credentials in the proxy URL: http://user:password@host:port',
    );
    expect(api.emulator.requests).toEqual([]);
    expect(api.emulator.clients(ACCOUNT).map((c) => c.client_id)).toContain(id);
  });
});

describe('a proxy that will not tunnel', () => {
  const refusing = useProxy({ connect: { status: 403, reason: 'Forbidden' } });
  const dropping = useProxy({ connect: 'drop' });

  it('answering CONNECT with 403: its answer is not taken for the API’s, nothing sent', async () => {
    const run = await runBin(['delete', api.newClient(), '-a', ACCOUNT], {
      env: { ...api.env, HTTPS_PROXY: refusing.proxy.url },
    });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: the proxy refused to open a tunnel to ${authority()} via proxy ${refusing.proxy.url}: the proxy answered CONNECT with HTTP 403 Forbidden; nothing was sent\n`,
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('closing the connection instead of answering: retried, then nothing sent', async () => {
    const run = await runBin(
      ['delete', api.newClient(), '-a', ACCOUNT, '--retries', '1', '--json'],
      {
        env: { ...api.env, HTTPS_PROXY: dropping.proxy.url },
      },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ outcome: 'failed' });
    expect(report.error.message).toBe(
      `the proxy closed the connection instead of opening a tunnel to ${authority()} via proxy ${dropping.proxy.url}; nothing was sent (after 2 attempts)`,
    );
    expect(dropping.proxy.seen).toHaveLength(2);
    expect(api.emulator.requests).toEqual([]);
  });
});
