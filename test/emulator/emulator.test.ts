import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MALFORMED_AUTHORIZATION } from './envelope.js';
import { type Emulator, type EmulatorOptions, startEmulator } from './server.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const OTHER_ACCOUNT = '9a7806061c88ada191ed06f989cc3dac';
const CLIENT = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const WRITE = { authorization: 'Bearer tok-write' };
const RAY = /^[0-9a-f]{16}-LHR$/;

const BASE_OPTIONS: EmulatorOptions = {
  accounts: [
    { id: ACCOUNT, name: 'Demo account' },
    { id: OTHER_ACCOUNT, name: 'Other account' },
  ],
  tokens: {
    'tok-write': { accounts: [ACCOUNT], permissions: ['write'] },
    'tok-read': { accounts: [ACCOUNT], permissions: ['read'] },
    'tok-all': { accounts: '*', permissions: ['read', 'write'] },
    'tok-none': { accounts: [ACCOUNT], permissions: [] },
  },
  keys: [{ email: 'ops@example.com', key: 'global-key-1', accounts: [OTHER_ACCOUNT] }],
};

const running: Emulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function start(overrides: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ ...BASE_OPTIONS, ...overrides });
  running.push(emulator);
  return emulator;
}

async function seeded(overrides: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await start(overrides);
  emulator.addClient(ACCOUNT, { client_id: CLIENT, client_name: 'Acme staging' });
  return emulator;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(
  emulator: Emulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? WRITE,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type') === 'application/json';
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: isJson ? JSON.parse(text) : undefined,
  };
}

