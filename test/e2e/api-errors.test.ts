/**
 * The API's errors as they really come (issue 11, findings 4 and 5): several entries, nested
 * error_chain, entries without a message or with an object one, hostile bytes and secrets inside
 * them; and the advice a refused credential gets, from the API's codes.
 */
import { describe, expect, it } from 'vitest';
import { MALFORMED_AUTHORIZATION } from '../emulator/envelope.js';
import { runBin, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, ACCOUNT_TOKEN, TERMINAL_ACTIVE, TOKEN, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** An answer crafted to attack the terminal and to echo the credential back. */
const HOSTILE = {
  success: false,
  errors: [
    {
      code: 1001,
      message: 'first\u001b[2J problem',
      documentation_url: 'https://developers.cloudflare.com/\u001b]8;;https://evil.example\u0007x',
      error_chain: [
        {
          code: 1002,
          message: 'cause\r\nerror: forged line',
          error_chain: [{ code: 1003 }],
        },
      ],
    },
    { code: 1004, message: `sent Bearer ${TOKEN} \u202eevil` },
    { code: 1000 },
    { code: 1005, message: { detail: `x\u009b31m ${TOKEN}` } },
  ],
  messages: [{ code: 1, message: `token ${TOKEN} seen` }],
  result: null,
};

describe('every entry of an API error, escaped and redacted', () => {
  it('text: each entry, each chain indented under its parent, nothing raw', async () => {
    const id = api.newClient();
    api.emulator.fault({ match: { method: 'DELETE' }, status: 409, body: HOSTILE });
    const run = await runBin(['delete', id, '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: first\\u001b[2J problem (code 1001)\n' +
        '  see https://developers.cloudflare.com/\\u001b]8;;https://evil.example\\u0007x\n' +
        '    cause\\r\\nerror: forged line (code 1002)\n' +
        '      (no message) (code 1003)\n' +
        '  sent Bearer [REDACTED] \\u202eevil (code 1004)\n' +
        '  (no message) (code 1000)\n' +
        '  {"detail":"x\\u009b31m [REDACTED]"} (code 1005)\n' +
        '  HTTP 409\n',
    );
  });

  it('--json: the API errors and messages structurally, secrets redacted, no raw control bytes', async () => {
    const id = api.newClient();
    api.emulator.fault({ match: { method: 'DELETE' }, status: 409, body: HOSTILE });
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--json'], { env: api.env });

    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(TERMINAL_ACTIVE);
    const document = JSON.parse(run.stdout);
    const redacted = JSON.parse(
      JSON.stringify(HOSTILE)
        .replaceAll(`Bearer ${TOKEN}`, 'Bearer [REDACTED]')
        .replaceAll(TOKEN, '[REDACTED]'),
    );
    expect(document.errors).toEqual(redacted.errors);
    expect(document.messages).toEqual(redacted.messages);
    expect(document.error.message).toBe('first\\u001b[2J problem (code 1001)');
  });

  it('--verbose and batches: the same, on every stream', async () => {
    const ids = [api.newClient(), api.newClient()];
    api.emulator.fault({ match: { method: 'DELETE' }, status: 409, body: HOSTILE, times: 2 });
    const verbose = await runInProcess(['delete', ids[0] ?? '', '-a', ACCOUNT, '-v'], {
      env: api.env,
    });
    const batch = await runInProcess(['delete', ...ids, '-a', ACCOUNT, '--json'], {
      env: api.env,
    });
    for (const run of [verbose, batch]) {
      expect(run.code).toBe(1);
      expect(run.stdout).not.toMatch(TERMINAL_ACTIVE);
      expect(run.stderr).not.toMatch(TERMINAL_ACTIVE);
    }
    expect(verbose.stderr).toContain('  sent Bearer [REDACTED] \\u202eevil (code 1004)\n');
    expect(JSON.parse(batch.stdout).results[0].errors[1].message).toBe(
      'sent Bearer [REDACTED] \u202eevil',
    );
  });
});

describe('credential advice from the code, then the status', () => {
  it.each([
    [400, MALFORMED_AUTHORIZATION],
    [403, { success: false, errors: [{ code: 9109, message: 'Invalid access token' }] }],
    [401, { success: false, errors: [{ code: 10000, message: 'Invalid API Token' }] }],
    [
      403,
      {
        success: false,
        errors: [
          {
            code: 10000,
            message: 'Authentication error',
            error_chain: [{ code: 9109, message: 'Invalid access token' }],
          },
        ],
      },
    ],
  ])('HTTP %i %j: the token is invalid, exit 3, naming its source', async (status, body) => {
    const id = api.newClient();
    api.emulator.fault({ match: { method: 'DELETE' }, status, body });
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--no-color'], {
      env: api.env,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('  credential: API token from CLOUDFLARE_API_TOKEN\n');
    expect(run.stderr).toContain('  hint: the token is invalid, expired or malformed\n');
    expect(run.stderr).not.toContain('permission');
  });

  it('a 400 6003 shows its chain with codes', async () => {
    const id = api.newClient();
    api.emulator.fault({ match: { method: 'DELETE' }, status: 400, body: MALFORMED_AUTHORIZATION });
    const run = await runInProcess(['delete', id, '-a', ACCOUNT], { env: api.env });
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([
      'error: Invalid request headers (code 6003)',
      '    Invalid format for Authorization header (code 6111)',
    ]);
  });

  it('an unknown token during account detection: invalid, not "give the account"', async () => {
    const env = { ...api.env, CLOUDFLARE_API_TOKEN: 'canary-unknown-token' };
    const run = await runInProcess(['list', '--no-color'], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'error: Invalid access token (code 9109)\n' +
        `  HTTP 403, cf-ray ${run.stderr.match(/cf-ray (\S+)/)?.[1]}\n` +
        '  credential: API token from CLOUDFLARE_API_TOKEN\n' +
        '  hint: the token is invalid, expired or malformed\n',
    );
  });

  it('a missing permission (10000 "Authentication error") still names the permission', async () => {
    const id = api.newClient();
    api.emulator.fault({
      match: { method: 'DELETE' },
      status: 403,
      body: { success: false, errors: [{ code: 10000, message: 'Authentication error' }] },
    });
    const run = await runInProcess(['delete', id, '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      '  hint: the credential needs the "OAuth Client Write" permission on this account\n',
    );
  });

  it('a 400 about something else is no credential problem (exit 1)', async () => {
    const id = api.newClient();
    api.emulator.fault({
      match: { method: 'DELETE' },
      status: 400,
      body: { success: false, errors: [{ code: 1001, message: 'Invalid field' }] },
    });
    const run = await runInProcess(['delete', id, '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('credential:');
  });
});

describe('a token as it often arrives: "Bearer …", in quotes, with a space', () => {
  it.each([
    [`Bearer ${TOKEN}`, 'starts with "Bearer "'],
    [`"${TOKEN}"`, 'is in quotes'],
    [`'${TOKEN}'`, 'is in quotes'],
    [`"Bearer ${TOKEN}"`, 'is in quotes and starts with "Bearer "'],
  ])('%s: stripped with a warning naming the source, and the delete works', async (value, what) => {
    const id = api.newClient();
    const env = { ...api.env, CLOUDFLARE_API_TOKEN: value };
    const run = await runBin(['delete', id, '-a', ACCOUNT], { env });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(run.stderr).toBe(
      `warning: the API token from CLOUDFLARE_API_TOKEN ${what}; cf-oauth uses the token without ` +
        '(it sends "Authorization: Bearer <token>" itself): fix CLOUDFLARE_API_TOKEN\n',
    );
    expect(api.emulator.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  it('a space inside the token: exit 2, nothing sent, the value never shown', async () => {
    const id = api.newClient();
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--api-token', `${TOKEN} x`], {
      env: { CLOUDFLARE_API_BASE_URL: api.emulator.url },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: the API token from --api-token contains a space; an API token is one word\n' +
        '  hint: copy the token again: only its value, without a name or a second word\n',
    );
    expect(api.emulator.requests).toEqual([]);
  });
});

describe('config --check and account-owned tokens', () => {
  const env = () => ({
    CLOUDFLARE_API_TOKEN: ACCOUNT_TOKEN,
    ...api.endpointEnv,
  });

  it('falls back to GET /accounts/{id}/tokens/verify and says the token is account-owned', async () => {
    const run = await runBin(['config', '--check', '-a', ACCOUNT], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      new RegExp(
        `✓ the API accepts the API token from CLOUDFLARE_API_TOKEN \\(account-owned token; GET /accounts/${ACCOUNT}/tokens/verify: HTTP 200\\)\n$`,
      ),
    );
    expect(api.emulator.requests.map((r) => `${r.method} ${r.rawPath} ${r.status}`)).toEqual([
      'GET /client/v4/user/tokens/verify 401',
      `GET /client/v4/accounts/${ACCOUNT}/tokens/verify 200`,
    ]);

    const json = await runInProcess(['config', '--check', '-a', ACCOUNT, '--json'], {
      env: env(),
    });
    expect(JSON.parse(json.stdout).check).toEqual({
      ok: true,
      request: `GET /accounts/${ACCOUNT}/tokens/verify`,
      status: 200,
      credential: 'API token from CLOUDFLARE_API_TOKEN',
      token_kind: 'account-owned',
    });
  });

  it('a user-owned token says so', async () => {
    const json = await runInProcess(['config', '--check', '-a', ACCOUNT, '--json'], {
      env: api.env,
    });
    expect(JSON.parse(json.stdout).check.token_kind).toBe('user-owned');
    expect(api.emulator.requests).toHaveLength(1);
  });

  it('without an account: exit 3, saying how an account-owned token is checked', async () => {
    const run = await runInProcess(['config', '--check', '--no-color'], { env: env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('error: Invalid API Token (code 1000)\n');
    expect(run.stderr).toContain(
      'an account-owned token is verified under its account: give it with --account\n',
    );
  });

  it('the same token deletes a client', async () => {
    const id = api.newClient();
    const run = await runInProcess(['delete', id, '-a', ACCOUNT], { env: env() });
    expect([run.code, run.stdout]).toEqual([0, `${id}\n`]);
  });
});
