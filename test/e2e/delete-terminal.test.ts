/**
 * The delete command in-process over real HTTP, with fake terminals: confirmation, spinner,
 * colour, traces, and credential sources in errors.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, expectNoSecrets, KEY, TOKEN, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
const GREEN_CHECK = '\u001b[32m✓\u001b[39m';
const RED_ERROR = '\u001b[31merror:\u001b[39m';
const deletes = () => api.emulator.requests.filter((r) => r.method === 'DELETE');

describe('confirmation on a terminal', () => {
  const terminal = { stdin: true, stderr: true };

  it('anything but y/yes sends no DELETE and exits 1', async () => {
    for (const answer of ['n\n', '\n', 'yess\n', '']) {
      const id = api.newClient();
      const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--no-color'], {
        env: api.env,
        stdin: answer,
        tty: terminal,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`from account ${ACCOUNT}? [y/N] `);
      expect(run.stderr).toContain('error: not confirmed: nothing was deleted\n');
      expect(deletes()).toEqual([]);
    }
  });

  it('y or yes deletes', async () => {
    for (const answer of ['y\n', ' YES \n']) {
      const id = api.newClient();
      const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--no-color'], {
        env: api.env,
        stdin: answer,
        tty: terminal,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${id}\n`);
      expect(api.emulator.clients(ACCOUNT).map((c) => c.client_id)).not.toContain(id);
    }
  });

  it('--yes skips the question; a non-interactive stdin never gets one', async () => {
    const first = api.newClient();
    const yes = await runInProcess(['delete', first, '-a', ACCOUNT, '--yes', '--json'], {
      env: api.env,
      tty: terminal,
    });
    expect(yes.code).toBe(0);
    expect(yes.stderr).not.toContain('[y/N]');

    const second = api.newClient();
    const piped = await runInProcess(['delete', second, '-a', ACCOUNT, '--json'], {
      env: api.env,
      tty: { stdin: false, stderr: true },
    });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });
});

describe('terminal niceties', () => {
  it('shows a spinner on a terminal stderr, and none with --json', async () => {
    const id = api.newClient();
    const run = await runInProcess(['delete', id, '-a', ACCOUNT], {
      env: api.env,
      tty: { stderr: true },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(run.stderr).toContain(`Deleting OAuth client ${id}`);

    const quiet = await runInProcess(['delete', api.newClient(), '-a', ACCOUNT, '--json'], {
      env: api.env,
      tty: { stderr: true },
    });
    expect(quiet.stderr).toBe('');
  });

  it('colours the result on a terminal, unless NO_COLOR or --no-color', async () => {
    const id = api.newClient();
    const coloured = await runInProcess(['delete', id, '-a', ACCOUNT], {
      env: api.env,
      tty: { stdout: true },
    });
    expect(coloured.stdout).toBe(`${GREEN_CHECK} Deleted OAuth client ${id}\n`);

    const other = api.newClient();
    const noColor = await runInProcess(['delete', other, '-a', ACCOUNT], {
      env: { ...api.env, NO_COLOR: '1' },
      tty: { stdout: true },
    });
    expect(noColor.stdout).toBe(`✓ Deleted OAuth client ${other}\n`);

    const third = api.newClient();
    const flag = await runInProcess(['delete', third, '-a', ACCOUNT, '--no-color'], {
      env: { ...api.env, FORCE_COLOR: '1' },
      tty: { stdout: true },
    });
    expect(flag.stdout).toBe(`✓ Deleted OAuth client ${third}\n`);
  });

  it('FORCE_COLOR colours a piped error', async () => {
    const run = await runInProcess(['delete', 'a'.repeat(32), '-a', 'nope'], {
      env: { ...api.env, FORCE_COLOR: '1' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`${RED_ERROR} the account ID from --account`)).toBe(true);
  });

  it('--verbose traces the request and response with credentials redacted', async () => {
    const id = api.newClient();
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '-v'], { env: api.env });
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n');
    expect(lines).toContain('credential: API token from CLOUDFLARE_API_TOKEN');
    expect(lines).toContain(`> DELETE ${api.emulator.url}/accounts/${ACCOUNT}/oauth_clients/${id}`);
    expect(lines).toContain('> authorization: [REDACTED]');
    expect(lines.some((line) => /^< 200 \(\d+ ms\) cf-ray: [0-9a-f]{16}-LHR$/.test(line))).toBe(
      true,
    );
    expectNoSecrets(run.stdout, run.stderr);
  });
});

describe('credential sources in errors', () => {
  it('names the rc file and warns when it is readable by others', async () => {
    const place = makeHome();
    const rc = join(place.home, '.cfoauthrc');
    writeFileSync(rc, JSON.stringify({ apiToken: 'canary-rc-token-0000', accountId: ACCOUNT }));
    chmodSync(rc, 0o644);
    const run = await runInProcess(['delete', api.newClient()], {
      env: api.endpointEnv,
      home: place.home,
      cwd: place.cwd,
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `warning: ~/.cfoauthrc holds a secret and is readable by other users; run: chmod 600 ${rc}\n`,
    );
    expect(run.stderr).toContain('  credential: API token from ~/.cfoauthrc\n');
    expect(run.stdout + run.stderr).not.toContain('canary-rc-token-0000');
  });

  it('a key without an email is an error naming its source, and nothing is sent', async () => {
    const run = await runInProcess(['delete', 'abc00000000000000000000000000000', '-a', ACCOUNT], {
      env: { CLOUDFLARE_API_KEY: KEY, ...api.endpointEnv },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('API key from CLOUDFLARE_API_KEY has no email');
    expect(api.emulator.requests).toEqual([]);
    expectNoSecrets(run.stdout, run.stderr);
  });

  it('a flag token beats an environment key: exactly one scheme is sent', async () => {
    const id = api.newClient();
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--api-token', TOKEN], {
      env: { CLOUDFLARE_API_KEY: KEY, ...api.endpointEnv },
    });
    expect(run).toMatchObject({ code: 0, stdout: `${id}\n` });
    expect(api.emulator.requests[0]?.headers['x-auth-key']).toBeUndefined();
  });
});

describe('unexpected failures', () => {
  it('an exception from fetch is a network failure whose outcome is unknown', async () => {
    const run = await runInProcess(
      ['delete', 'abc00000000000000000000000000000', '-a', ACCOUNT, '--retries', '0'],
      {
        env: api.env,
        fetch: async () => {
          throw new RangeError('boom');
        },
      },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: the request to 127\.0\.0\.1:\d+ failed: boom\nthe delete of abc00000000000000000000000000000 may or may not have been applied\n$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bug anywhere prints one "internal error" line and exits 1, never a stack trace', async () => {
    const env = new Proxy(api.env, {
      get(target, name) {
        if (name === 'NO_COLOR') throw new TypeError('env exploded');
        return Reflect.get(target, name);
      },
    });
    const run = await runInProcess(['delete', 'abc00000000000000000000000000000', '-a', ACCOUNT], {
      env,
    });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cf-oauth: internal error: env exploded\n',
    });
  });
});
