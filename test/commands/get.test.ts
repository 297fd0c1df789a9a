/** `get`'s run function in-process, with its argument and options parsed by its definition. */
import { describe, expect, it } from 'vitest';
import { defineGet } from '../../src/commands/get/definition.js';
import { run } from '../../src/commands/get/run.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';
import { fakeContext } from '../helpers/in-process.js';
import { parse } from '../helpers/parse.js';

const api = useEmulator();

describe('get run', () => {
  it('prints the API object verbatim with --json', async () => {
    const client = api.emulator.addClient(ACCOUNT, { client_name: 'Acme' });
    const { ctx, output } = fakeContext({ env: api.env });
    const { args, options } = parse(defineGet, [client.client_id, '-a', ACCOUNT, '--json']);

    expect(await run(...args, options, ctx)).toBe(0);
    expect(JSON.parse(output().stdout)).toEqual(client);
    expect(output().stderr).toBe('');
  });

  it('exits 4 on a missing client, naming it', async () => {
    const { ctx, output } = fakeContext({ env: api.env });
    const id = 'a'.repeat(32);
    const { args, options } = parse(defineGet, [id, '-a', ACCOUNT]);

    expect(await run(...args, options, ctx)).toBe(4);
    expect(output().stdout).toBe('');
    expect(output().stderr).toMatch(/^error: /);
  });

  it('exits 2 and sends nothing for an invalid ID', async () => {
    const { ctx, output } = fakeContext({ env: api.env });
    const { args, options } = parse(defineGet, ['not an id', '-a', ACCOUNT]);

    expect(await run(...args, options, ctx)).toBe(2);
    expect(output().stderr).toMatch(/^error: the OAuth client ID "not an id" /);
    expect(api.emulator.requests).toEqual([]);
  });
});
