/** `list`'s run function in-process, with options parsed by its definition. */
import { describe, expect, it } from 'vitest';
import { defineList } from '../../src/commands/list/definition.js';
import { run } from '../../src/commands/list/run.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';
import { fakeContext } from '../helpers/in-process.js';
import { parse } from '../helpers/parse.js';

const api = useEmulator();

describe('list run', () => {
  it('prints the clients whose name matches --filter, one line each, in a pipe', async () => {
    const staging = api.emulator.addClient(ACCOUNT, { client_name: 'Acme Staging' });
    api.emulator.addClient(ACCOUNT, { client_name: 'Acme production' });
    const { ctx, output } = fakeContext({ env: api.env });
    const { options } = parse(defineList, ['-a', ACCOUNT, '--filter', 'STAGING']);

    expect(await run(options, ctx)).toBe(0);
    const { stdout, stderr } = output();
    expect(stdout.split('\t').slice(0, 2)).toEqual([staging.client_id, 'Acme Staging']);
    expect(stdout.split('\n')).toHaveLength(2);
    expect(stderr).toBe('');
    expect(api.emulator.requests.map((request) => `${request.method} ${request.rawPath}`)).toEqual([
      `GET /client/v4/accounts/${ACCOUNT}/oauth_clients`,
    ]);
  });

  it('exits 2 and sends nothing for an invalid account', async () => {
    const { ctx, output } = fakeContext({ env: api.env });
    const { options } = parse(defineList, ['-a', 'not-an-account', '--json']);

    expect(await run(options, ctx)).toBe(2);
    expect(JSON.parse(output().stdout)).toMatchObject({ success: false, error: { type: 'usage' } });
    expect(api.emulator.requests).toEqual([]);
  });
});
