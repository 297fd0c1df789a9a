/**
 * `cf-oauth list` against the emulator: tab-separated lines when piped (in-process, test/helpers/in-process.ts), an
 * aligned table on a (fake) terminal, the API's array verbatim with --json, and --filter.
 */
import { describe, expect, it } from 'vitest';
import type { OAuthClient } from '../emulator/server.js';
import { interruptOnFirstRequest, runInProcess, runBin as spawnBin } from '../helpers/cli.js';
import {
  ACCOUNT,
  EMAIL,
  expectNoSecrets,
  KEY,
  OTHER_ACCOUNT,
  READ_ONLY_TOKEN,
  TOKEN,
  useEmulator,
} from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

const api = useEmulator();
const LIST_PATH = `/client/v4/accounts/${ACCOUNT}/oauth_clients`;

const STAGING = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const PRODUCTION = 'b7e4c1d09f3a4e6b8c2d5f1a0e9b7c3d';
const TOOLS = 'c0ffee5eedc0ffee5eedc0ffee5eed00';

const SEED: Array<Partial<OAuthClient>> = [
  {
    client_id: STAGING,
    client_name: 'Acme staging',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-02-03T10:20:30Z',
  },
  {
    client_id: PRODUCTION,
    client_name: 'Acme production',
    visibility: 'public',
    redirect_uris: ['https://acme.example/cb', 'https://acme.example/cb2'],
    created_at: '2024-06-30T12:00:00Z',
    updated_at: '2024-07-01T08:00:00Z',
  },
  {
    client_id: TOOLS,
    client_name: '社内ツール',
    redirect_uris: [],
    created_at: '2023-03-04T05:06:07Z',
    updated_at: '2023-03-04T05:06:07Z',
  },
];

