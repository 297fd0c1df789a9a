/**
 * The CLI against the emulator, in-process as a child process would run it
 * (test/helpers/in-process.ts); test/e2e/startup.test.ts runs the built bin's delete.
 */
import { describe, expect, it } from 'vitest';
import { deletedDocument, NOT_FOUND_ERROR, usageFailureDocument } from '../helpers/documents.js';
import { ACCOUNT, EMAIL, expectNoSecrets, KEY, TOKEN, useEmulator } from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

const api = useEmulator();
const NODE = process.versions.node;

describe('cf-oauth delete (built bin, real HTTP)', () => {
  it('deletes the client and prints only its ID when piped', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '--account', ACCOUNT], { env: api.env });

    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(api.emulator.clients(ACCOUNT).map((c) => c.client_id)).not.toContain(id);
    expect(api.emulator.requests).toHaveLength(1);
    const [request] = api.emulator.requests;
    expect(request?.method).toBe('DELETE');
    expect(request?.rawPath).toBe(`/client/v4/accounts/${ACCOUNT}/oauth_clients/${id}`);
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['x-auth-key']).toBeUndefined();
    expect(request?.headers['x-auth-email']).toBeUndefined();
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['user-agent']).toBe(`cf-oauth/0.1.0 node/${NODE}`);
  });

  it('prints one JSON document with the API result verbatim', async () => {
    const id = api.newClient();
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--json'], { env: api.env });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(deletedDocument(id));
  });

  it('sends the key scheme alone when only a key and email are given', async () => {
    const id = api.newClient();
    const env = api.endpointEnv;
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--api-key', KEY, '--email', EMAIL], {
      env,
    });

    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    const headers = api.emulator.requests[0]?.headers;
    expect(headers?.['x-auth-key']).toBe(KEY);
    expect(headers?.['x-auth-email']).toBe(EMAIL);
    expect(headers?.authorization).toBeUndefined();
  });

  it('exits 4 on a missing client, with the API error on stderr and nothing on stdout', async () => {
    const id = 'ffffffffffffffffffffffffffffffff';
    const run = await runBin(['delete', id, '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    const ray = api.emulator.requests[0] && run.stderr.match(/cf-ray (\S+)/)?.[1];
    expect(ray).toMatch(/^[0-9a-f]{16}-LHR$/);
    expect(run.stderr).toBe(
      `error: OAuth client not found (code 7003)\n  HTTP 404, cf-ray ${ray}\n`,
    );
  });

  it('exits 3 on a rejected token, says which source supplied it and that it is invalid', async () => {
    const id = api.newClient();
    const env = { ...api.env, CLOUDFLARE_API_TOKEN: 'canary-wrong-token' };
    const run = await runBin(['delete', id, '-a', ACCOUNT], { env });

    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: Invalid access token (code 9109)\n');
    expect(run.stderr).toContain('  credential: API token from CLOUDFLARE_API_TOKEN\n');
    // 9109 is a token the API does not know, not a missing permission.
    expect(run.stderr).toContain('  hint: the token is invalid, expired or malformed\n');
    expect(run.stderr).not.toContain('permission');
    expect(run.stderr).not.toContain('canary-wrong-token');
  });

  it('reports a failure as one JSON document with --json', async () => {
    const id = 'ffffffffffffffffffffffffffffffff';
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--json'], { env: api.env });

    expect(run.code).toBe(4);
    const document = JSON.parse(run.stdout);
    expect(document).toEqual({
      success: false,
      result: null,
      errors: [{ code: 7003, message: 'OAuth client not found' }],
      messages: [],
      id,
      outcome: 'failed',
      status: 404,
      error: NOT_FOUND_ERROR,
    });
  });

  it('exits 2 and sends nothing for an invalid account ID', async () => {
    const run = await runBin(
      ['delete', 'abc00000000000000000000000000000', '--account', 'not-an-account'],
      { env: api.env },
    );

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*account/);
    expect(api.emulator.requests).toHaveLength(0);
  });

  it('with --json, a usage error is also one JSON document on stdout', async () => {
    const invalid = await runBin(
      ['delete', 'abc00000000000000000000000000000', '-a', 'xyz', '--json'],
      { env: api.env },
    );
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stdout)).toEqual(
      usageFailureDocument(
        'the account ID from --account must be 32 hexadecimal characters, not "xyz"',
        'the account ID is in the Cloudflare dashboard URL: dash.cloudflare.com/<account ID>',
      ),
    );

    const unknown = await runBin(
      ['delete', 'abc00000000000000000000000000000', '--json', '--bogus'],
      { env: api.env },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: unknown option '--bogus'\n");
    expect(JSON.parse(unknown.stdout)).toEqual(usageFailureDocument("unknown option '--bogus'"));
    expect(api.emulator.requests).toHaveLength(0);
  });

  it('treats unknown flags and missing arguments as usage errors (exit 2)', async () => {
    const unknown = await runBin(['delete', 'abc00000000000000000000000000000', '--bogus'], {
      env: api.env,
    });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--bogus'\n" });

    const missing = await runBin(['delete'], { env: api.env });
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: missing required argument 'oauth_client_id'\n",
    });
    expect(api.emulator.requests).toHaveLength(0);
  });

  it('`cf-oauth help` exits 0; a bare `cf-oauth` shows help on stderr and exits 2', async () => {
    const help = await runBin(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cf-oauth [options] [command]');

    const bare = await runBin([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: cf-oauth [options] [command]');
  });

  it('prints help with the exit codes and exits 0', async () => {
    const run = await runBin(['delete', '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Usage: cf-oauth delete [options] <oauth_client_id>');
    expect(run.stdout).toContain('  3    authentication or permission failure (HTTP 401/403)');
    expect(run.stdout).toContain('visible to other users in the process list');
    expect(run.stdout).toContain('the whole run by (retries + 1) x timeout');
  });

  it('never shows a secret, whatever happens', async () => {
    const outputs: string[] = [];
    const scenarios: string[][] = [
      ['delete', api.newClient(), '-a', ACCOUNT, '-v'],
      ['delete', 'ffffffffffffffffffffffffffffffff', '-a', ACCOUNT, '-v', '--json'],
      ['delete', api.newClient(), '-a', 'bad', '-v'],
      ['delete', api.newClient(), '-a', ACCOUNT, '--api-key', KEY, '--email', EMAIL, '-v'],
      ['delete', api.newClient(), '-a', ACCOUNT, '--api-key', KEY, '-v', '--json'],
      ['delete', api.newClient(), '-a', ACCOUNT, '--base-url', 'http://example.com', '-v'],
    ];
    for (const argv of scenarios) {
      const run = await runBin(argv, { env: api.env });
      outputs.push(run.stdout, run.stderr);
    }
    expect(outputs.join('')).toContain('credential: API token from CLOUDFLARE_API_TOKEN');
    expectNoSecrets(...outputs);
  });
});
