/**
 * Answers as Cloudflare can really give them: a DELETE with no body, and a GET cut by Ctrl-C.
 * The built bin against the emulator.
 */
import { describe, expect, it } from 'vitest';
import { interruptOnFirstRequest, runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

describe('a DELETE answered without a body', () => {
  it.each([204, 200] as const)(
    '%i and no body is a deletion: exit 0, the ID on stdout',
    async (status) => {
      const id = api.newClient();
      api.emulator.fault({ match: { method: 'DELETE' }, answerEmpty: status });
      const run = await runBin(['delete', id, '-a', ACCOUNT], { env: api.env });
      expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
      expect(api.emulator.deleted.map((d) => d.clientId)).toContain(id);
    },
  );

  it('--json: outcome deleted, status 204, result null', async () => {
    const id = api.newClient();
    api.emulator.fault({ match: { method: 'DELETE' }, answerEmpty: 204 });
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--json'], { env: api.env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      success: true,
      result: null,
      errors: [],
      messages: [],
      id,
      outcome: 'deleted',
      status: 204,
    });
  });

  it('in a batch, each 204 counts as deleted', async () => {
    const ids = [api.newClient(), api.newClient()];
    api.emulator.fault({ match: { method: 'DELETE' }, answerEmpty: 204, times: 2 });
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT], { env: api.env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Deleted 2, already absent 0, failed 0, not attempted 0\n');
  });
});

describe('an interrupted GET', () => {
  it('account detection cut by SIGINT says nothing was changed', async () => {
    api.emulator.fault({ match: { pathIncludes: '/accounts?' }, hang: true });
    const run = await runBin(['delete', 'a'.repeat(32)], {
      env: api.env,
      onSpawn: interruptOnFirstRequest(api.emulator),
    });
    expect(run.code).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: interrupted while a GET was in flight: a GET changes nothing; no DELETE was sent\n',
    );
    expect(api.emulator.requests.map((r) => r.method)).toEqual(['GET']);
  });
});
