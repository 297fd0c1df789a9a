/**
 * "Already absent" must be proven: a 404 counts as "the client is gone" only when the account's
 * complete list of OAuth clients lacks it. Built bin (and in-process for the terminal) against
 * the emulator, which answers a mistyped base URL with the same 404 and code as a missing client.
 */
import { describe, expect, it } from 'vitest';
import { runBin, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();
const MISSING = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
const LIST = `/client/v4/accounts/${ACCOUNT}/oauth_clients`;
const HINT =
  '  hint: a 404 also comes from a wrong API path: check the base URL (https://api.cloudflare.com/client/v4) and the account ID\n';
/** The base URL with `v4` mistyped as `v`: every request gets Cloudflare's routing 404. */
const mistyped = () => ({
  ...api.env,
  CLOUDFLARE_API_BASE_URL: api.emulator.url.replace('/client/v4', '/client/v'),
});
const requests = () => api.emulator.requests.map((r) => `${r.method} ${r.rawPath}`);
const routed = (path: string) =>
  `Could not route to /client/v${path}, perhaps your object identifier is invalid? (code 7003)`;

describe('a mistyped base URL with --ignore-missing', () => {
  it('one ID: exit 4, nothing on stdout, the client still there, and why absence is unconfirmed', async () => {
    const id = api.newClient('Still here');
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--ignore-missing'], {
      env: mistyped(),
    });

    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    const deletePath = `/accounts/${ACCOUNT}/oauth_clients/${id}`;
    const rays = [...run.stderr.matchAll(/cf-ray (\S+)/g)].map((m) => m[1]);
    expect(run.stderr).toBe(
      `error: ${routed(deletePath)}\n  HTTP 404, cf-ray ${rays[0]}\n${HINT}` +
        `could not confirm that OAuth client ${id} is absent: listing the account's OAuth clients failed too: ${routed(`/accounts/${ACCOUNT}/oauth_clients`)}\n`,
    );
    expect(api.emulator.clients(ACCOUNT).map((c) => c.client_id)).toContain(id);
    expect(api.emulator.deleted).toEqual([]);
  });

  it('--json: outcome failed, not already_absent', async () => {
    const id = api.newClient('Still here too');
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--ignore-missing', '--json'], {
      env: mistyped(),
    });
    expect(run.code).toBe(4);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({ success: false, id, outcome: 'failed', status: 404 });
    expect(document.error).toMatchObject({ type: 'not_found', hint: HINT.slice(8, -1) });
  });

  it('a batch: failed, never "already absent", with one list call for every 404', async () => {
    const ids = [api.newClient('B1'), api.newClient('B2'), api.newClient('B3')];
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT, '--ignore-missing'], {
      env: mistyped(),
    });

    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Deleted 0, already absent 0, failed 3, not attempted 0\n');
    expect(requests().filter((r) => r.startsWith('GET'))).toHaveLength(1);
    expect(api.emulator.deleted).toEqual([]);
  });
});

describe('proven absence', () => {
  it('missing from the complete list: already absent, one list call for the whole batch', async () => {
    const present = api.newClient('Present');
    const missing = ['e', 'd', 'c'].map((c) => c.repeat(32));
    const run = await runBin(
      ['delete', ...missing, present, '-a', ACCOUNT, '--ignore-missing', '--concurrency', '4'],
      { env: api.env },
    );

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([...missing, present].sort());
    expect(run.stderr).toContain('Deleted 1, already absent 3, failed 0, not attempted 0\n');
    expect(requests().filter((r) => r.startsWith('GET'))).toEqual([`GET ${LIST}`]);
  });

  it('a credential that cannot read the list: a not-found failure saying so (exit 4)', async () => {
    api.emulator.fault({
      match: { method: 'GET', pathIncludes: '/oauth_clients' },
      status: 403,
      body: { success: false, errors: [{ code: 10000, message: 'Authentication error' }] },
    });
    const run = await runBin(['delete', MISSING, '-a', ACCOUNT, '--ignore-missing'], {
      env: api.env,
    });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `could not confirm that OAuth client ${MISSING} is absent: the credential cannot list the account's OAuth clients \\(that needs "OAuth Client Read"\\)\\n$`,
      ),
    );
  });

  it('a 404 for a client the list shows is not "absent"', async () => {
    const id = api.newClient('Listed');
    api.emulator.fault({
      match: { method: 'DELETE' },
      status: 404,
      body: {
        success: false,
        errors: [{ code: 7003, message: 'OAuth client not found' }],
        messages: [],
        result: null,
      },
    });
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--ignore-missing'], {
      env: api.env,
    });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `could not confirm that OAuth client ${id} is absent: the API lists ${id} among the account's OAuth clients\\n$`,
      ),
    );
  });

  it('a lost answer then a routing 404: unknown, not "most likely deleted"', async () => {
    const id = api.newClient('Lost');
    api.emulator.fault({ match: { method: 'DELETE' }, reset: true });
    const base = mistyped();
    // The reset comes before routing; the retry and the list get the routing 404.
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--json'], { env: base });
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ id, outcome: 'unknown', status: 404 });
    expect(run.stderr).toBe(
      `could not confirm that OAuth client ${id} is absent: listing the account's OAuth clients failed too: ${routed(`/accounts/${ACCOUNT}/oauth_clients`)}; the delete of ${id} may or may not have been applied\n`,
    );
    expect(api.emulator.clients(ACCOUNT).map((c) => c.client_id)).toContain(id);
  });

  it('the terminal look-up: a routing 404 is not "already absent" either', async () => {
    const id = api.newClient('Looked up');
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--ignore-missing'], {
      env: mistyped(),
      tty: { stdin: true, stderr: true },
    });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`could not confirm that OAuth client ${id} is absent`);
    expect(requests().filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });

  it('the terminal look-up: a proven 404 with --ignore-missing is already absent, no question', async () => {
    const run = await runInProcess(['delete', MISSING, '-a', ACCOUNT, '--ignore-missing'], {
      env: api.env,
      tty: { stdin: true, stderr: true },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`OAuth client ${MISSING} does not exist (--ignore-missing)`);
    expect(requests()).toEqual([`GET ${LIST}/${MISSING}`, `GET ${LIST}`]);
  });
});
