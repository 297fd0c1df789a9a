/**
 * `delete --name`, and the confirmation on a terminal that names the client: in-process pipes
 * (test/helpers/in-process.ts) for the non-interactive paths, in-process fake terminals for the questions.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { deletedDocument } from '../helpers/documents.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

const api = useEmulator();
const terminal = { stdin: true, stderr: true };
const MISSING = 'ffffffffffffffffffffffffffffffff';
const listPath = `/client/v4/accounts/${ACCOUNT}/oauth_clients`;
const calls = () => api.emulator.requests.map((r) => `${r.method} ${r.rawPath}`);

/** A name no other test uses, so the account's other clients never match. */
let names = 0;
const uniqueName = (base: string) => `${base} ${++names}`;

describe('delete --name', () => {
  it('finds the one client with exactly that name and deletes it', async () => {
    const name = uniqueName('Acme staging');
    api.newClient(`${name} (old)`);
    api.newClient(name.toUpperCase());
    const id = api.newClient(name);
    const run = await runBin(['delete', '--name', name, '-a', ACCOUNT], { env: api.env });

    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(calls()).toEqual([`GET ${listPath}`, `DELETE ${listPath}/${id}`]);
  });

  it('keeps the single-delete JSON document', async () => {
    const name = uniqueName('Json client');
    const id = api.newClient(name);
    const run = await runBin(['delete', '--name', name, '-a', ACCOUNT, '--json'], {
      env: api.env,
    });
    expect(JSON.parse(run.stdout)).toEqual(deletedDocument(id));
  });

  it('no client with that name: not found, exit 4, nothing deleted', async () => {
    const name = uniqueName('Nobody');
    const run = await runBin(['delete', '--name', name, '-a', ACCOUNT], { env: api.env });

    expect(run).toEqual({
      code: 4,
      stdout: '',
      stderr: `error: no OAuth client named "${name}" in account ${ACCOUNT}\n  hint: names must match exactly, including case; \`cf-oauth list\` shows them\n`,
    });
    expect(calls()).toEqual([`GET ${listPath}`]);
  });

  it('several clients with that name: never a guess, exit 2 listing their IDs', async () => {
    const name = uniqueName('Twin');
    const first = api.newClient(name);
    const second = api.newClient(name);
    const run = await runBin(['delete', '--name', name, '-a', ACCOUNT, '--json'], {
      env: api.env,
    });

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toEqual({
      type: 'usage',
      message: `2 OAuth clients in account ${ACCOUNT} are named "${name}": ${first}, ${second}`,
      status: null,
      hint: 'delete the one you mean by its ID: cf-oauth delete <oauth_client_id>',
      credential_source: 'API token from CLOUDFLARE_API_TOKEN',
    });
    expect(calls()).toEqual([`GET ${listPath}`]);
    const ids = api.emulator.clients(ACCOUNT).map((c) => c.client_id);
    expect(ids).toContain(first);
    expect(ids).toContain(second);
  });

  it('with --dry-run, shows the client it found and deletes nothing', async () => {
    const name = uniqueName('Preview');
    const id = api.newClient(name);
    const run = await runBin(['delete', '--name', name, '-a', ACCOUNT, '--dry-run'], {
      env: api.env,
    });
    expect(run).toEqual({
      code: 0,
      stdout: `${id}\t${name}\n`,
      stderr: 'Would delete 1, failed 0, not attempted 0 (dry run: nothing was deleted)\n',
    });
    expect(calls()).toEqual([`GET ${listPath}`, `GET ${listPath}/${id}`]);
  });

  it('an empty name is a usage error', async () => {
    const run = await runBin(['delete', '--name', '', '-a', ACCOUNT], { env: api.env });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'error: --name is empty\n' });
  });

  it('on a terminal, the question shows the name and the ID', async () => {
    const name = uniqueName('Acme staging');
    const id = api.newClient(name);
    const run = await runInProcess(['delete', '--name', name, '-a', ACCOUNT, '--no-color'], {
      env: api.env,
      stdin: 'y\n',
      tty: terminal,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `Delete OAuth client "${name}" (${id}) from account ${ACCOUNT}? [y/N] `,
    );
    expect(calls()).toEqual([`GET ${listPath}`, `DELETE ${listPath}/${id}`]);
  });
});

describe('the single-ID question on a terminal', () => {
  it('looks the client up first and names it', async () => {
    const id = api.newClient('Acme staging');
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--no-color'], {
      env: api.env,
      stdin: 'yes\n',
      tty: terminal,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(run.stderr).toContain(`Looking up OAuth client ${id}`);
    expect(run.stderr).toContain(
      `Delete OAuth client "Acme staging" (${id}) from account ${ACCOUNT}? [y/N] `,
    );
    expect(calls()).toEqual([`GET ${listPath}/${id}`, `DELETE ${listPath}/${id}`]);
  });

  it('a client that does not exist: not found (exit 4), no question, no DELETE', async () => {
    const run = await runInProcess(['delete', MISSING, '-a', ACCOUNT, '--no-color'], {
      env: api.env,
      stdin: 'y\n',
      tty: terminal,
    });
    expect(run.code).toBe(4);
    expect(run.stderr).not.toContain('[y/N]');
    expect(run.stderr).toMatch(
      /error: OAuth client not found \(code 7003\)\n {2}HTTP 404, cf-ray [0-9a-f]{16}-LHR\n$/,
    );
    expect(calls()).toEqual([`GET ${listPath}/${MISSING}`]);

    const ignoring = await runInProcess(
      ['delete', MISSING, '-a', ACCOUNT, '--ignore-missing', '--no-color'],
      { env: api.env, stdin: 'y\n', tty: terminal },
    );
    expect(ignoring.code).toBe(0);
    expect(ignoring.stdout).toBe(`${MISSING}\n`);
    expect(ignoring.stderr).not.toContain('[y/N]');
    expect(ignoring.stderr).toMatch(
      new RegExp(`OAuth client ${MISSING} does not exist \\(--ignore-missing\\)\n$`),
    );
  });

  it('any other failure of the look-up falls back to asking with the ID alone', async () => {
    const id = api.newClient('Hidden');
    api.emulator.fault({ match: { method: 'GET' }, html: true, status: 502 });
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--retries', '0', '--no-color'], {
      env: api.env,
      stdin: 'n\n',
      tty: terminal,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Delete OAuth client ${id} from account ${ACCOUNT}? [y/N] `);
    expect(run.stderr).toMatch(/\nerror: not confirmed: nothing was deleted\n$/);
    expect(calls()).toEqual([`GET ${listPath}/${id}`]);
  });

  it('--yes or a non-terminal skips the look-up: one DELETE only', async () => {
    const id = api.newClient('Quick');
    const run = await runInProcess(['delete', id, '-a', ACCOUNT, '--yes'], {
      env: api.env,
      tty: terminal,
    });
    expect(run.code).toBe(0);
    expect(calls()).toEqual([`DELETE ${listPath}/${id}`]);
  });
});
