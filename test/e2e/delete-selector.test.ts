/**
 * `cf-oauth delete --match` / `--created-before` (built bin and in-process, emulator): one list
 * call then a batch, refused in a script without --yes, the matched names in the question on a
 * terminal, "nothing matched" when nothing did.
 */
import { describe, expect, it } from 'vitest';
import { runBin, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

const OLD = '2025-01-01T00:00:00Z';
const methods = () => api.emulator.requests.map((r) => r.method);
const present = (id: string) => api.emulator.clients(ACCOUNT).some((c) => c.client_id === id);

function client(name: string, createdAt = `${new Date().toISOString().slice(0, 19)}Z`) {
  return api.emulator.addClient(ACCOUNT, { client_name: name, created_at: createdAt }).client_id;
}

function cli(args: string[], input?: string) {
  return runBin(['delete', ...args, '-a', ACCOUNT], {
    env: api.env,
    ...(input === undefined ? {} : { input }),
  });
}

describe('delete by selector', () => {
  it('in a script without --yes: exit 2, nothing sent', async () => {
    const run = await cli(['--match', 'sel-*']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: deleting by --match or --created-before without a terminal needs --yes\n  hint: see what matches with --dry-run, then add --yes\n',
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('--match and --created-before together: exactly the clients that are both, as a batch', async () => {
    const oldPreview = client('sel-preview-1', OLD);
    const newPreview = client('sel-preview-2');
    const oldOther = client('sel-other', OLD);
    const run = await cli(['--match', 'sel-preview-*', '--created-before', '7d', '--yes']);
    expect(run).toEqual({
      code: 0,
      stdout: `${oldPreview}\n`,
      stderr: 'Deleted 1, already absent 0, failed 0, not attempted 0\n',
    });
    expect(methods()).toEqual(['GET', 'DELETE']);
    expect([present(oldPreview), present(newPreview), present(oldOther)]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('--dry-run shows what matches and deletes nothing', async () => {
    const a = client('dry-a', OLD);
    const b = client('dry-b', OLD);
    const run = await cli(['--match', 'dry-?', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${a}\tdry-a\n${b}\tdry-b\n`);
    expect(run.stderr).toBe(
      'Would delete 2, failed 0, not attempted 0 (dry run: nothing was deleted)\n',
    );
    expect(methods()).not.toContain('DELETE');
  });

  it('no match: exit 0, "nothing matched"; --json an empty results list', async () => {
    const text = await cli(['--match', 'no-such-*', '--yes']);
    expect(text).toEqual({ code: 0, stdout: '', stderr: 'nothing matched\n' });
    const json = await cli(['--created-before', '2000-01-01', '--yes', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      success: true,
      results: [],
      summary: { total: 0, deleted: 0, already_absent: 0, failed: 0, unknown: 0, not_attempted: 0 },
    });
    expect(methods()).toEqual(['GET', 'GET']);
  });

  it('never combined with IDs, --from-file or --name; bad values exit 2 before sending', async () => {
    const id = client('combo');
    for (const extra of [[id], ['--from-file', 'ids.txt'], ['--name', 'combo']]) {
      const run = await cli(['--match', 'combo', '--yes', ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'error: --match and --created-before cannot be combined with client IDs, --from-file or --name\n',
      );
    }
    const future = await cli(['--created-before', '2999-01-01', '--yes']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain(
      'error: --created-before "2999-01-01" is in the future: it would match every client\n',
    );
    expect((await cli(['--match', '', '--yes'])).stderr).toContain('error: --match is empty\n');
    expect(api.emulator.requests).toEqual([]);
  });

  it('on a terminal the question lists the matched clients; no deletes nothing', async () => {
    const a = client('ask-one', OLD);
    const b = client('ask-two', OLD);
    const run = await runInProcess(['delete', '--match', 'ask-*', '-a', ACCOUNT, '--no-color'], {
      env: api.env,
      stdin: 'n\n',
      tty: { stdin: true, stderr: true },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Delete these 2 OAuth clients from account ${ACCOUNT}?\n  ${a} "ask-one"\n  ${b} "ask-two"\nDelete? [y/N] `,
    );
    expect(methods()).toEqual(['GET']);
    expect(present(a) && present(b)).toBe(true);
  });
});