/** Leaves exactly `seed` in the account, and forgets the requests that took. */
async function useClients(seed: Array<Partial<OAuthClient>>): Promise<void> {
  for (const client of api.emulator.clients(ACCOUNT)) {
    await fetch(`${api.emulator.url}/accounts/${ACCOUNT}/oauth_clients/${client.client_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
  }
  for (const fields of seed) api.emulator.addClient(ACCOUNT, fields);
  api.emulator.requests.length = 0;
}

function expectOneListRequest(): void {
  expect(api.emulator.requests.map((r) => [r.method, r.rawPath])).toEqual([['GET', LIST_PATH]]);
}

describe('cf-oauth list, piped (built bin)', () => {
  it('prints one tab-separated line per client, no header, every field in a fixed order', async () => {
    await useClients(SEED);
    const run = await runBin(['list', '-a', ACCOUNT], { env: api.env });

    expect(run).toEqual({
      code: 0,
      stdout:
        `${STAGING}\tAcme staging\tprivate\t1\t2025-01-01T00:00:00Z\t2025-02-03T10:20:30Z\n` +
        `${PRODUCTION}\tAcme production\tpublic\t2\t2024-06-30T12:00:00Z\t2024-07-01T08:00:00Z\n` +
        `${TOOLS}\t社内ツール\tprivate\t0\t2023-03-04T05:06:07Z\t2023-03-04T05:06:07Z\n`,
      stderr: '',
    });
    expectOneListRequest();
    expect(api.emulator.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('gives the API array verbatim with --json', async () => {
    await useClients(SEED);
    const run = await runBin(['list', '-a', ACCOUNT, '--json'], { env: api.env });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${JSON.stringify(api.emulator.clients(ACCOUNT), null, 2)}\n`);
    expectOneListRequest();
  });

  it('--filter keeps the clients whose name contains the text, in any case', async () => {
    await useClients(SEED);
    const text = await runBin(['list', '-a', ACCOUNT, '--filter', 'ACME'], { env: api.env });
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').map((line) => line.split('\t')[0])).toEqual([
      STAGING,
      PRODUCTION,
      '',
    ]);

    const json = await runBin(['list', '-a', ACCOUNT, '--filter', 'ツ', '--json'], {
      env: api.env,
    });
    expect(JSON.parse(json.stdout)).toEqual(
      api.emulator.clients(ACCOUNT).filter((c) => c.client_id === TOOLS),
    );

    const none = await runBin(['list', '-a', ACCOUNT, '--filter', 'nothing like it'], {
      env: api.env,
    });
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
    const noneJson = await runBin(['list', '-a', ACCOUNT, '--filter', 'zzz', '--json'], {
      env: api.env,
    });
    expect(noneJson).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('escapes tabs, newlines and terminal escapes in names so each client stays one line', async () => {
    await useClients([
      { client_id: STAGING, client_name: 'tab\there\nnew \u001b[31mred\\ \u202eevil' },
    ]);
    const run = await runBin(['list', '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(0);
    expect(run.stdout.split('\t')[1]).toBe('tab\\there\\nnew \\u001b[31mred\\\\ \\u202eevil');
    expect(run.stdout.split('\n')).toHaveLength(2);
  });

  it('exits 3 on a refused account, naming the credential source and the permission', async () => {
    const run = await runBin(['list', '-a', OTHER_ACCOUNT], { env: api.env });

    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const ray = run.stderr.match(/cf-ray (\S+)/)?.[1];
    expect(run.stderr).toBe(
      'error: Authentication error (code 10000)\n' +
        `  HTTP 403, cf-ray ${ray}\n` +
        '  credential: API token from CLOUDFLARE_API_TOKEN\n' +
        '  hint: the credential needs the "OAuth Client Read" permission on this account\n',
    );
  });

  it('reports a failure as one JSON document with --json', async () => {
    const run = await runBin(['list', '-a', OTHER_ACCOUNT, '--json'], { env: api.env });

    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      success: false,
      result: null,
      errors: [{ code: 10000, message: 'Authentication error' }],
      messages: [],
      error: {
        type: 'auth',
        message: 'Authentication error (code 10000)',
        status: 403,
        hint: 'the credential needs the "OAuth Client Read" permission on this account',
        cf_ray: expect.stringMatching(/-LHR$/),
        attempts: 1,
        credential_source: 'API token from CLOUDFLARE_API_TOKEN',
      },
    });
  });

  it('works with a read-only token and with a Global API key', async () => {
    await useClients(SEED);
    const readOnly = await runBin(['list', '-a', ACCOUNT], {
      env: { ...api.env, CLOUDFLARE_API_TOKEN: READ_ONLY_TOKEN },
    });
    expect(readOnly.code).toBe(0);
    expect(readOnly.stdout.split('\n')).toHaveLength(4);

    const keyEnv = {
      ...api.endpointEnv,
      CLOUDFLARE_API_KEY: KEY,
      CLOUDFLARE_EMAIL: EMAIL,
    };
    const key = await runBin(['list', '-a', ACCOUNT], { env: keyEnv });
    expect(key.code).toBe(0);
    expect(key.stdout).toBe(readOnly.stdout);
    expect(api.emulator.requests.at(-1)?.headers['x-auth-key']).toBe(KEY);
  });

  it('exits 2 and sends nothing for a bad --account or an unknown flag', async () => {
    const bad = await runBin(['list', '-a', 'nope'], { env: api.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: the account ID from --account must be 32 hexadecimal characters, not "nope"\n' +
        '  hint: the account ID is in the Cloudflare dashboard URL: dash.cloudflare.com/<account ID>\n',
    );
    const unknown = await runBin(['list', '--bogus'], { env: api.env });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--bogus'\n" });
    expect(api.emulator.requests).toEqual([]);
  });

  it('ends --help with examples', async () => {
    const run = await runBin(['list', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: cf-oauth list [options]\n');
    expect(run.stdout).toContain('  --filter <text>  ');
    expect(run.stdout).toContain('  0    success\n');
    expect(run.stdout).toMatch(/\nExamples:\n( {2}\$ cf-oauth list.*\n)+$/);
  });
});

describe('cf-oauth list on a terminal (fake TTY)', () => {
  it('prints an aligned table that fits 80 columns, wide characters counted as two', async () => {
    await useClients(SEED);
    const run = await runInProcess(['list', '-a', ACCOUNT, '--no-color'], {
      env: api.env,
      tty: { stdout: true },
    });

    // The fake terminal is 80 columns wide: the dates give way to IDs and names.
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'ID                                NAME             VISIBILITY  REDIRECT URIS',
        `${STAGING}  Acme staging     private     1`,
        `${PRODUCTION}  Acme production  public      2`,
        `${TOOLS}  社内ツール       private     0`,
        '',
      ].join('\n'),
    );
    expectOneListRequest();
  });

  it('makes the header bold when colour is on, and leaves out columns no client has', async () => {
    await useClients([{ client_id: STAGING, client_name: 'Acme staging' }]);
    // The emulator always stamps clients; strip the stamps through a scripted answer.
    const [client] = api.emulator.clients(ACCOUNT);
    const { created_at: _c, updated_at: _u, ...unstamped } = client as OAuthClient;
    api.emulator.fault({
      match: { method: 'GET' },
      status: 200,
      body: { success: true, errors: [], messages: [], result: [unstamped] },
    });
    const run = await runInProcess(['list', '-a', ACCOUNT], {
      env: { ...api.env, FORCE_COLOR: '1' },
      tty: { stdout: true },
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '\u001b[1mID                                NAME          VISIBILITY  REDIRECT URIS\u001b[22m\n' +
        `${STAGING}  Acme staging  private     1\n`,
    );
  });

  it('says on stderr that nothing matched, and prints nothing on stdout', async () => {
    await useClients(SEED);
    const run = await runInProcess(['list', '-a', ACCOUNT, '--filter', 'Zeta'], {
      env: api.env,
      tty: { stdout: true },
    });
    expect(run).toEqual({
      code: 0,
      stdout: '',
      stderr: `no OAuth clients named like "Zeta" in account ${ACCOUNT}\n`,
    });

    await useClients([]);
    const empty = await runInProcess(['list', '-a', ACCOUNT], {
      env: api.env,
      tty: { stdout: true },
    });
    expect(empty.stderr).toBe(`no OAuth clients in account ${ACCOUNT}\n`);
  });

  it('prints JSON, not a table, with --json', async () => {
    await useClients(SEED);
    const run = await runInProcess(['list', '-a', ACCOUNT, '--json'], {
      env: api.env,
      tty: { stdout: true, stderr: true },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(api.emulator.clients(ACCOUNT));
  });

  it('reports an answer that is not a list instead of printing it', async () => {
    api.emulator.fault({
      match: { method: 'GET' },
      status: 200,
      body: { success: true, errors: [], messages: [], result: { not: 'a list' } },
    });
    const run = await runInProcess(['list', '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: the API did not answer with a list of OAuth clients\n  HTTP 200\n',
    );
  });
});

describe('interrupts', () => {
  it('exits 130 on SIGINT twice while the list request hangs, printing no list', async () => {
    api.emulator.fault({ hang: true });
    // Signals need a process.
    const run = await spawnBin(['list', '-a', ACCOUNT], {
      env: api.env,
      onSpawn: interruptOnFirstRequest(api.emulator),
    });
    expect(run.code).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: interrupted/);
  });
});

describe('secrets', () => {
  it('never shows a credential, whatever happens', async () => {
    await useClients(SEED);
    const outputs: string[] = [];
    const scenarios: string[][] = [
      ['list', '-a', ACCOUNT, '-v'],
      ['list', '-a', ACCOUNT, '-v', '--json'],
      ['list', '-a', OTHER_ACCOUNT, '-v'],
      ['list', '-a', ACCOUNT, '--api-key', KEY, '-v'],
      ['list', '-a', ACCOUNT, '--api-key', KEY, '--email', EMAIL, '-v'],
      ['list', '-v'],
    ];
    for (const argv of scenarios) {
      const run = await runBin(argv, { env: api.env });
      outputs.push(run.stdout, run.stderr);
    }
    expect(outputs.join('')).toContain('credential: API token from CLOUDFLARE_API_TOKEN');
    expectNoSecrets(...outputs);
  });
});
