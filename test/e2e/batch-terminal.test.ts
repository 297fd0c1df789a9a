/**
 * Batches on a terminal, in-process with fake TTYs: one confirmation for the whole batch, the
 * rule for `--from-file -`, and the progress line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
const terminal = { stdin: true, stderr: true };
const deletes = () => api.emulator.requests.filter((r) => r.method === 'DELETE');

function idFile(ids: string[]) {
  const place = makeHome();
  writeFileSync(join(place.cwd, 'ids.txt'), `${ids.join('\n')}\n`);
  return { home: place.home, cwd: place.cwd };
}

describe('confirmation', () => {
  it('asks once for the whole batch; anything but yes deletes nothing', async () => {
    const ids = [api.newClient(), api.newClient(), api.newClient()];
    const declined = await runInProcess(
      ['delete', '--from-file', 'ids.txt', '-a', ACCOUNT, '--no-color'],
      { env: api.env, stdin: 'n\n', tty: terminal, ...idFile(ids) },
    );
    expect(declined.code).toBe(1);
    expect(declined.stdout).toBe('');
    expect(declined.stderr).toContain(`Delete 3 OAuth clients from account ${ACCOUNT}? [y/N] `);
    expect(declined.stderr).toMatch(/\nerror: not confirmed: nothing was deleted\n$/);
    expect(api.emulator.requests).toEqual([]);

    const confirmed = await runInProcess(
      ['delete', ...ids, '-a', ACCOUNT, '--no-color', '--concurrency', '2'],
      { env: api.env, stdin: 'y\n', tty: terminal },
    );
    expect(confirmed.code).toBe(0);
    expect(confirmed.stderr).toContain(`Delete 3 OAuth clients from account ${ACCOUNT}? [y/N] `);
    expect(confirmed.stderr).toContain('Deleted 3, already absent 0, failed 0, not attempted 0\n');
    expect(deletes()).toHaveLength(3);
  });

  it('--from-file - on a terminal needs --yes, since stdin holds the IDs', async () => {
    const id = api.newClient();
    const refused = await runInProcess(
      ['delete', '--from-file', '-', '-a', ACCOUNT, '--no-color'],
      {
        env: api.env,
        stdin: `${id}\n`,
        tty: { stdin: false, stderr: true },
      },
    );
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --from-file - reads the IDs from stdin, so the confirmation cannot be asked\n  hint: add --yes to delete without asking (try --dry-run first)\n',
    });
    expect(api.emulator.requests).toEqual([]);

    const yes = await runInProcess(['delete', '--from-file', '-', '-a', ACCOUNT, '--yes'], {
      env: api.env,
      stdin: `${id}\n`,
      tty: { stdin: false, stderr: true },
    });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toBe(`${id}\n`);
  });

  it('a script (no terminal) is never asked', async () => {
    const ids = [api.newClient(), api.newClient()];
    const run = await runInProcess(['delete', ...ids, '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Deleted 2, already absent 0, failed 0, not attempted 0\n');
  });
});

describe('progress', () => {
  it('shows "Deleting n/total, k failed" on a terminal stderr', async () => {
    const ids = [api.newClient(), api.newClient(), 'ffffffffffffffffffffffffffffffff'];
    api.emulator.fault({ match: { method: 'DELETE' }, delayMs: 150, times: 3 });
    const run = await runInProcess(['delete', ...ids, '-a', ACCOUNT, '--yes', '--no-color'], {
      env: api.env,
      tty: { stderr: true },
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Deleting 0/3, 0 failed');
    expect(run.stderr).toContain('Deleting 3/3, 1 failed');
    expect(run.stderr).toContain('Deleted 2, already absent 0, failed 1, not attempted 0\n');
  });

  it('none with --json, and none when stderr is not a terminal', async () => {
    const quiet = await runInProcess(
      ['delete', api.newClient(), api.newClient(), '-a', ACCOUNT, '--json'],
      {
        env: api.env,
        tty: { stderr: true },
      },
    );
    expect(quiet.stderr).toBe('');
    const piped = await runInProcess(['delete', api.newClient(), api.newClient(), '-a', ACCOUNT], {
      env: api.env,
    });
    expect(piped.stderr).not.toContain('Deleting');
  });
});
