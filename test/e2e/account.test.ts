/**
 * Account detection: with no account from a flag, the environment or an rc file, cf-oauth asks
 * GET /accounts. One account is used (and named on stderr); several are picked from on a
 * terminal and refused (exit 2) in a script; none is an auth failure (exit 3).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.js';
import { makeHome, runInProcess } from '../helpers/cli.js';
import { usageFailureDocument } from '../helpers/documents.js';
import { ACCOUNT, EMAIL, expectNoSecrets, KEY, OTHER_ACCOUNT, TOKEN } from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

/** Canaries of this file: a token that sees every account, and one that sees none. */
const WIDE_TOKEN = 'canary-wide-token-71d2e9';
const BLIND_TOKEN = 'canary-blind-token-c4a8b0';

let emulator: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: [
      { id: ACCOUNT, name: 'Acme' },
      { id: OTHER_ACCOUNT, name: 'Other' },
    ],
    tokens: {
      [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] },
      [WIDE_TOKEN]: { accounts: '*', permissions: ['read', 'write'] },
      [BLIND_TOKEN]: { accounts: [], permissions: ['read', 'write'] },
    },
    keys: [{ email: EMAIL, key: KEY, accounts: [OTHER_ACCOUNT] }],
  });
  env = { CLOUDFLARE_API_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: TOKEN };
});
afterEach(() => {
  emulator.clearFaults();
  emulator.requests.length = 0;
});
afterAll(() => emulator.close());

/** The largest page the API gives, so that most credentials need one request. */
const ACCOUNTS_PATH = '/client/v4/accounts?per_page=50';
const listPath = (account: string) => `/client/v4/accounts/${account}/oauth_clients`;
const paths = () => emulator.requests.map((r) => r.rawPath);
const ONLY_ACME = `using account "Acme" (023e…) — the only one this token can see\n`;
const ACCOUNT_HINT =
  '  hint: pass --account <id>, set CLOUDFLARE_ACCOUNT_ID, or add "accountId" to the rc file (~/.cfoauthrc)\n';

