/**
 * `cf-oauth get <id>` against the emulator, in-process (test/helpers/in-process.ts): the fields a person checks
 * before deleting, the API's object verbatim with --json, and the exit codes of delete.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { NOT_FOUND_ERROR } from '../helpers/documents.js';
import {
  ACCOUNT,
  EMAIL,
  expectNoSecrets,
  KEY,
  OTHER_ACCOUNT,
  READ_ONLY_TOKEN,
  useEmulator,
} from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

const api = useEmulator();
const MISSING = 'ffffffffffffffffffffffffffffffff';

function addFullClient(): string {
  return api.emulator.addClient(ACCOUNT, {
    client_name: 'Acme staging',
    visibility: 'public',
    redirect_uris: ['https://staging.acme.example/cb', 'http://localhost:8788/cb'],
    scopes: ['account.read', 'zone.read'],
    grant_types: ['authorization_code', 'refresh_token'],
    client_uri: 'https://acme.example',
    logo_uri: 'https://acme.example/logo.png',
    policy_uri: 'https://acme.example/privacy',
    tos_uri: 'https://acme.example/tos',
    post_logout_redirect_uris: ['https://acme.example/bye'],
    allowed_cors_origins: ['https://app.acme.example'],
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-02-03T10:20:30Z',
  }).client_id;
}

const clientPath = (id: string, account = ACCOUNT) =>
  `/client/v4/accounts/${account}/oauth_clients/${id}`;

describe('cf-oauth get (built bin)', () => {
  it('shows ID, name, visibility, redirect URIs, scopes, grant types and URIs', async () => {
    const id = addFullClient();
    const run = await runBin(['get', id, '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        `ID:                         ${id}`,
        'Name:                       Acme staging',
        'Visibility:                 public',
        'Redirect URIs:              https://staging.acme.example/cb',
        '                            http://localhost:8788/cb',
        'Scopes:                     account.read',
        '                            zone.read',
        'Grant types:                authorization_code',
        '                            refresh_token',
        'Client URI:                 https://acme.example',
        'Logo URI:                   https://acme.example/logo.png',
        'Policy URI:                 https://acme.example/privacy',
        'Terms of service URI:       https://acme.example/tos',
        'Post-logout redirect URIs:  https://acme.example/bye',
        'Allowed CORS origins:       https://app.acme.example',
        'Created:                    2025-01-01T00:00:00Z',
        'Updated:                    2025-02-03T10:20:30Z',
        '',
      ].join('\n'),
    );
    expect(api.emulator.requests.map((r) => [r.method, r.rawPath])).toEqual([
      ['GET', clientPath(id)],
    ]);
  });

  it('shows (none) for empty lists and leaves out URIs the client does not have', async () => {
    const id = api.emulator.addClient(ACCOUNT, {
      client_name: 'Bare',
      redirect_uris: [],
      scopes: [],
      grant_types: ['client_credentials'],
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
    }).client_id;
    const run = await runBin(['get', id, '-a', ACCOUNT], { env: api.env });

    expect(run.stdout).toBe(
      [
        `ID:             ${id}`,
        'Name:           Bare',
        'Visibility:     private',
        'Redirect URIs:  (none)',
        'Scopes:         (none)',
        'Grant types:    client_credentials',
        'Created:        2025-01-01T00:00:00Z',
        'Updated:        2025-01-01T00:00:00Z',
        '',
      ].join('\n'),
    );
  });

  it('gives the API object verbatim with --json', async () => {
    const id = addFullClient();
    const run = await runBin(['get', id, '-a', ACCOUNT, '--json'], { env: api.env });

    const [client] = api.emulator.clients(ACCOUNT).filter((c) => c.client_id === id);
    expect(run).toEqual({ code: 0, stdout: `${JSON.stringify(client, null, 2)}\n`, stderr: '' });
  });

  it('exits 4 on a missing client, in text and JSON', async () => {
    const run = await runBin(['get', MISSING, '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    const ray = run.stderr.match(/cf-ray (\S+)/)?.[1];
    expect(run.stderr).toBe(
      `error: OAuth client not found (code 7003)\n  HTTP 404, cf-ray ${ray}\n`,
    );

    const json = await runBin(['get', MISSING, '-a', ACCOUNT, '--json'], { env: api.env });
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toEqual({
      success: false,
      result: null,
      errors: [{ code: 7003, message: 'OAuth client not found' }],
      messages: [],
      error: NOT_FOUND_ERROR,
    });
  });

  it('exits 3 on a refused account, naming the credential source and OAuth Client Read', async () => {
    const run = await runBin(['get', MISSING, '-a', OTHER_ACCOUNT], {
      env: { ...api.env, CLOUDFLARE_API_TOKEN: READ_ONLY_TOKEN },
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: Authentication error (code 10000)\n');
    expect(run.stderr).toContain('  credential: API token from CLOUDFLARE_API_TOKEN\n');
    expect(run.stderr).toContain(
      '  hint: the credential needs the "OAuth Client Read" permission on this account\n',
    );
  });

  it('reads with a Global API key and its email', async () => {
    const id = addFullClient();
    const run = await runInProcess(['get', id, '-a', ACCOUNT, '--json'], {
      env: {
        ...api.endpointEnv,
        CLOUDFLARE_API_KEY: KEY,
        CLOUDFLARE_EMAIL: EMAIL,
      },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).client_id).toBe(id);
    expect(api.emulator.requests[0]?.headers['x-auth-email']).toBe(EMAIL);
  });

  it('exits 2 and sends nothing, not even the account lookup, for an invalid ID', async () => {
    for (const bad of ['.', '..', 'a b', 'tab\there', '']) {
      const run = await runBin(['get', bad], { env: api.env });
      expect([bad, run.code, run.stdout]).toEqual([bad, 2, '']);
      expect(run.stderr).toMatch(/^error: /);
    }
    const missing = await runBin(['get'], { env: api.env });
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: missing required argument 'oauth_client_id'\n",
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('refuses an ID that is not 32 hexadecimal characters: exit 2, no GET sent', async () => {
    const run = await runBin(['get', 'nothex', '-a', ACCOUNT], { env: api.env });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: the OAuth client ID "nothex" is not 32 hexadecimal characters ("n" is not a hexadecimal digit)\n',
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('takes an upper-case ID in lower case, with a note', async () => {
    const id = api.newClient('Upper');
    const run = await runBin(['get', id.toUpperCase(), '-a', ACCOUNT, '--json'], {
      env: api.env,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `note: the OAuth client ID ${id.toUpperCase()} is used in lower case: ${id}\n`,
    );
    expect(JSON.parse(run.stdout).client_name).toBe('Upper');
    expect(api.emulator.requests.map((r) => r.rawPath)).toEqual([clientPath(id)]);
  });

  it('ends --help with examples', async () => {
    const run = await runBin(['get', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: cf-oauth get [options] <oauth_client_id>\n');
    expect(run.stdout).toContain('  4    not found (HTTP 404)\n');
    expect(run.stdout).toMatch(/\nExamples:\n( {2}\$ cf-oauth get .*\n)+$/);
  });

  it('never shows a credential, whatever happens', async () => {
    const id = addFullClient();
    const outputs: string[] = [];
    for (const argv of [
      ['get', id, '-a', ACCOUNT, '-v'],
      ['get', MISSING, '-a', ACCOUNT, '-v', '--json'],
      ['get', id, '-a', OTHER_ACCOUNT, '-v'],
      ['get', id, '-a', ACCOUNT, '--api-key', KEY, '--email', EMAIL, '-v'],
      ['get', id, '-v'],
    ]) {
      const run = await runBin(argv, { env: api.env });
      outputs.push(run.stdout, run.stderr);
    }
    expectNoSecrets(...outputs);
  });
});
