/**
 * `cf-oauth config [--check]`: every setting with its source, secrets masked, the rc files
 * searched, warnings and problems; --check asks the emulator about the credential.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, EMAIL, expectNoSecrets, KEY, TOKEN, useEmulator } from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

const api = useEmulator();
const LOCAL_URL = 'http://127.0.0.1:8787/client/v4';

/** The rc search from `~/work`, as the report shows it. */
function searched(upTo = 9): string {
  const places = [
    ...['~/work', '~'].flatMap((dir) =>
      ['.cfoauthrc', '.cfoauthrc.json', '.cfoauthrc.yaml', '.cfoauthrc.yml'].map(
        (name) => `${dir}/${name}`,
      ),
    ),
    '~/.config/cfoauth/config',
  ].slice(0, upTo);
  return `rc files searched, in order:\n${places.map((place) => `  ${place}\n`).join('')}`;
}

describe('cf-oauth config', () => {
  it('shows each setting with its source, the token masked, and sends nothing', async () => {
    const run = await runBin(['config'], {
      env: {
        CLOUDFLARE_API_TOKEN: TOKEN,
        CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
        CLOUDFLARE_API_BASE_URL: LOCAL_URL,
      },
    });

    expect(run).toEqual({
      code: 0,
      stdout:
        `account ID  ${ACCOUNT}  from CLOUDFLARE_ACCOUNT_ID\n` +
        'API token   ****7e5b                          from CLOUDFLARE_API_TOKEN\n' +
        `base URL    ${LOCAL_URL}   from CLOUDFLARE_API_BASE_URL\n` +
        'profile     (not set)\n' +
        'rc file     (none found)\n' +
        '\n' +
        searched(),
      stderr: '',
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('names the rc file and profile, masks the key and email, and warns about permissions', async () => {
    const place = makeHome();
    const rc = join(place.home, '.cfoauthrc');
    writeFileSync(
      rc,
      JSON.stringify({
        accountId: ACCOUNT,
        profiles: { prod: { apiKey: KEY, email: EMAIL, baseUrl: 'https://api.example.test/v4' } },
      }),
    );
    chmodSync(rc, 0o644);
    const run = await runBin(['config', '--profile', 'prod'], { ...place });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `account ID  ${ACCOUNT}  from ~/.cfoauthrc\n` +
        'API key     ****a194                          from ~/.cfoauthrc, profile prod\n' +
        'email       ****.com                          from ~/.cfoauthrc, profile prod\n' +
        'base URL    https://api.example.test/v4       from ~/.cfoauthrc, profile prod\n' +
        'profile     prod                              from --profile\n' +
        'rc file     ~/.cfoauthrc\n' +
        '\n' +
        searched(5) +
        '\n' +
        `warning: ~/.cfoauthrc holds a secret and is readable by other users; run: chmod 600 ${rc}\n`,
    );
  });

  it('warns about credentials that are set but lose to the one in use', async () => {
    const run = await runBin(['config', '--api-token', 'canary-flag-token-0000'], {
      env: {
        CLOUDFLARE_API_TOKEN: TOKEN,
        CLOUDFLARE_API_KEY: KEY,
        CLOUDFLARE_EMAIL: EMAIL,
        CLOUDFLARE_API_BASE_URL: LOCAL_URL,
      },
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('API token   ****0000                         from --api-token\n');
    expect(run.stdout).toContain(
      '\n' +
        'warning: API token from CLOUDFLARE_API_TOKEN is not used: cf-oauth uses the API token from --api-token\n' +
        'warning: API key from CLOUDFLARE_API_KEY is not used: cf-oauth uses the API token from --api-token\n' +
        'warning: email from CLOUDFLARE_EMAIL is not used: cf-oauth uses the API token from --api-token\n',
    );
    expect(run.stdout).not.toContain('canary-flag-token-0000');
  });

  it('reports what would stop every command, and exits 2', async () => {
    const run = await runBin(['config', '--account', 'nope', '--base-url', 'http://example.com'], {
      env: { CLOUDFLARE_API_KEY: KEY },
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('API key     ****a194            from CLOUDFLARE_API_KEY\n');
    expect(run.stdout).toMatch(
      new RegExp(
        '\\n\\n' +
          'error: API key from CLOUDFLARE_API_KEY has no email: set CLOUDFLARE_EMAIL \\(or CF_API_EMAIL\\)\\n' +
          'error: the account ID from --account must be 32 hexadecimal characters, not "nope"\\n' +
          '  hint: the account ID is in the Cloudflare dashboard URL: dash.cloudflare.com/<account ID>\\n' +
          'error: the base URL from --base-url must use https: \\(http: is allowed only for localhost\\)\\n' +
          '  hint: over http the API credential would cross the network in cleartext\\n$',
      ),
    );
  });

  it('says how to give a credential when there is none', async () => {
    const run = await runBin(['config'], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      'account ID  (not set)                             looked up with GET /accounts when a command needs it\n' +
        'API token   (not set)\n' +
        'base URL    https://api.cloudflare.com/client/v4  (default)\n',
    );
    expect(run.stdout).toContain(
      '\nerror: no API credential found\n  hint: pass --api-token, set CLOUDFLARE_API_TOKEN, or put "apiToken" in an rc file',
    );
  });

  it('prints one JSON document with --json', async () => {
    const run = await runBin(['config', '--json'], {
      env: {
        CLOUDFLARE_API_TOKEN: TOKEN,
        CLOUDFLARE_API_BASE_URL: LOCAL_URL,
        CLOUDFLARE_EMAIL: EMAIL,
      },
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      settings: {
        account_id: null,
        api_token: { value: '****7e5b', source: 'CLOUDFLARE_API_TOKEN' },
        base_url: { value: LOCAL_URL, source: 'CLOUDFLARE_API_BASE_URL' },
        profile: null,
      },
      rc_file: null,
      searched: searched()
        .split('\n')
        .slice(1, -1)
        .map((line) => line.trim()),
      warnings: [
        'email from CLOUDFLARE_EMAIL is not used: cf-oauth uses the API token from CLOUDFLARE_API_TOKEN',
      ],
      problems: [],
      check: null,
    });
  });

  it('exits 2 with the reason when the rc file cannot be read', async () => {
    const place = makeHome();
    writeFileSync(join(place.home, '.cfoauthrc.json'), '{"apiToken": ');
    const run = await runBin(['config'], { ...place });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: ~/.cfoauthrc.json: invalid JSON at line 1, column 14\n',
    });
  });

  it('ends --help with examples', async () => {
    const run = await runBin(['config', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  --check  ');
    expect(run.stdout).toMatch(/\nExamples:\n( {2}\$ cf-oauth config.*\n)+$/);
  });
});

describe('cf-oauth config --check', () => {
  it('verifies an API token with GET /user/tokens/verify', async () => {
    const run = await runBin(['config', '--check'], { env: api.env });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(
      run.stdout.endsWith(
        '✓ the API accepts the API token from CLOUDFLARE_API_TOKEN (user-owned token; GET /user/tokens/verify: HTTP 200)\n',
      ),
    ).toBe(true);
    expect(
      api.emulator.requests.map((r) => [r.method, r.rawPath, r.headers.authorization]),
    ).toEqual([['GET', '/client/v4/user/tokens/verify', `Bearer ${TOKEN}`]]);
  });

  it('checks a Global API key with GET /user', async () => {
    const run = await runBin(['config', '--check', '--json'], {
      env: {
        ...api.endpointEnv,
        CLOUDFLARE_API_KEY: KEY,
        CLOUDFLARE_EMAIL: EMAIL,
      },
    });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).check).toEqual({
      ok: true,
      request: 'GET /user',
      status: 200,
      credential: 'API key from CLOUDFLARE_API_KEY',
    });
    const [request] = api.emulator.requests;
    expect([
      request?.rawPath,
      request?.headers['x-auth-key'],
      request?.headers.authorization,
    ]).toEqual(['/client/v4/user', KEY, undefined]);
  });

  it('exits 3 when the API rejects the token, naming its source', async () => {
    const env = { ...api.env, CLOUDFLARE_API_TOKEN: 'canary-rejected-token' };
    const run = await runBin(['config', '--check'], { env });

    expect(run.code).toBe(3);
    expect(run.stdout).toContain('API token   ****oken');
    const ray = run.stderr.match(/cf-ray (\S+)/)?.[1];
    expect(run.stderr).toBe(
      'error: Invalid access token (code 9109)\n' +
        `  HTTP 403, cf-ray ${ray}\n` +
        '  credential: API token from CLOUDFLARE_API_TOKEN\n' +
        '  hint: the token is invalid, expired or malformed; check the API token at https://dash.cloudflare.com/profile/api-tokens\n',
    );

    const json = await runBin(['config', '--check', '--json'], { env });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).check).toEqual({
      ok: false,
      request: 'GET /user/tokens/verify',
      errors: [{ code: 9109, message: 'Invalid access token' }],
      error: {
        type: 'auth',
        message: 'Invalid access token (code 9109)',
        status: 403,
        hint: 'the token is invalid, expired or malformed; check the API token at https://dash.cloudflare.com/profile/api-tokens',
        cf_ray: expect.stringMatching(/-LHR$/),
        attempts: 1,
        credential_source: 'API token from CLOUDFLARE_API_TOKEN',
      },
    });
    expectNoSecrets(run.stdout, run.stderr, json.stdout);
    expect(run.stdout + run.stderr + json.stdout).not.toContain('canary-rejected-token');
  });

  it('exits 3 for a wrong Global API key', async () => {
    const run = await runBin(['config', '--check'], {
      env: {
        ...api.endpointEnv,
        CLOUDFLARE_API_KEY: 'canary-bad-key-0001',
        CLOUDFLARE_EMAIL: EMAIL,
      },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('error: Unknown X-Auth-Key or X-Auth-Email (code 9103)\n');
    expect(run.stderr).toContain(
      '  hint: the API key or its email is invalid; check the Global API key and its email at https://dash.cloudflare.com/profile/api-tokens\n',
    );
  });

  it('exits 3 for a token the API knows but no longer accepts', async () => {
    api.emulator.fault({
      match: { pathIncludes: '/user/tokens/verify' },
      body: { success: true, errors: [], messages: [], result: { id: 'x', status: 'disabled' } },
    });
    const run = await runInProcess(['config', '--check', '--no-color'], { env: api.env });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'error: the API token from CLOUDFLARE_API_TOKEN is not active (its status is "disabled")\n' +
        '  HTTP 200\n' +
        '  credential: API token from CLOUDFLARE_API_TOKEN\n' +
        '  hint: check the API token at https://dash.cloudflare.com/profile/api-tokens\n',
    );
  });

  it('exits 1 when the API cannot be reached', async () => {
    const run = await runBin(['config', '--check', '--retries', '0'], {
      env: { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: could not connect to 127\.0\.0\.1:9/);
  });

  it('sends nothing while a setting has a problem, and says so', async () => {
    const run = await runBin(['config', '--check'], {
      env: { ...api.env, CLOUDFLARE_ACCOUNT_ID: 'bad' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('the credential was not checked: fix the errors above first\n');
    expect(api.emulator.requests).toEqual([]);
  });
});
