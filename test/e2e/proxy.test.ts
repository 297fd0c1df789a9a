/** The built CLI honours HTTP_PROXY / NO_PROXY from its real environment. */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, expectNoSecrets, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
const proxied: string[] = [];
/** A forward proxy on loopback: absolute-form requests in, relayed to their target. */
const proxy = createServer((incoming, outgoing) => {
  proxied.push(`${incoming.method} ${incoming.url}`);
  const relay = request(incoming.url ?? '', { method: incoming.method, headers: incoming.headers });
  relay.on('response', (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  });
  incoming.pipe(relay);
});
let proxyUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => {
  proxy.closeAllConnections();
  proxy.close();
});

it('sends the request through HTTP_PROXY, and around it when NO_PROXY names the host', async () => {
  const id = api.newClient();
  const via = await runBin(['delete', id, '-a', ACCOUNT], {
    env: { ...api.env, HTTP_PROXY: proxyUrl },
  });
  expect(via).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
  expect(proxied).toEqual([`DELETE ${api.emulator.url}/accounts/${ACCOUNT}/oauth_clients/${id}`]);

  const other = api.newClient();
  const direct = await runBin(['delete', other, '-a', ACCOUNT, '-v'], {
    env: { ...api.env, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
  });
  expect(direct.code).toBe(0);
  expect(proxied).toHaveLength(1);
  expectNoSecrets(via.stderr, direct.stderr);
});
