/** The emulator's create, update and rotate_secret calls, held to the OpenAPI slice. */
import { afterEach, describe, expect, it } from 'vitest';
import { PREVIEW_CLIENT_BODY } from '../helpers/documents.js';
import { type Emulator, startEmulator } from './server.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const AUTH = { authorization: 'Bearer tok', 'content-type': 'application/json' };

const VALID = PREVIEW_CLIENT_BODY;

const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(now?: () => number): Promise<Emulator> {
  const emulator = await startEmulator({
    accounts: [{ id: ACCOUNT, name: 'Acme' }],
    tokens: { tok: { accounts: [ACCOUNT], permissions: ['read', 'write'] } },
    secretPrefix: 'canary-client-secret-',
    ...(now ? { now } : {}),
  });
  running.push(emulator);
  return emulator;
}

interface Envelope {
  success: boolean;
  errors: Array<{ code: number; message: string; source?: { pointer: string } }>;
  result: Record<string, unknown> | null;
}

async function call(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Envelope }> {
  const response = await fetch(`${emulator.url}/accounts/${ACCOUNT}/oauth_clients${path}`, {
    method,
    headers: AUTH,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Envelope };
}

function refusal(field: string, message: string) {
  return {
    status: 400,
    json: {
      success: false,
      errors: [{ code: 1001, message, source: { pointer: `/${field}` } }],
      messages: [],
      result: null,
    },
  };
}

describe('create (POST /oauth_clients)', () => {
  it('creates a private client with timestamps and returns its secret once', async () => {
    const emulator = await start(() => Date.parse('2026-11-30T06:30:00.250Z'));
    const { status, json } = await call(emulator, 'POST', '', VALID);
    expect(status).toBe(200);
    const result = json.result as Record<string, unknown>;
    expect(result).toMatchObject({
      ...VALID,
      visibility: 'private',
      has_rotated_secret: false,
      created_at: '2026-11-30T06:30:00Z',
      updated_at: '2026-11-30T06:30:00Z',
    });
    expect(result.client_id).toMatch(/^[0-9a-f]{32}$/);
    expect(result.client_secret).toMatch(/^canary-client-secret-[\w-]{32}$/);
    expect(emulator.secretsOf(String(result.client_id))).toEqual({
      current: result.client_secret,
    });
    const listed = await call(emulator, 'GET', '');
    expect(listed.json.result).toEqual([
      expect.not.objectContaining({ client_secret: expect.anything() }),
    ]);
    expect(JSON.stringify(listed.json)).not.toContain(String(result.client_secret));
    expect(emulator.requests.at(-2)?.body).toBe(JSON.stringify(VALID));
  });

  it('generates a different secret for every client', async () => {
    const emulator = await start();
    const a = await call(emulator, 'POST', '', VALID);
    const b = await call(emulator, 'POST', '', VALID);
    expect(a.json.result?.client_secret).not.toBe(b.json.result?.client_secret);
  });

  it.each([
    'client_name',
    'grant_types',
    'redirect_uris',
    'response_types',
    'scopes',
    'token_endpoint_auth_method',
  ])('refuses a create without %s, naming it', async (field) => {
    const emulator = await start();
    const body: Record<string, unknown> = { ...VALID };
    delete body[field];
    expect(await call(emulator, 'POST', '', body)).toEqual(refusal(field, `${field} is required`));
    expect(emulator.clients(ACCOUNT)).toEqual([]);
  });

  it.each([
    [
      'grant_types',
      ['authorization_code', 'implicit'],
      'grant_types: "implicit" is not one of authorization_code, refresh_token',
    ],
    ['grant_types', ['refresh_token'], 'grant_types must include authorization_code'],
    [
      'response_types',
      ['code', 'device'],
      'response_types: "device" is not one of token, id_token, code',
    ],
    [
      'token_endpoint_auth_method',
      'private_key_jwt',
      'token_endpoint_auth_method: "private_key_jwt" is not one of none, client_secret_basic, client_secret_post',
    ],
    ['client_name', 42, 'client_name must be a string'],
    ['client_name', '  ', 'client_name must not be empty'],
    ['scopes', 'account.read', 'scopes must be an array of strings'],
    ['scopes', [], 'scopes must not be empty'],
    ['scopes', ['account:read'], 'scopes: colon-delimited scope "account:read" is not accepted'],
    ['scopes', ['nothing.here'], 'scopes: "nothing.here" is not an available OAuth API scope'],
    ['redirect_uris', [], 'redirect_uris must not be empty'],
    ['redirect_uris', ['/callback'], 'redirect_uris: "/callback" is not an absolute URL'],
    ['logo_uri', 'logo.png', 'logo_uri: "logo.png" is not an absolute URL'],
  ])('refuses %s = %j, naming the field', async (field, value, message) => {
    const emulator = await start();
    expect(await call(emulator, 'POST', '', { ...VALID, [field]: value })).toEqual(
      refusal(field, message),
    );
  });

  it('refuses unknown and read-only fields', async () => {
    const emulator = await start();
    expect(await call(emulator, 'POST', '', { ...VALID, redirect_uri: 'x' })).toEqual(
      refusal('redirect_uri', 'redirect_uri is not a known field'),
    );
    expect(await call(emulator, 'POST', '', { ...VALID, client_id: 'a'.repeat(32) })).toEqual(
      refusal('client_id', 'client_id is not a known field'),
    );
    expect(await call(emulator, 'POST', '', { ...VALID, visibility: 'public' })).toEqual(
      refusal('visibility', 'visibility is not a known field'),
    );
  });

  it('manages offline_access and openid from grant and response types', async () => {
    const emulator = await start();
    const { json } = await call(emulator, 'POST', '', {
      ...VALID,
      scopes: ['account.read', 'openid'],
      grant_types: ['authorization_code', 'refresh_token'],
    });
    expect(json.result?.scopes).toEqual(['account.read', 'offline_access']);
  });

  it('starts the verification of a client_uri host', async () => {
    const emulator = await start();
    const { json } = await call(emulator, 'POST', '', {
      ...VALID,
      client_uri: 'https://a.example',
    });
    expect(json.result?.client_uri_verification).toEqual({
      status: 'pending',
      text: expect.stringMatching(/^cloudflare_oauth_client_publisher=[0-9a-f]{16}$/),
    });
  });

  it('applyThenReset creates the client but the answer never arrives', async () => {
    const emulator = await start();
    emulator.fault({ match: { method: 'POST' }, applyThenReset: true });
    await expect(call(emulator, 'POST', '', VALID)).rejects.toThrow();
    expect(emulator.clients(ACCOUNT).map((c) => c.client_name)).toEqual([VALID.client_name]);
  });
});

describe('update (PATCH /oauth_clients/{id})', () => {
  it('changes only the fields given and sets updated_at', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const emulator = await start(() => now);
    const id = String((await call(emulator, 'POST', '', VALID)).json.result?.client_id);
    now += 60_000;
    const { status, json } = await call(emulator, 'PATCH', `/${id}`, {
      redirect_uris: ['https://b.example/cb'],
    });
    expect(status).toBe(200);
    expect(json.result).toMatchObject({
      ...VALID,
      redirect_uris: ['https://b.example/cb'],
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:01:00Z',
    });
  });

  it('refuses unknown fields, bad values and demotion, and 404s a missing client', async () => {
    const emulator = await start();
    const id = String((await call(emulator, 'POST', '', VALID)).json.result?.client_id);
    expect(await call(emulator, 'PATCH', `/${id}`, { client_secret: 'x' })).toEqual(
      refusal('client_secret', 'client_secret is not a known field'),
    );
    expect(await call(emulator, 'PATCH', `/${id}`, { visibility: 'private' })).toEqual(
      refusal('visibility', 'visibility: "private" is not one of public'),
    );
    expect(await call(emulator, 'PATCH', `/${id}`, { response_types: ['nope'] })).toEqual(
      refusal('response_types', 'response_types: "nope" is not one of token, id_token, code'),
    );
    expect((await call(emulator, 'PATCH', `/${'f'.repeat(32)}`, {})).status).toBe(404);
  });

  it('promotes to public only with a name, a logo, a verified host and an API scope', async () => {
    const emulator = await start();
    const base = { client_name: 'Pub', scopes: ['account.read'] };
    const noLogo = emulator.addClient(ACCOUNT, base).client_id;
    expect(await call(emulator, 'PATCH', `/${noLogo}`, { visibility: 'public' })).toEqual(
      refusal('visibility', 'visibility: promotion needs a logo_uri'),
    );
    const unverified = emulator.addClient(ACCOUNT, {
      ...base,
      logo_uri: 'https://l.example/l.png',
    });
    expect(
      await call(emulator, 'PATCH', `/${unverified.client_id}`, { visibility: 'public' }),
    ).toEqual(refusal('visibility', 'visibility: promotion needs a verified client_uri host'));
    const identityOnly = emulator.addClient(ACCOUNT, {
      ...base,
      scopes: ['profile'],
      logo_uri: 'https://l.example/l.png',
      client_uri_verification: { status: 'verified' },
    });
    expect(
      await call(emulator, 'PATCH', `/${identityOnly.client_id}`, { visibility: 'public' }),
    ).toEqual(refusal('visibility', 'visibility: promotion needs at least one non-identity scope'));
    const ready = emulator.addClient(ACCOUNT, {
      ...base,
      logo_uri: 'https://l.example/l.png',
      client_uri_verification: { status: 'verified' },
    });
    const promoted = await call(emulator, 'PATCH', `/${ready.client_id}`, { visibility: 'public' });
    expect(promoted.json.result).toMatchObject({
      visibility: 'public',
      promoted_at: expect.any(String),
    });
  });
});

