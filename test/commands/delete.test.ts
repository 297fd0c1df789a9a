/** `delete`'s run function in-process, with its IDs and options parsed by its definition. */
import { describe, expect, it } from 'vitest';
import { defineDelete } from '../../src/commands/delete/definition.js';
import { run } from '../../src/commands/delete/run.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';
import { fakeContext } from '../helpers/in-process.js';
import { parse } from '../helpers/parse.js';

const api = useEmulator();

describe('delete run', () => {
  it('deletes one client and prints its ID in a pipe', async () => {
    const id = api.newClient();
    const { ctx, output } = fakeContext({ env: api.env });
    const { args, options } = parse(defineDelete, [id, '-a', ACCOUNT]);

    expect(await run(...args, options, ctx)).toBe(0);
    expect(output()).toEqual({ stdout: `${id}\n`, stderr: '' });
    expect(api.emulator.deleted.map((entry) => entry.clientId)).toEqual([id]);
  });

  it('deletes the IDs read from stdin as a batch', async () => {
    const ids = [api.newClient(), api.newClient()];
    const { ctx, output } = fakeContext({ env: api.env, input: `${ids.join('\n')}\n` });
    const { args, options } = parse(defineDelete, ['--from-file', '-', '-a', ACCOUNT, '--yes']);

    expect(await run(...args, options, ctx)).toBe(0);
    expect(output().stdout.split('\n').sort()).toEqual(['', ...ids].sort());
  });

  it('exits 2 and sends nothing without a source of IDs, or with --name and an ID', async () => {
    for (const argv of [[], ['--name', 'Acme', 'a'.repeat(32)]]) {
      const { ctx, output } = fakeContext({ env: api.env });
      const { args, options } = parse(defineDelete, [...argv, '-a', ACCOUNT]);
      expect(await run(...args, options, ctx)).toBe(2);
      expect(output().stdout).toBe('');
    }
    expect(api.emulator.requests).toEqual([]);
  });
});
