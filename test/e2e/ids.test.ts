/**
 * IDs are what the API accepts (32 hexadecimal characters) before anything is sent: the built
 * bin against the emulator, for the ways wrong IDs really arrive (jq without -r, stray bytes,
 * upper case).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
const clientPath = (id: string) => `/client/v4/accounts/${ACCOUNT}/oauth_clients/${id}`;

/** A file in a fresh home; returns the options that run the CLI there. */
function withFile(name: string, content: string | Buffer) {
  const place = makeHome();
  writeFileSync(join(place.cwd, name), content);
  return { home: place.home, cwd: place.cwd, env: api.env };
}

describe('client IDs', () => {
  it('`jq` without -r: quoted IDs exit 2 naming each line, with the jq hint, and nothing is sent', async () => {
    const [a, b] = [api.newClient('Quoted 1'), api.newClient('Quoted 2')];
    const options = withFile('ids.txt', `"${a}"\n"${b}"\n`);
    const run = await runBin(['delete', '--from-file', 'ids.txt', '--ignore-missing'], options);

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: 2 invalid OAuth client IDs; nothing was sent',
        `  ids.txt line 1: the OAuth client ID "\\"${a}\\"" has quotes`,
        `  ids.txt line 2: the OAuth client ID "\\"${b}\\"" has quotes`,
        "  hint: IDs are written without quotes; jq prints them so only with -r: cf-oauth list --json | jq -r '.[].client_id'",
        '',
      ].join('\n'),
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('bytes that are not UTF-8 and control characters are refused, shown escaped', async () => {
    const id = api.newClient('Garbage');
    const garbage = Buffer.concat([
      Buffer.from(`${id}\n`),
      Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a]),
      Buffer.from('ab\u001b[2Jcd\n'),
    ]);
    const run = await runBin(['delete', '--from-file', 'ids.txt', '-a', ACCOUNT], {
      ...withFile('ids.txt', garbage),
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'error: 2 invalid OAuth client IDs; nothing was sent',
        '  ids.txt line 2: the OAuth client ID "a\ufffd\ufffdb" is not 32 hexadecimal characters (it holds bytes that are not UTF-8 text)',
        '  ids.txt line 3: the OAuth client ID "ab\\u001b[2Jcd" contains whitespace, a control character or an invisible character',
        '',
      ].join('\n'),
    );
    expect(run.stderr).not.toContain('\u001b');
    expect(api.emulator.requests).toEqual([]);
  });

  it('an argument that is not 32 hex characters is named by its place', async () => {
    const id = api.newClient('Args');
    const run = await runBin(['delete', id, `${id}0`, '-a', ACCOUNT], { env: api.env });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: an invalid OAuth client ID; nothing was sent\n  argument 2: the OAuth client ID "${id}0" is not 32 hexadecimal characters (it has 33)\n`,
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('upper case is used in lower case, with a note: one delete, the lower-case ID on stdout', async () => {
    const id = api.newClient('Upper');
    const run = await runBin(['delete', id.toUpperCase(), '-a', ACCOUNT], { env: api.env });
    expect(run).toEqual({
      code: 0,
      stdout: `${id}\n`,
      stderr: `note: the OAuth client ID ${id.toUpperCase()} is used in lower case: ${id}\n`,
    });
    expect(api.emulator.requests.map((r) => `${r.method} ${r.rawPath}`)).toEqual([
      `DELETE ${clientPath(id)}`,
    ]);
  });

  it('in a batch, upper-case IDs are counted in one note and a repeat in other case is deleted once', async () => {
    const [a, b] = [api.newClient('Upper 1'), api.newClient('Upper 2')];
    const options = withFile('ids.txt', `${a.toUpperCase()}\n${a}\n${b.toUpperCase()}\n`);
    const run = await runBin(['delete', '--from-file', 'ids.txt', '-a', ACCOUNT], options);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').sort()).toEqual(['', a, b].sort());
    expect(run.stderr).toBe(
      'note: 2 IDs in upper case used in lower case\nDeleted 2, already absent 0, failed 0, not attempted 0\n',
    );
  });
});

describe('account IDs', () => {
  it('an upper-case --account is used in lower case, with a note (the API refuses upper case)', async () => {
    const id = api.newClient('Account case');
    const run = await runBin(['delete', id, '--account', ACCOUNT.toUpperCase()], {
      env: api.env,
    });
    expect(run).toEqual({
      code: 0,
      stdout: `${id}\n`,
      stderr: `note: the account ID from --account ${ACCOUNT.toUpperCase()} is used in lower case: ${ACCOUNT}\n`,
    });
    expect(api.emulator.requests.map((r) => r.rawPath)).toEqual([clientPath(id)]);
  });

  it('a quoted CLOUDFLARE_ACCOUNT_ID exits 2 naming the variable, nothing sent', async () => {
    const run = await runBin(['delete', 'a'.repeat(32)], {
      env: { ...api.env, CLOUDFLARE_ACCOUNT_ID: `"${ACCOUNT}"` },
    });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: the account ID from CLOUDFLARE_ACCOUNT_ID must be 32 hexadecimal characters, not "\\"${ACCOUNT}\\"" (it has quotes)\n  hint: write the account ID without quotes\n`,
    });
    expect(api.emulator.requests).toEqual([]);
  });
});