describe('rotate_secret (POST and DELETE)', () => {
  it('rotates, keeps the old secret until the rotation is finished, then revokes it', async () => {
    const emulator = await start();
    const created = (await call(emulator, 'POST', '', VALID)).json.result as Record<string, string>;
    const id = String(created.client_id);
    const rotated = await call(emulator, 'POST', `/${id}/rotate_secret`);
    expect(rotated.status).toBe(200);
    const secret = String(rotated.json.result?.client_secret);
    expect(secret).toMatch(/^canary-client-secret-/);
    expect(secret).not.toBe(created.client_secret);
    expect(emulator.secretsOf(id)).toEqual({ current: secret, previous: created.client_secret });
    expect((await call(emulator, 'GET', `/${id}`)).json.result?.has_rotated_secret).toBe(true);

    const finished = await call(emulator, 'DELETE', `/${id}/rotate_secret`);
    expect([finished.status, finished.json.result]).toEqual([200, { id }]);
    expect(emulator.secretsOf(id)).toEqual({ current: secret });
    expect((await call(emulator, 'GET', `/${id}`)).json.result?.has_rotated_secret).toBe(false);

    const again = await call(emulator, 'DELETE', `/${id}/rotate_secret`);
    expect([again.status, again.json.errors]).toEqual([
      400,
      [{ code: 1002, message: 'The OAuth client has no rotated secret to delete' }],
    ]);
  });

  it('404s both calls for a client that does not exist', async () => {
    const emulator = await start();
    const missing = `/${'e'.repeat(32)}/rotate_secret`;
    expect((await call(emulator, 'POST', missing)).status).toBe(404);
    expect((await call(emulator, 'DELETE', missing)).status).toBe(404);
  });
});