function failureBody(code: number, message: string): unknown {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

const clientPath = (id: string, account = ACCOUNT) => `/accounts/${account}/oauth_clients/${id}`;
const listPath = (account = ACCOUNT) => `/accounts/${account}/oauth_clients`;

describe('routes', () => {
  it('serves the API under /client/v4 on 127.0.0.1', async () => {
    const emulator = await start();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  });

  it('lists the accounts the credential can see, with result_info', async () => {
    const emulator = await start();
    const mine = await call(emulator, '/accounts');
    expect(mine.status).toBe(200);
    expect(mine.json).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: [{ id: ACCOUNT, name: 'Demo account', type: 'standard' }],
      result_info: { page: 1, per_page: 20, count: 1, total_count: 1, total_pages: 1 },
    });
    const all = await call(emulator, '/accounts', { headers: { authorization: 'Bearer tok-all' } });
    expect((all.json as { result: unknown[] }).result).toHaveLength(2);
  });

  it('paginates /accounts with page and per_page (minimum 5)', async () => {
    const emulator = await start();
    for (let i = 0; i < 10; i += 1) {
      emulator.addAccount({ id: i.toString(16).repeat(32), name: `Account ${i}` });
    }
    const page = await call(emulator, '/accounts?page=3&per_page=2', {
      headers: { authorization: 'Bearer tok-all' },
    });
    const body = page.json as { result: Array<{ name: string }>; result_info: unknown };
    expect(body.result.map((a) => a.name)).toEqual(['Account 8', 'Account 9']);
    expect(body.result_info).toEqual({
      page: 3,
      per_page: 5,
      count: 2,
      total_count: 12,
      total_pages: 3,
    });
  });

  it('returns account details', async () => {
    const emulator = await start();
    const answer = await call(emulator, `/accounts/${ACCOUNT}`);
    expect(answer.json).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: { id: ACCOUNT, name: 'Demo account', type: 'standard' },
    });
  });

  it('lists the clients of an account in insertion order, 100 to a page by default', async () => {
    const emulator = await seeded();
    const second = emulator.addClient(ACCOUNT);
    const answer = await call(emulator, listPath());
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: emulator.clients(ACCOUNT),
      result_info: { page: 1, per_page: 100, count: 2, total_count: 2, total_pages: 1 },
    });
    expect(
      (answer.json as { result: Array<{ client_id: string }> }).result.map((c) => c.client_id),
    ).toEqual([CLIENT, second.client_id]);
  });

  it('pages the clients by clientsPerPage, honouring page and per_page (5..100)', async () => {
    const emulator = await start({ clientsPerPage: 20 });
    const ids = Array.from({ length: 57 }, () => emulator.addClient(ACCOUNT).client_id);
    const third = await call(emulator, `${listPath()}?page=3`);
    const body = third.json as { result: Array<{ client_id: string }>; result_info: unknown };
    expect(body.result.map((c) => c.client_id)).toEqual(ids.slice(40));
    expect(body.result_info).toEqual({
      page: 3,
      per_page: 20,
      count: 17,
      total_count: 57,
      total_pages: 3,
    });
    const small = await call(emulator, `${listPath()}?page=2&per_page=2`);
    expect((small.json as { result_info: unknown }).result_info).toEqual({
      page: 2,
      per_page: 5,
      count: 5,
      total_count: 57,
      total_pages: 12,
    });
  });

  it('gets one client with the iam_oauth_client fields', async () => {
    const emulator = await seeded();
    const answer = await call(emulator, clientPath(CLIENT));
    expect(answer.status).toBe(200);
    const client = (answer.json as { result: Record<string, unknown> }).result;
    expect(client).toEqual(emulator.clients(ACCOUNT)[0]);
    expect(client).toMatchObject({
      client_id: CLIENT,
      client_name: 'Acme staging',
      visibility: 'private',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    });
    expect(client.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('deletes a client with the documented envelope and records it', async () => {
    const emulator = await seeded();
    const answer = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(
      `{"success":true,"errors":[],"messages":[],"result":{"id":"${CLIENT}"}}`,
    );
    expect(emulator.clients(ACCOUNT)).toEqual([]);
    expect(emulator.deleted).toEqual([
      { accountId: ACCOUNT, clientId: CLIENT, at: expect.any(Number) },
    ]);
  });

  it('answers 404 for a client that does not exist or was already deleted', async () => {
    const emulator = await seeded();
    await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    const again = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.json).toEqual(failureBody(7003, 'OAuth client not found'));
    const get = await call(emulator, clientPath('f'.repeat(32)));
    expect(get.status).toBe(404);
    expect(emulator.deleted).toHaveLength(1);
  });

  it('answers 404 7003 "Could not route to" for unknown routes and unsupported methods', async () => {
    const emulator = await seeded();
    const noRoute = (path: string) =>
      failureBody(7003, `Could not route to ${path}, perhaps your object identifier is invalid?`);
    for (const [method, path] of [
      ['GET', '/zones'],
      ['GET', `/accounts/${ACCOUNT}/oauth_client`],
      ['PUT', clientPath(CLIENT)],
      ['DELETE', listPath()],
      ['GET', `${clientPath(CLIENT)}/extra/segments`],
      ['GET', `/accounts//oauth_clients`],
    ] as const) {
      const answer = await call(emulator, path, { method });
      const expected = [method, path, 404, noRoute(path)];
      expect([method, path, answer.status, answer.json]).toEqual(expected);
    }
    // A mistyped base URL: the same 404 and code as a missing client.
    const mistyped = `${emulator.url.replace('/client/v4', '/client/v')}${clientPath(CLIENT)}`;
    const outsideBase = await fetch(mistyped, { method: 'DELETE', headers: WRITE });
    expect(outsideBase.status).toBe(404);
    expect(await outsideBase.json()).toEqual(noRoute(`/client/v${clientPath(CLIENT)}`));
    expect(emulator.deleted).toEqual([]);
  });

  it('answers 400 7003 for an account id that is not 32 hex characters', async () => {
    const emulator = await seeded();
    for (const bad of ['not-an-account', ACCOUNT.toUpperCase(), `${ACCOUNT}0`]) {
      const answer = await call(emulator, `/accounts/${bad}/oauth_clients/${CLIENT}?x=1`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual(
        failureBody(
          7003,
          `Could not route to /accounts/${bad}/oauth_clients/${CLIENT}, perhaps your object identifier is invalid?`,
        ),
      );
    }
  });

  it('treats a trailing slash (an empty client id) as the list path', async () => {
    const emulator = await seeded();
    const list = await call(emulator, `${listPath()}/`);
    expect((list.json as { result: unknown[] }).result).toHaveLength(1);
    const del = await call(emulator, `${listPath()}/`, { method: 'DELETE' });
    expect(del.status).toBe(404);
    expect(emulator.clients(ACCOUNT)).toHaveLength(1);
  });

  it('keeps %2F inside one path segment and records the raw path', async () => {
    const emulator = await seeded();
    emulator.addClient(ACCOUNT, { client_id: 'team/a b', client_name: 'Slashed' });
    const encoded = await call(emulator, `${clientPath('team%2Fa%20b')}?probe=1`);
    expect(encoded.status).toBe(200);
    expect((encoded.json as { result: { client_name: string } }).result.client_name).toBe(
      'Slashed',
    );
    expect(emulator.requests.at(-1)?.rawPath).toBe(
      `/client/v4/accounts/${ACCOUNT}/oauth_clients/team%2Fa%20b?probe=1`,
    );
    const unencoded = await call(emulator, clientPath('team/a%20b'));
    expect(unencoded.status).toBe(404);
    expect(unencoded.json).toEqual(
      failureBody(
        7003,
        `Could not route to ${clientPath('team/a%20b')}, perhaps your object identifier is invalid?`,
      ),
    );
    const deleted = await call(emulator, clientPath('team%2Fa%20b'), { method: 'DELETE' });
    expect(deleted.text).toContain('"result":{"id":"team/a b"}');
    const malformed = await call(emulator, clientPath('%E0%A4%A'));
    expect(malformed.status).toBe(404);
  });

  it('verifies tokens and reports the key user on /user', async () => {
    const emulator = await start();
    const verify = await call(emulator, '/user/tokens/verify');
    const result = (verify.json as { result: { id: string; status: string } }).result;
    expect(verify.status).toBe(200);
    expect(result.status).toBe('active');
    expect(result.id).toMatch(/^[0-9a-f]{32}$/);
    const keyHeaders = { 'x-auth-email': 'ops@example.com', 'x-auth-key': 'global-key-1' };
    const user = await call(emulator, '/user', { headers: keyHeaders });
    expect(user.status).toBe(200);
    expect((user.json as { result: { email: string } }).result.email).toBe('ops@example.com');
    const keyVerify = await call(emulator, '/user/tokens/verify', { headers: keyHeaders });
    expect([keyVerify.status, keyVerify.json]).toEqual([
      400,
      failureBody(6003, 'Invalid request headers'),
    ]);
    const tokenUser = await call(emulator, '/user');
    expect([tokenUser.status, tokenUser.json]).toEqual([
      403,
      failureBody(10000, 'Authentication error'),
    ]);
  });

  it('verifies an account-owned token under its account only, as Cloudflare does', async () => {
    const emulator = await start({
      tokens: {
        ...BASE_OPTIONS.tokens,
        'tok-account': { accounts: [ACCOUNT], permissions: ['write'], owner: 'account' },
      },
    });
    const headers = { authorization: 'Bearer tok-account' };
    const user = await call(emulator, '/user/tokens/verify', { headers });
    expect([user.status, user.json]).toEqual([401, failureBody(1000, 'Invalid API Token')]);
    const account = await call(emulator, `/accounts/${ACCOUNT}/tokens/verify`, { headers });
    expect(account.status).toBe(200);
    expect((account.json as { result: { status: string } }).result.status).toBe('active');
    const elsewhere = await call(emulator, `/accounts/${OTHER_ACCOUNT}/tokens/verify`, { headers });
    expect(elsewhere.status).toBe(403);
    // A user-owned token is not verified under an account.
    const userOwned = await call(emulator, `/accounts/${ACCOUNT}/tokens/verify`);
    expect([userOwned.status, userOwned.json]).toEqual([
      401,
      failureBody(1000, 'Invalid API Token'),
    ]);
    // The account-owned token works on the OAuth client endpoints like any other.
    const list = await call(emulator, listPath(), { headers });
    expect(list.status).toBe(200);
  });

  it('creates a client and answers malformed JSON with the 400 envelope', async () => {
    const emulator = await start();
    const fields = {
      client_name: 'Created',
      redirect_uris: ['https://x.example/cb'],
      scopes: ['account.read'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
    const created = await call(emulator, listPath(), {
      method: 'POST',
      body: JSON.stringify(fields),
    });
    const result = (created.json as { result: Record<string, unknown> }).result;
    expect(created.status).toBe(200);
    expect(result).toMatchObject({ ...fields, visibility: 'private' });
    expect(result.client_secret).toEqual(expect.any(String));
    expect(emulator.clients(ACCOUNT).map((c) => c.client_id)).toEqual([result.client_id]);
    expect(emulator.clients(ACCOUNT)[0]).not.toHaveProperty('client_secret');

    const malformed = await call(emulator, listPath(), { method: 'POST', body: '{' });
    expect([malformed.status, malformed.json]).toEqual([
      400,
      failureBody(6007, 'Malformed JSON in request body'),
    ]);
  });

  it('refuses to seed clients into unknown accounts or accounts with bad ids', async () => {
    const emulator = await start();
    expect(() => emulator.addClient('f'.repeat(32))).toThrow(/unknown account/);
    expect(() => emulator.addAccount({ id: 'nope', name: 'x' })).toThrow(/32 lower-case hex/);
    emulator.addClient(ACCOUNT, { client_id: CLIENT });
    expect(() => emulator.addClient(ACCOUNT, { client_id: CLIENT })).toThrow(/already exists/);
  });
});

describe('authentication', () => {
  const cases: Array<[string, Record<string, string>, number, number, string]> = [
    ['no credentials', {}, 400, 9106, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers'],
    [
      'key without email',
      { 'x-auth-key': 'global-key-1' },
      400,
      9106,
      'Missing X-Auth-Email header',
    ],
    [
      'email without key',
      { 'x-auth-email': 'ops@example.com' },
      400,
      9106,
      'Missing X-Auth-Key header',
    ],
    [
      'token and key together',
      { ...WRITE, 'x-auth-email': 'ops@example.com', 'x-auth-key': 'global-key-1' },
      400,
      6003,
      'Invalid request headers',
    ],
    [
      'token and email',
      { ...WRITE, 'x-auth-email': 'ops@example.com' },
      400,
      6003,
      'Invalid request headers',
    ],
    [
      'token and key',
      { ...WRITE, 'x-auth-key': 'global-key-1' },
      400,
      6003,
      'Invalid request headers',
    ],
    ['unknown token', { authorization: 'Bearer nope' }, 403, 9109, 'Invalid access token'],
    [
      'wrong key',
      { 'x-auth-email': 'ops@example.com', 'x-auth-key': 'wrong' },
      403,
      9103,
      'Unknown X-Auth-Key or X-Auth-Email',
    ],
    [
      'wrong email',
      { 'x-auth-email': 'dev@example.com', 'x-auth-key': 'global-key-1' },
      403,
      9103,
      'Unknown X-Auth-Key or X-Auth-Email',
    ],
  ];

  for (const [name, headers, status, code, message] of cases) {
    it(`rejects ${name} with ${status} ${code}`, async () => {
      const emulator = await seeded();
      const answer = await call(emulator, clientPath(CLIENT), { method: 'DELETE', headers });
      expect([answer.status, answer.json]).toEqual([status, failureBody(code, message)]);
      expect(emulator.deleted).toEqual([]);
    });
  }

  const malformed: Array<[string, string]> = [
    ['Basic scheme', 'Basic dXNlcjpwYXNz'],
    ['lower-case bearer', 'bearer tok-write'],
    ['Bearer without token', 'Bearer'],
    ['token with a space', 'Bearer tok write'],
    ['token in double quotes', 'Bearer "tok-write"'],
    ['token in single quotes', "Bearer 'tok-write'"],
    ['Bearer twice', 'Bearer Bearer tok-write'],
  ];
  for (const [name, authorization] of malformed) {
    it(`rejects ${name} with 400 6003, 6111 chained`, async () => {
      const emulator = await seeded();
      const answer = await call(emulator, clientPath(CLIENT), {
        method: 'DELETE',
        headers: { authorization },
      });
      expect([answer.status, answer.json]).toEqual([400, MALFORMED_AUTHORIZATION]);
      expect(emulator.deleted).toEqual([]);
    });
  }

  it('checks auth on every route, unknown ones included', async () => {
    const emulator = await start();
    for (const path of ['/accounts', '/user/tokens/verify', '/no/such/route']) {
      const answer = await call(emulator, path, { headers: {} });
      expect(answer.status).toBe(400);
    }
  });

  it('refuses a token on an account outside its grant with 403 10000', async () => {
    const emulator = await seeded();
    emulator.addClient(OTHER_ACCOUNT, { client_id: CLIENT });
    const answer = await call(emulator, clientPath(CLIENT, OTHER_ACCOUNT), { method: 'DELETE' });
    expect([answer.status, answer.json]).toEqual([403, failureBody(10000, 'Authentication error')]);
    const unknown = await call(emulator, listPath('e'.repeat(32)), {
      headers: { authorization: 'Bearer tok-all' },
    });
    expect(unknown.status).toBe(403);
  });

  it('needs write to delete and read (or write) to read', async () => {
    const emulator = await seeded();
    const read = { authorization: 'Bearer tok-read' };
    const none = { authorization: 'Bearer tok-none' };
    const forbidden = [403, failureBody(10000, 'Authentication error')];
    const del = await call(emulator, clientPath(CLIENT), { method: 'DELETE', headers: read });
    expect([del.status, del.json]).toEqual(forbidden);
    expect((await call(emulator, listPath(), { headers: read })).status).toBe(200);
    expect((await call(emulator, clientPath(CLIENT), { headers: read })).status).toBe(200);
    const blind = await call(emulator, listPath(), { headers: none });
    expect([blind.status, blind.json]).toEqual(forbidden);
    expect((await call(emulator, listPath())).status).toBe(200);
    expect(emulator.deleted).toEqual([]);
  });

  it('gives a global key full permissions on its accounts only (email case-insensitive)', async () => {
    const emulator = await seeded();
    emulator.addClient(OTHER_ACCOUNT, { client_id: CLIENT });
    const key = { 'x-auth-email': 'OPS@example.com', 'x-auth-key': 'global-key-1' };
    const own = await call(emulator, clientPath(CLIENT, OTHER_ACCOUNT), {
      method: 'DELETE',
      headers: key,
    });
    expect(own.status).toBe(200);
    const foreign = await call(emulator, clientPath(CLIENT), { method: 'DELETE', headers: key });
    expect(foreign.status).toBe(403);
    expect(emulator.deleted.map((d) => d.accountId)).toEqual([OTHER_ACCOUNT]);
  });
});

describe('response headers', () => {
  it('sends JSON content-type, a unique cf-ray and rate-limit headers on every answer', async () => {
    const emulator = await seeded();
    const rays = new Set<string>();
    for (const headers of [WRITE, {}, { authorization: 'Bearer nope' }]) {
      const answer = await call(emulator, listPath(), { headers });
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
      expect(answer.headers.get('ratelimit-policy')).toBe('"default";q=1200;w=300');
      const ray = answer.headers.get('cf-ray') ?? '';
      expect(ray).toMatch(RAY);
      rays.add(ray);
    }
    expect(rays.size).toBe(3);
  });

  it('records every request with method, raw path, lower-cased headers and time', async () => {
    const emulator = await seeded();
    await call(emulator, `${listPath()}?a=1`, { headers: { ...WRITE, 'X-Trace': 't1' } });
    await call(emulator, clientPath(CLIENT), { method: 'DELETE', headers: {} });
    expect(emulator.requests.map((r) => [r.method, r.rawPath])).toEqual([
      ['GET', `/client/v4${listPath()}?a=1`],
      ['DELETE', `/client/v4${clientPath(CLIENT)}`],
    ]);
    expect(emulator.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer tok-write',
      'x-trace': 't1',
    });
    expect(emulator.requests[1]?.headers.authorization).toBeUndefined();
    expect(emulator.requests[1]?.at).toBeGreaterThanOrEqual(emulator.requests[0]?.at ?? Infinity);
  });

  it('keeps connections alive between requests', async () => {
    const emulator = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<boolean>((resolve, reject) => {
        const req = httpRequest(`${emulator.url}/accounts`, { agent, headers: WRITE }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.reusedSocket));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get()).toBe(false);
    expect(await get()).toBe(true);
    agent.destroy();
  });
});

describe('rate limiting', () => {
  function clock(start = 1_700_000_000_000) {
    let now = start;
    const advance = (seconds: number): void => {
      now += seconds * 1000;
    };
    return { now: () => now, advance };
  }

  it('counts down per credential, then answers 429 with Retry-After for the whole block', async () => {
    const time = clock();
    const emulator = await start({
      now: time.now,
      rateLimit: { quota: 3, windowSeconds: 10, blockSeconds: 30 },
    });
    const seen: Array<[number, string | null]> = [];
    const probe = async (headers: Record<string, string> = WRITE) => {
      const answer = await call(emulator, '/accounts', { headers });
      seen.push([answer.status, answer.headers.get('ratelimit')]);
      return answer;
    };
    await probe();
    time.advance(2.5);
    await probe();
    await probe();
    time.advance(1);
    const limited = await probe();
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.json).toEqual(
      failureBody(971, 'Please wait and consider throttling your request speed'),
    );
    time.advance(12); // the window is over, but the block is not
    const stillBlocked = await probe();
    expect(stillBlocked.headers.get('retry-after')).toBe('18');
    const otherToken = await probe({ authorization: 'Bearer tok-all' });
    expect(otherToken.headers.get('retry-after')).toBeNull();
    time.advance(18);
    await probe();
    expect(seen).toEqual([
      [200, '"default";r=2;t=10'],
      [200, '"default";r=1;t=8'],
      [200, '"default";r=0;t=8'],
      [429, '"default";r=0;t=30'],
      [429, '"default";r=0;t=18'],
      [200, '"default";r=2;t=10'],
      [200, '"default";r=2;t=10'],
    ]);
    expect(limited.headers.get('ratelimit-policy')).toBe('"default";q=3;w=10');
  });

  it('refuses a delete while blocked without performing it', async () => {
    const time = clock();
    const emulator = await seeded({ now: time.now, rateLimit: { quota: 1, windowSeconds: 5 } });
    await call(emulator, listPath());
    const blocked = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect([blocked.status, blocked.headers.get('retry-after')]).toEqual([429, '5']);
    expect(emulator.deleted).toEqual([]);
    time.advance(5);
    expect((await call(emulator, clientPath(CLIENT), { method: 'DELETE' })).status).toBe(200);
  });

  it('starts a fresh window once the previous one ends (real clock)', async () => {
    const emulator = await start({ rateLimit: { quota: 2, windowSeconds: 1 } });
    await call(emulator, '/accounts');
    expect((await call(emulator, '/accounts')).headers.get('ratelimit')).toBe('"default";r=0;t=1');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    const fresh = await call(emulator, '/accounts');
    expect([fresh.status, fresh.headers.get('ratelimit')]).toEqual([200, '"default";r=1;t=1']);
  });

  it('sliding windows: each request leaves the budget a window after it was counted', async () => {
    const time = clock();
    const emulator = await start({
      now: time.now,
      rateLimit: { quota: 3, windowSeconds: 10, window: 'sliding' },
    });
    const seen: Array<[number, string | null]> = [];
    const probe = async () => {
      const answer = await call(emulator, '/accounts', { headers: WRITE });
      seen.push([answer.status, answer.headers.get('ratelimit')]);
    };
    await probe(); // counted at 0
    time.advance(2.5);
    await probe(); // 2.5
    await probe(); // 2.5
    time.advance(7.5); // 10: the first has left, the others not yet
    await probe();
    time.advance(2.4); // 12.4: still three in the budget
    await probe();
    expect(seen).toEqual([
      [200, '"default";r=2;t=10'],
      [200, '"default";r=1;t=8'],
      [200, '"default";r=0;t=8'],
      [200, '"default";r=0;t=3'],
      [429, '"default";r=0;t=10'],
    ]);
  });

  it('uses the real defaults: 1200 per 300 s', async () => {
    const emulator = await start();
    const answer = await call(emulator, '/accounts');
    expect(answer.headers.get('ratelimit')).toBe('"default";r=1199;t=300');
    expect(answer.headers.get('ratelimit-policy')).toBe('"default";q=1200;w=300');
  });
});

describe('faults', () => {
  it('answers with a Cloudflare HTML error page', async () => {
    const emulator = await seeded();
    emulator.fault({ html: true });
    const answer = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.headers.get('cf-ray')).toMatch(RAY);
    expect(answer.text).toBe(
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>' +
        '</center><hr><center>cloudflare</center></body></html>',
    );
    expect(emulator.deleted).toEqual([]);
    expect((await call(emulator, clientPath(CLIENT), { method: 'DELETE' })).status).toBe(200);
  });

  it('sends a custom response verbatim: object bodies as JSON, strings as-is', async () => {
    const emulator = await seeded();
    const body = {
      success: false,
      errors: [{ code: 10001, message: 'odd' }],
      messages: [],
      result: null,
    };
    emulator.fault({ status: 200, body });
    emulator.fault({
      status: 503,
      headers: { 'content-type': 'text/plain', 'x-why': 'maintenance' },
      body: 'down',
    });
    const first = await call(emulator, listPath());
    expect([first.status, first.json]).toEqual([200, body]);
    expect(first.headers.get('cf-ray')).toBeNull();
    const second = await call(emulator, listPath());
    expect([second.status, second.text, second.headers.get('x-why')]).toEqual([
      503,
      'down',
      'maintenance',
    ]);
    expect(second.headers.get('content-type')).toBe('text/plain');
    expect(emulator.requests).toHaveLength(2);
  });

  it('applies faults only to matching requests, in registration order, `times` times', async () => {
    const emulator = await seeded();
    emulator.fault({ match: { method: 'delete' }, status: 500, body: 'first', times: 2 });
    emulator.fault({ match: { pathIncludes: CLIENT }, status: 409, body: 'second' });
    emulator.fault({ match: { pathIncludes: '/nowhere' }, status: 418 });
    const list = await call(emulator, listPath());
    expect(list.status).toBe(200);
    const statuses: number[] = [];
    for (const method of ['DELETE', 'DELETE', 'GET', 'GET']) {
      statuses.push((await call(emulator, clientPath(CLIENT), { method })).status);
    }
    expect(statuses).toEqual([500, 500, 409, 200]);
    emulator.clearFaults();
    emulator.fault({ match: { pathIncludes: '/nowhere' }, status: 418 });
    emulator.clearFaults();
    expect((await call(emulator, '/nowhere')).status).toBe(404);
  });

  it('delays, then answers normally', async () => {
    const emulator = await seeded();
    emulator.fault({ delayMs: 150 });
    const started = performance.now();
    const answer = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.status).toBe(200);
    expect(emulator.deleted).toHaveLength(1);
  });

  it('delays, then sends the custom response', async () => {
    const emulator = await seeded();
    emulator.fault({ delayMs: 100, html: true, status: 504 });
    const started = performance.now();
    const answer = await call(emulator, listPath());
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(answer.status).toBe(504);
    expect(answer.text).toContain('<title>504 Gateway Time-out</title>');
  });

  it('resets the connection without an answer or an effect', async () => {
    const emulator = await seeded();
    emulator.fault({ reset: true });
    await expect(call(emulator, clientPath(CLIENT), { method: 'DELETE' })).rejects.toThrow();
    expect(emulator.deleted).toEqual([]);
    expect(emulator.clients(ACCOUNT)).toHaveLength(1);
    expect(emulator.requests).toHaveLength(1);
  });

  it('applyThenReset deletes for real, then resets: the outcome is unknown to the client', async () => {
    const emulator = await seeded();
    emulator.fault({ match: { method: 'DELETE' }, applyThenReset: true });
    await expect(call(emulator, clientPath(CLIENT), { method: 'DELETE' })).rejects.toThrow();
    expect(emulator.deleted).toEqual([
      { accountId: ACCOUNT, clientId: CLIENT, at: expect.any(Number) },
    ]);
    expect(emulator.clients(ACCOUNT)).toEqual([]);
    const retry = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect([retry.status, retry.json]).toEqual([404, failureBody(7003, 'OAuth client not found')]);
  });

  it('answerEmpty deletes for real and answers 204 (or 200) with no body', async () => {
    const emulator = await seeded();
    const other = emulator.addClient(ACCOUNT).client_id;
    emulator.fault({ match: { method: 'DELETE' }, answerEmpty: 204 });
    emulator.fault({ match: { method: 'DELETE' }, answerEmpty: 200 });
    const noContent = await call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    expect([noContent.status, noContent.text, noContent.headers.get('content-type')]).toEqual([
      204,
      '',
      null,
    ]);
    const empty = await call(emulator, clientPath(other), { method: 'DELETE' });
    expect([empty.status, empty.text, empty.headers.get('content-type')]).toEqual([200, '', null]);
    expect(emulator.deleted.map((d) => d.clientId)).toEqual([CLIENT, other]);
  });

  it('hangs until the client gives up', async () => {
    const emulator = await seeded();
    emulator.fault({ hang: true });
    const gaveUp = fetch(`${emulator.url}${listPath()}`, {
      headers: WRITE,
      signal: AbortSignal.timeout(100),
    });
    await expect(gaveUp).rejects.toThrow(/timeout|aborted/i);
    expect((await call(emulator, listPath())).status).toBe(200);
  });

  it('close() ends hung requests and resolves promptly', async () => {
    const emulator = await startEmulator(BASE_OPTIONS);
    emulator.fault({ hang: true, times: 2 });
    const hung = [call(emulator, '/accounts'), call(emulator, '/accounts')];
    const settled = Promise.allSettled(hung);
    while (emulator.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await emulator.close();
    const results = await settled;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await emulator.close(); // idempotent
  });

  it('close() cancels pending delays', async () => {
    const emulator = await startEmulator(BASE_OPTIONS);
    emulator.addClient(ACCOUNT, { client_id: CLIENT });
    emulator.fault({ delayMs: 60_000 });
    const pending = call(emulator, clientPath(CLIENT), { method: 'DELETE' });
    while (emulator.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    await emulator.close();
    await expect(pending).rejects.toThrow();
    expect(emulator.deleted).toEqual([]);
  });
});
