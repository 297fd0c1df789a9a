/**
 * Lists longer than one page, with the built bin against an emulator that pages the OAuth
 * clients 20 at a time: nothing is shown or acted on as if one page were the whole list.
 */
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator({ clientsPerPage: 20 });
const listPath = `/client/v4/accounts/${ACCOUNT}/oauth_clients`;

describe('57 OAuth clients, 20 to a page', () => {
  it('list shows all 57, reading three pages', async () => {
    const ids = Array.from({ length: 57 }, (_, i) => api.newClient(`Paged ${i + 1}`));
    const run = await runBin(['list', '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(ids);
    expect(api.emulator.requests.map((r) => r.rawPath)).toEqual([
      listPath,
      `${listPath}?page=2&per_page=20`,
      `${listPath}?page=3&per_page=20`,
    ]);

    const json = await runBin(['list', '-a', ACCOUNT, '--json'], { env: api.env });
    expect(JSON.parse(json.stdout)).toHaveLength(57);
  });

  it('delete --name finds client 46, on the third page', async () => {
    const target = api.emulator.clients(ACCOUNT).find((c) => c.client_name === 'Paged 46');
    const run = await runBin(['delete', '--name', 'Paged 46', '-a', ACCOUNT], { env: api.env });
    expect(run).toEqual({ code: 0, stdout: `${target?.client_id}\n`, stderr: '' });
    expect(api.emulator.deleted.map((d) => d.clientId)).toEqual([target?.client_id]);
  });

  it('a page that fails is an error, never a partial list', async () => {
    api.emulator.fault({
      match: { pathIncludes: 'page=2' },
      status: 500,
      body: {
        success: false,
        errors: [{ code: 1000, message: 'boom' }],
        messages: [],
        result: null,
      },
    });
    const run = await runBin(['list', '-a', ACCOUNT, '--retries', '0'], { env: api.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: boom \(code 1000\)\n/);
  });
});
