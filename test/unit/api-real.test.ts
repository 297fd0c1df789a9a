/**
 * The API client over real sockets: node-fetch, keep-alive agents, proxies. Servers are tiny
 * `node:http` servers on 127.0.0.1, port 0; waits between attempts still go through a fake clock.
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient, type HttpOptions } from '../../src/api/http.js';
import {
  ApiError,
  ConfigError,
  InterruptedError,
  NetworkError,
  TimeoutError,
} from '../../src/errors.js';
import { CANARY_TOKEN, FakeClock, fakeInterrupts, rejectionOf, TOKEN } from './api-test-kit.js';

const ENVELOPE = JSON.stringify({ success: true, errors: [], messages: [], result: { id: 'abc' } });

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(
  handler: http.RequestListener,
): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { server, port: (server.address() as AddressInfo).port };
}

function sendEnvelope(res: http.ServerResponse, body = ENVELOPE, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cf-ray': 'ray-real' });
  res.end(body);
}

interface RealClient {
  http: HttpClient;
  clock: FakeClock;
  interrupts: ReturnType<typeof fakeInterrupts>;
  trace: string[];
}

function realClient(baseUrl: string, overrides: Partial<HttpOptions> = {}): RealClient {
  const clock = new FakeClock();
  const interrupts = fakeInterrupts();
  const trace: string[] = [];
  const client = createHttpClient({
    baseUrl: new URL(baseUrl),
    credential: TOKEN,
    userAgent: 'cf-oauth/test',
    timeoutMs: 2000,
    retries: 0,
    maxRetryWaitSeconds: 60,
    clock,
    interrupts,
    env: {},
    trace: (line) => trace.push(line),
    random: () => 1,
    ...overrides,
  });
  cleanups.push(() => client.close());
  return { http: client, clock, interrupts, trace };
}

describe('over real sockets', () => {
  it('reuses one keep-alive connection for consecutive requests', async () => {
    const remotePorts: number[] = [];
    let connections = 0;
    const { server, port } = await startServer((req, res) => {
      remotePorts.push(req.socket.remotePort ?? -1);
      sendEnvelope(res);
    });
    server.on('connection', () => connections++);
    const { http: client } = realClient(`http://127.0.0.1:${port}/client/v4`);
    const first = await client.request('DELETE', ['accounts', 'acc', 'oauth_clients', 'abc']);
    const second = await client.request('GET', ['accounts', 'acc', 'oauth_clients', 'abc']);
    expect(first.result).toEqual({ id: 'abc' });
    expect(first.cfRay).toBe('ray-real');
    expect(second.status).toBe(200);
    expect(remotePorts).toHaveLength(2);
    expect(remotePorts[0]).toBe(remotePorts[1]);
    expect(connections).toBe(1);
  });

  it('closes its idle keep-alive connections on close()', async () => {
    const sockets: Duplex[] = [];
    const { server, port } = await startServer((_, res) => sendEnvelope(res));
    server.on('connection', (socket: Duplex) => sockets.push(socket));
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    await client.request('GET', ['accounts']);
    expect(sockets[0]?.destroyed).toBe(false);
    const closed = new Promise((resolve) => sockets[0]?.once('close', resolve));
    client.close();
    await closed;
    expect(sockets[0]?.destroyed).toBe(true);
  });

  it('sends the headers and the encoded path as given', async () => {
    let seen: http.IncomingMessage | undefined;
    const { port } = await startServer((req, res) => {
      seen = req;
      sendEnvelope(res);
    });
    const { http: client } = realClient(`http://127.0.0.1:${port}/client/v4`);
    await client.request('DELETE', ['accounts', 'acc', 'oauth_clients', '../a/b?c#d']);
    expect(seen?.url).toBe('/client/v4/accounts/acc/oauth_clients/..%2Fa%2Fb%3Fc%23d');
    expect(seen?.method).toBe('DELETE');
    expect(seen?.headers.authorization).toBe(`Bearer ${CANARY_TOKEN}`);
    expect(seen?.headers['x-auth-key']).toBeUndefined();
    expect(seen?.headers['user-agent']).toBe('cf-oauth/test');
    expect(seen?.headers.accept).toBe('application/json');
  });

  it('reports a refused connection', async () => {
    const { server, port } = await startServer(() => {});
    await new Promise((resolve) => server.close(resolve));
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(
      `could not connect to 127.0.0.1:${port}: connection refused (ECONNREFUSED); nothing was sent`,
    );
  });

  it('reports a connection the server drops, and marks it uncertain when a retry succeeds', async () => {
    let requests = 0;
    const { port } = await startServer((req, res) => {
      requests++;
      if (requests === 1) req.socket.destroy();
      else sendEnvelope(res);
    });
    const { http: client, clock } = realClient(`http://127.0.0.1:${port}`, { retries: 1 });
    const response = await client.request('DELETE', ['accounts']);
    expect(response.attempts).toBe(2);
    expect(response.earlierAttemptUncertain).toBe(true);
    expect(clock.sleeps).toEqual([500]);
  });

  it('reports a hang-up with retries off', async () => {
    const { port } = await startServer((req) => req.socket.destroy());
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(
      `the connection to 127.0.0.1:${port} closed before an answer arrived (socket hang up)`,
    );
  });

  it('reports a TCP reset', async () => {
    const { port } = await startServer((req) =>
      (req.socket as Duplex & { resetAndDestroy(): void }).resetAndDestroy(),
    );
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`the connection to 127.0.0.1:${port} was reset (ECONNRESET)`);
  });

  it('times out a server that never answers', async () => {
    const { port } = await startServer(() => {});
    const { http: client } = realClient(`http://127.0.0.1:${port}`, { timeoutMs: 100 });
    const error = await rejectionOf(client.request('DELETE', ['accounts']));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`no answer from 127.0.0.1:${port} within 0.1 s`);
  });

  it('cuts a request in flight on abort', async () => {
    const { port } = await startServer(() => {});
    const { http: client, interrupts } = realClient(`http://127.0.0.1:${port}`);
    setTimeout(() => interrupts.abortInFlight('SIGTERM'), 20);
    const error = (await rejectionOf(client.request('DELETE', ['accounts']))) as InterruptedError;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.signal).toBe('SIGTERM');
  });

  it('reports an HTML error page without its content', async () => {
    const { port } = await startServer((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error.message).toBe(
      'HTTP 502 Bad Gateway: the server answered with text/html, not JSON',
    );
  });

  it('stops reading a body over 1 MiB, and the next request still works', async () => {
    let requests = 0;
    const { port } = await startServer((_, res) => {
      requests++;
      if (requests > 1) return sendEnvelope(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"success":true,"result":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    });
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/larger than 1 MiB/);
    expect((await client.request('GET', ['accounts'])).status).toBe(200);
  });

  it('does not follow a redirect (it would resend the credential)', async () => {
    const paths: string[] = [];
    const { port } = await startServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    const { http: client } = realClient(`http://127.0.0.1:${port}`);
    const error = await rejectionOf(client.request('DELETE', ['accounts']));
    expect(error.message).toBe(
      'HTTP 302 Found: the API redirected to /elsewhere; cf-oauth does not follow redirects',
    );
    expect(paths).toEqual(['/accounts']);
  });
});

/** A forwarding proxy for http:// targets: the proxy agent sends it absolute-form requests. */
async function startProxy(): Promise<{ port: number; seen: http.IncomingMessage[] }> {
  const seen: http.IncomingMessage[] = [];
  const { port } = await startServer((req, res) => {
    seen.push(req);
    const upstream = http.request(
      req.url ?? '',
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return { port, seen };
}

describe('proxies', () => {
  async function apiAndProxy() {
    const apiRequests: http.IncomingMessage[] = [];
    const api = await startServer((req, res) => {
      apiRequests.push(req);
      sendEnvelope(res);
    });
    const proxy = await startProxy();
    return { apiPort: api.port, apiRequests, proxyPort: proxy.port, proxied: proxy.seen };
  }

  it.each(['HTTP_PROXY', 'http_proxy'])('sends http:// requests through %s', async (variable) => {
    const { apiPort, apiRequests, proxyPort, proxied } = await apiAndProxy();
    const { http: client, trace } = realClient(`http://127.0.0.1:${apiPort}/client/v4`, {
      env: { [variable]: `http://127.0.0.1:${proxyPort}` },
    });
    const response = await client.request('DELETE', ['accounts', 'acc', 'oauth_clients', 'abc']);
    expect(response.result).toEqual({ id: 'abc' });
    expect(proxied.map((req) => req.url)).toEqual([
      `http://127.0.0.1:${apiPort}/client/v4/accounts/acc/oauth_clients/abc`,
    ]);
    expect(apiRequests).toHaveLength(1);
    expect(trace).toContain(
      `using proxy http://127.0.0.1:${proxyPort} (from ${variable}) for http://127.0.0.1:${apiPort}`,
    );
  });

  it.each([
    ['127.0.0.1', 'an exact host'],
    ['example.com, 127.0.0.1', 'a list entry'],
    ['*', 'the wildcard'],
  ])('connects directly when NO_PROXY=%j matches (%s)', async (noProxy) => {
    const { apiPort, apiRequests, proxyPort, proxied } = await apiAndProxy();
    const { http: client } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: noProxy },
    });
    await client.request('GET', ['accounts']);
    expect(proxied).toHaveLength(0);
    expect(apiRequests).toHaveLength(1);
  });

  it('still proxies when NO_PROXY names the host with another port', async () => {
    const { apiPort, proxyPort, proxied } = await apiAndProxy();
    const { http: client } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, no_proxy: '127.0.0.1:1' },
    });
    await client.request('GET', ['accounts']);
    expect(proxied).toHaveLength(1);
  });

  it('does not special-case loopback: localhost in NO_PROXY does not cover 127.0.0.1', async () => {
    const { apiPort, proxyPort, proxied } = await apiAndProxy();
    const { http: client } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: 'localhost' },
    });
    await client.request('GET', ['accounts']);
    expect(proxied).toHaveLength(1);
  });

  it('uses HTTPS_PROXY only for https:// targets', async () => {
    const { apiPort, apiRequests, proxyPort, proxied } = await apiAndProxy();
    const { http: client } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTPS_PROXY: `http://127.0.0.1:${proxyPort}` },
    });
    await client.request('GET', ['accounts']);
    expect(proxied).toHaveLength(0);
    expect(apiRequests).toHaveLength(1);
  });

  it('reads a proxy without a scheme as http://', async () => {
    const { apiPort, proxyPort, proxied } = await apiAndProxy();
    const { http: client } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTP_PROXY: `127.0.0.1:${proxyPort}` },
    });
    await client.request('GET', ['accounts']);
    expect(proxied).toHaveLength(1);
  });

  it('sends proxy credentials to the proxy but never prints them', async () => {
    const { apiPort, proxyPort, proxied } = await apiAndProxy();
    const { http: client, trace } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTP_PROXY: `http://user:proxy-secret@127.0.0.1:${proxyPort}` },
    });
    await client.request('GET', ['accounts']);
    expect(proxied[0]?.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from('user:proxy-secret').toString('base64')}`,
    );
    expect(trace.join('\n')).not.toMatch(/proxy-secret/);
  });

  it('names the proxy when it cannot be reached', async () => {
    const { apiPort } = await apiAndProxy();
    const dead = await startServer(() => {});
    await new Promise((resolve) => dead.server.close(resolve));
    const { http: client } = realClient(`http://127.0.0.1:${apiPort}`, {
      env: { HTTP_PROXY: `http://127.0.0.1:${dead.port}` },
    });
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error.message).toBe(
      `could not connect to 127.0.0.1:${apiPort} via proxy http://127.0.0.1:${dead.port}: connection refused (ECONNREFUSED); nothing was sent`,
    );
  });

  it('tunnels https:// targets with CONNECT, without showing the proxy the credential', async () => {
    const connects: http.IncomingMessage[] = [];
    const { server, port } = await startServer(() => {});
    server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
      connects.push(req);
      socket.end(
        'HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: 7\r\n\r\nblocked',
      );
    });
    const { http: client } = realClient('https://api.cloudflare.com/client/v4', {
      env: { HTTPS_PROXY: `http://127.0.0.1:${port}` },
    });
    const error = await rejectionOf(client.request('DELETE', ['accounts', 'acc']));
    expect(connects.map((req) => req.url)).toEqual(['api.cloudflare.com:443']);
    expect(JSON.stringify(connects[0]?.headers)).not.toContain(CANARY_TOKEN);
    // The proxy's refusal is not an answer of the API: the tunnel never opened.
    expect(error.constructor).toBe(NetworkError);
    expect(error.message).toBe(
      'the proxy refused to open a tunnel to api.cloudflare.com via proxy http://127.0.0.1:' +
        `${port}: the proxy answered CONNECT with HTTP 403 Forbidden; nothing was sent`,
    );
    expect((error as NetworkError).outcomeUnknown).toBe(false);
  });

  it.each([
    ['socks5://127.0.0.1:1080', /HTTPS_PROXY names a socks5:\/\/ proxy/],
    ['http://[not a url', /HTTPS_PROXY is not a valid URL/],
  ])('refuses the proxy setting %j before sending anything', async (value, message) => {
    const { http: client } = realClient('https://api.cloudflare.com/client/v4', {
      env: { HTTPS_PROXY: value },
    });
    const error = await rejectionOf(client.request('GET', ['accounts']));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });
});