describe('exactly one account', () => {
  it('uses it and says so on stderr (built bin, piped)', async () => {
    const id = emulator.addClient(ACCOUNT, { client_name: 'Solo' }).client_id;
    const run = await runBin(['list', '--json'], { env });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe(ONLY_ACME);
    expect(JSON.parse(run.stdout).map((c: { client_id: string }) => c.client_id)).toContain(id);
    expect(paths()).toEqual([ACCOUNTS_PATH, listPath(ACCOUNT)]);
  });

  it('says "this API key" for a Global API key', async () => {
    const run = await runBin(['list'], {
      env: {
        CLOUDFLARE_API_BASE_URL: emulator.url,
        CLOUDFLARE_API_KEY: KEY,
        CLOUDFLARE_EMAIL: EMAIL,
      },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('using account "Other" (fedc…) — the only one this API key can see\n');
    expect(paths()).toEqual([ACCOUNTS_PATH, listPath(OTHER_ACCOUNT)]);
  });

  it('serves get and delete too', async () => {
    const id = emulator.addClient(ACCOUNT, { client_name: 'Doomed' }).client_id;
    const get = await runBin(['get', id, '--json'], { env });
    expect(get.code).toBe(0);
    expect(get.stderr).toBe(ONLY_ACME);

    const deleted = await runBin(['delete', id], { env });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(`${id}\n`);
    expect(deleted.stderr).toContain(ONLY_ACME);
    expect(emulator.deleted.map((d) => [d.accountId, d.clientId])).toContainEqual([ACCOUNT, id]);
  });

  it('is not looked up when a flag, the environment or the rc file names the account', async () => {
    const flag = await runBin(['list', '-a', ACCOUNT], { env });
    const fromEnv = await runBin(['list'], { env: { ...env, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    const place = makeHome();
    writeFileSync(join(place.home, '.cfoauthrc'), JSON.stringify({ accountId: ACCOUNT }));
    const fromRc = await runBin(['list'], { env, ...place });

    for (const run of [flag, fromEnv, fromRc]) expect([run.code, run.stderr]).toEqual([0, '']);
    expect(paths()).toEqual([listPath(ACCOUNT), listPath(ACCOUNT), listPath(ACCOUNT)]);
  });

  it('traces the detected account in full with --verbose', async () => {
    const run = await runBin(['list', '-v'], { env });
    expect(run.stderr).toContain(`account: ${ACCOUNT} (from GET /accounts)\n`);
  });
});

describe('several accounts', () => {
  const wide = () => ({ ...env, CLOUDFLARE_API_TOKEN: WIDE_TOKEN });

  it('exits 2 in a script, listing name: id for each and how to pass --account', async () => {
    const run = await runBin(['list'], { env: wide() });

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: this token can see 2 accounts; say which one to use:\n' +
        `  "Acme": ${ACCOUNT}\n` +
        `  "Other": ${OTHER_ACCOUNT}\n` +
        ACCOUNT_HINT,
    });
    expect(paths()).toEqual([ACCOUNTS_PATH]);
  });

  it('says the same in one JSON document with --json', async () => {
    const run = await runBin(['get', 'abc00000000000000000000000000000', '--json'], {
      env: wide(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(
      usageFailureDocument(
        `this token can see 2 accounts; say which one to use:\n  "Acme": ${ACCOUNT}\n  "Other": ${OTHER_ACCOUNT}`,
        ACCOUNT_HINT.replace('  hint: ', '').trimEnd(),
      ),
    );
  });

  it('lets a person at a terminal pick one by number', async () => {
    const run = await runInProcess(['list', '--no-color'], {
      env: wide(),
      stdin: '2\n',
      tty: { stdin: true, stderr: true },
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'This token can see 2 accounts. Which one?\n' +
        `  1. "Acme" ${ACCOUNT}\n` +
        `  2. "Other" ${OTHER_ACCOUNT}\n`,
    );
    expect(run.stderr).toContain('Number [1-2]: ');
    expect(run.stderr).toContain('using account "Other" (fedc…)\n');
    expect(paths()).toEqual([ACCOUNTS_PATH, listPath(OTHER_ACCOUNT)]);
  });

  it('sends nothing more when the answer is not one of the numbers, or there is none', async () => {
    for (const answer of ['3\n', '0\n', 'Acme\n', ' \n', '']) {
      const run = await runInProcess(['list', '--no-color'], {
        env: wide(),
        stdin: answer,
        tty: { stdin: true, stderr: true },
      });
      expect([answer, run.code, run.stdout]).toEqual([answer, 1, '']);
      expect(run.stderr).toContain(`error: no account chosen\n${ACCOUNT_HINT}`);
    }
    expect(paths().every((path) => path === ACCOUNTS_PATH)).toBe(true);
  });

  it('does not ask when stdin is the list of IDs (--from-file -), even on a terminal', async () => {
    const id = emulator.addClient(ACCOUNT, { client_name: 'Typed in' }).client_id;
    const run = await runInProcess(['delete', '--from-file', '-', '--yes', '--no-color'], {
      env: wide(),
      stdin: `${id}\n`,
      tty: { stdin: true, stderr: true },
    });

    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).not.toContain('Which one?');
    // After the spinner of the lookup, which a terminal shows:
    expect(run.stderr.slice(run.stderr.indexOf('error: '))).toBe(
      'error: this token can see 2 accounts; say which one to use:\n' +
        `  "Acme": ${ACCOUNT}\n` +
        `  "Other": ${OTHER_ACCOUNT}\n` +
        ACCOUNT_HINT,
    );
    expect(paths()).toEqual([ACCOUNTS_PATH]);
  });

  it('does not ask when only stdout is a terminal (stdin is a pipe)', async () => {
    const run = await runInProcess(['list'], { env: wide(), tty: { stdout: true } });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('Which one?');
  });

  /** An emulator with `n` accounts (the first with an odd name), all seen by WIDE_TOKEN. */
  async function crowded(n: number): Promise<Emulator> {
    return startEmulator({
      accounts: Array.from({ length: n }, (_, i) => ({
        id: i.toString(16).padStart(32, 'a'),
        name: i === 0 ? 'Evil\u001b[2J\nname' : `Account ${i}`,
      })),
      tokens: { [WIDE_TOKEN]: { accounts: '*', permissions: ['read'] } },
    });
  }

  it('lists every one of 25 accounts (more than the default page of 20), quoting odd names', async () => {
    const server = await crowded(25);
    try {
      const run = await runBin(['list'], {
        env: { CLOUDFLARE_API_BASE_URL: server.url, CLOUDFLARE_API_TOKEN: WIDE_TOKEN },
      });
      expect(run.code).toBe(2);
      const lines = run.stderr.split('\n');
      expect(lines[0]).toBe('error: this token can see 25 accounts; say which one to use:');
      expect(lines[1]).toBe(`  "Evil\\u001b[2J\\nname": ${'0'.padStart(32, 'a')}`);
      expect(lines[25]).toBe(`  "Account 24": ${(24).toString(16).padStart(32, 'a')}`);
      expect(lines).toHaveLength(1 + 25 + 2);
      expect(server.requests.map((r) => r.rawPath)).toEqual([ACCOUNTS_PATH]);
    } finally {
      await server.close();
    }
  });

  it('reads every page of 60 accounts, and a person can pick account 23', async () => {
    const server = await crowded(60);
    try {
      const run = await runInProcess(['list', '--no-color'], {
        env: { CLOUDFLARE_API_BASE_URL: server.url, CLOUDFLARE_API_TOKEN: WIDE_TOKEN },
        stdin: '23\n',
        tty: { stdin: true, stderr: true },
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('This token can see 60 accounts. Which one?\n');
      expect(run.stderr).toContain(`  60. "Account 59" ${(59).toString(16).padStart(32, 'a')}\n`);
      expect(run.stderr).toContain('using account "Account 22" (aaaa…)\n');
      expect(server.requests.map((r) => r.rawPath)).toEqual([
        ACCOUNTS_PATH,
        `${ACCOUNTS_PATH.replace('?', '?page=2&')}`,
        listPath((22).toString(16).padStart(32, 'a')),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('no account, or no answer', () => {
  it('exits 3 when the credential sees no account', async () => {
    const run = await runBin(['list'], { env: { ...env, CLOUDFLARE_API_TOKEN: BLIND_TOKEN } });
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'error: the API token from CLOUDFLARE_API_TOKEN can see no account\n' +
        '  hint: check which accounts the credential may use in the Cloudflare dashboard, or pass --account <id>, set CLOUDFLARE_ACCOUNT_ID, or add "accountId" to the rc file (~/.cfoauthrc)\n',
    });
    expect(paths()).toEqual([ACCOUNTS_PATH]);
  });

  it('exits 3 when GET /accounts is refused, saying why it was called and with what', async () => {
    emulator.fault({
      match: { pathIncludes: '/accounts' },
      status: 403,
      body: { success: false, errors: [{ code: 10000, message: 'Authentication error' }] },
    });
    const run = await runBin(['list'], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: Authentication error (code 10000)\n' +
        '  HTTP 403\n' +
        '  credential: API token from CLOUDFLARE_API_TOKEN\n' +
        '  hint: no account was given, so cf-oauth asked which accounts the API token from CLOUDFLARE_API_TOKEN can see (GET /accounts); pass --account <id>, set CLOUDFLARE_ACCOUNT_ID, or add "accountId" to the rc file (~/.cfoauthrc)\n',
    );
  });

  it('exits 1 when the answer is not a list of accounts', async () => {
    emulator.fault({
      match: { pathIncludes: '/accounts' },
      body: { success: true, errors: [], messages: [], result: [{ id: 'not-hex', name: 'x' }] },
    });
    const run = await runBin(['list'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: the API did not answer with a list of accounts\n  HTTP 200\n');
  });
});

it('never shows a credential during detection', async () => {
  const outputs: string[] = [];
  for (const token of [TOKEN, WIDE_TOKEN, BLIND_TOKEN]) {
    for (const extra of [[], ['--json']]) {
      const run = await runBin(['list', '-v', ...extra], {
        env: { ...env, CLOUDFLARE_API_TOKEN: token },
      });
      outputs.push(run.stdout, run.stderr);
    }
  }
  const picked = await runInProcess(['list', '-v'], {
    env: { ...env, CLOUDFLARE_API_TOKEN: WIDE_TOKEN },
    stdin: '1\n',
    tty: { stdin: true, stderr: true },
  });
  outputs.push(picked.stdout, picked.stderr);
  expectNoSecrets(...outputs);
  for (const canary of [WIDE_TOKEN, BLIND_TOKEN]) {
    expect(outputs.join('\n')).not.toContain(canary);
  }
});
