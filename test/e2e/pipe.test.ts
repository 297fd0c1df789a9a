/**
 * stdout closed under a running command (`cf-oauth delete --from-file ids.txt --yes | head -1`):
 * the built bin stops dispatching, lets the requests in flight finish, reports on stderr and
 * exits 141, never 0 with work undone.
 */
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** Reads the first chunk of the child's stdout, then closes the pipe, as `head -1` does. */
const closeAfterFirstLine = (child: ChildProcess) => {
  child.stdout?.once('data', () => child.stdout?.destroy());
};

describe('a closed stdout', () => {
  it('a batch stops dispatching, reports on stderr and exits 141', async () => {
    const ids = Array.from({ length: 57 }, () => api.newClient());
    api.emulator.fault({ match: { method: 'DELETE' }, delayMs: 50, times: 1000 });
    const run = await runBin(
      ['delete', '--from-file', '-', '-a', ACCOUNT, '--yes', '--concurrency', '4'],
      { env: api.env, input: ids.join('\n'), onSpawn: closeAfterFirstLine },
    );

    expect(run.code).toBe(141);
    const deletes = api.emulator.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.length).toBeLessThan(ids.length);
    // Every request sent was answered: none was cut.
    expect(deletes.every((r) => r.status === 200)).toBe(true);
    const summary = /^Deleted (\d+), already absent 0, failed 0, not attempted (\d+)\n$/m.exec(
      run.stderr,
    );
    expect(summary).not.toBeNull();
    expect(Number(summary?.[1])).toBe(deletes.length);
    expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(ids.length);
  });

  it('--json: a document that cannot be written still ends 141, not 0', async () => {
    const ids = Array.from({ length: 5 }, () => api.newClient());
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT, '--yes', '--json'], {
      env: api.env,
      onSpawn: (child) => child.stdout?.destroy(),
    });
    // Nothing is written to stdout before the document, so the batch ran to its end.
    expect(run.code).toBe(141);
    expect(run.stderr).toBe('cf-oauth: stdout was closed before all the output was written\n');
    expect(api.emulator.deleted.map((d) => d.clientId)).toEqual(expect.arrayContaining(ids));
  });

  it('a single delete whose result cannot be written exits 141 and says so', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--yes'], {
      env: api.env,
      onSpawn: (child) => child.stdout?.destroy(),
    });
    expect(run.code).toBe(141);
    expect(run.stderr).toBe('cf-oauth: stdout was closed before all the output was written\n');
    expect(api.emulator.deleted.map((d) => d.clientId)).toContain(id);
  });
});
