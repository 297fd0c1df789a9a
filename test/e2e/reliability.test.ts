/**
 * Fault injection: the real command over real HTTP against the emulator's scripted faults.
 * Runs in-process so a recording clock can prove which waits were honoured without sleeping.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/context.js';
import { runInProcess } from '../helpers/cli.js';
import { ACCOUNT, expectNoSecrets, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** Waits nothing, remembers every wait asked for. */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => Date.now(), sleep: async (ms) => void waits.push(ms) };
}

async function deleteWith(id: string, extra: string[] = [], clock = recordingClock()) {
  const run = await runInProcess(['delete', id, '-a', ACCOUNT, ...extra], { env: api.env, clock });
  expectNoSecrets(run.stdout, run.stderr);
  return { ...run, waits: clock.waits, attempts: api.emulator.requests.length };
}

const json = (stdout: string) => JSON.parse(stdout);

describe('retries', () => {
  it('retries a 503 with exponential backoff and jitter, then deletes', async () => {
    const id = api.newClient();
    api.emulator.fault({
      status: 503,
      body: { success: false, errors: [], messages: [] },
      times: 2,
    });
    const run = await deleteWith(id);

    expect(run).toMatchObject({ code: 0, stdout: `${id}\n`, stderr: '', attempts: 3 });
    expect(run.waits).toHaveLength(2);
    expect(run.waits[0]).toBeGreaterThanOrEqual(375);
    expect(run.waits[0]).toBeLessThanOrEqual(500);
    expect(run.waits[1]).toBeGreaterThanOrEqual(750);
    expect(run.waits[1]).toBeLessThanOrEqual(1000);
  });

  it('honours Retry-After on a 429 and retry-after-ms before it', async () => {
    const id = api.newClient();
    api.emulator.fault({ status: 429, headers: { 'retry-after': '3' }, body: '{}' });
    api.emulator.fault({
      status: 429,
      headers: { 'retry-after': '3', 'retry-after-ms': '1500' },
      body: '{}',
    });
    const run = await deleteWith(id);

    expect(run).toMatchObject({ code: 0, stdout: `${id}\n`, attempts: 3 });
    expect(run.waits).toEqual([3000, 1500]);
  });

  it('fails at once with exit 5 when the server asks for a wait above --max-retry-wait', async () => {
    const id = api.newClient();
    api.emulator.fault({
      status: 429,
      headers: { 'retry-after': '300' },
      body: { success: false, errors: [{ code: 971, message: 'Please wait' }], messages: [] },
    });
    const run = await deleteWith(id, ['--json']);

    expect(run.code).toBe(5);
    expect(run.waits).toEqual([]);
    expect(run.attempts).toBe(1);
    const document = json(run.stdout);
    expect(document.outcome).toBe('failed');
    expect(document.error.type).toBe('rate_limited');
    expect(document.error.message).toMatch(
      /^rate limited: the API asks to wait 300 s \(until \d\d:\d\d:\d\d UTC\) — more than --max-retry-wait 60$/,
    );
    expect(api.emulator.clients(ACCOUNT).map((c) => c.client_id)).toContain(id);
  });

  it('exits 5 after exhausting retries on 429, saying how many attempts were made', async () => {
    const id = api.newClient();
    api.emulator.fault({ status: 429, headers: { 'retry-after': '1' }, body: '{}', times: 3 });
    const run = await deleteWith(id, ['--retries', '2']);

    expect(run.code).toBe(5);
    expect(run.attempts).toBe(3);
    expect(run.waits).toEqual([1000, 1000]);
    expect(run.stderr).toMatch(/^error: .* \(after 3 attempts\)\n/);
    expect(run.stdout).toBe('');
  });

  it('exits 1 after exhausting retries on 5xx, and the outcome is unknown', async () => {
    const id = api.newClient();
    api.emulator.fault({ html: true, times: 2 });
    const run = await deleteWith(id, ['--retries', '1', '--json']);

    expect(run.code).toBe(1);
    expect(run.attempts).toBe(2);
    const document = json(run.stdout);
    expect(document).toMatchObject({ success: false, outcome: 'unknown', status: 502 });
    expect(document.error.message).toBe(
      'HTTP 502 Bad Gateway: the server answered with text/html, not JSON (after 2 attempts)',
    );
    expect(run.stderr).toBe(`the delete of ${id} may or may not have been applied\n`);
    expect(run.stdout).not.toContain('<html');
  });

  it('--retries 0 makes exactly one attempt', async () => {
    const id = api.newClient();
    api.emulator.fault({ status: 503, body: '{}' });
    const run = await deleteWith(id, ['--retries', '0']);

    expect(run.code).toBe(1);
    expect(run.attempts).toBe(1);
    expect(run.waits).toEqual([]);
  });

  it('obeys x-should-retry: false on a 503 and x-should-retry: true on a 400', async () => {
    const first = api.newClient();
    api.emulator.fault({ status: 503, headers: { 'x-should-retry': 'false' }, body: '{}' });
    expect(await deleteWith(first)).toMatchObject({ code: 1, attempts: 1 });

    api.emulator.requests.length = 0;
    const second = api.newClient();
    api.emulator.fault({ status: 400, headers: { 'x-should-retry': 'true' }, body: '{}' });
    expect(await deleteWith(second)).toMatchObject({ code: 0, attempts: 2 });
  });

  it('never retries another 4xx', async () => {
    const run = await deleteWith('ffffffffffffffffffffffffffffffff');
    expect(run).toMatchObject({ code: 4, attempts: 1, waits: [] });
  });
});

describe('DELETE is idempotent: outcomes tell the truth', () => {
  it('a 404 after an attempt whose answer was lost means already_absent, exit 0', async () => {
    const id = api.newClient();
    api.emulator.fault({ applyThenReset: true });
    const run = await deleteWith(id, ['--json']);

    expect(run.code).toBe(0);
    // Two attempts, then the list that proves the 404 means "gone" (not a wrong path).
    expect(api.emulator.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'GET']);
    expect(api.emulator.requests[2]?.rawPath).toBe(`/client/v4/accounts/${ACCOUNT}/oauth_clients`);
    expect(api.emulator.deleted.map((d) => d.clientId)).toContain(id);
    expect(json(run.stdout)).toMatchObject({
      success: true,
      id,
      outcome: 'already_absent',
      status: 404,
    });
    expect(run.stderr).toBe(
      `OAuth client ${id} is gone: an earlier attempt whose answer was lost most likely deleted it\n`,
    );
  });

  it('a plain 404 is exit 4, or exit 0 already_absent with --ignore-missing', async () => {
    const id = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
    expect((await deleteWith(id)).code).toBe(4);

    const run = await deleteWith(id, ['--ignore-missing']);
    expect(run).toMatchObject({
      code: 0,
      stdout: `${id}\n`,
      stderr: `OAuth client ${id} does not exist (--ignore-missing)\n`,
    });
  });

  it('a timed-out attempt is retried, and its outcome is unknown when retries run out', async () => {
    const id = api.newClient();
    api.emulator.fault({ hang: true, times: 2 });
    const run = await deleteWith(id, ['--timeout', '0.2', '--retries', '1', '--json']);

    expect(run.code).toBe(1);
    expect(run.attempts).toBe(2);
    const document = json(run.stdout);
    expect(document.outcome).toBe('unknown');
    expect(document.error.type).toBe('timeout');
    expect(document.error.message).toMatch(/^no answer from 127\.0\.0\.1:\d+ within 0\.2 s/);
  });
});

describe('bad responses', () => {
  it.each([
    [
      '200 with success: false',
      { status: 200, body: { success: false, errors: [{ code: 1000, message: 'nope' }] } },
      'nope (code 1000)',
    ],
    ['200 with a body that is not JSON', { status: 200, body: 'OK' }, 'not JSON'],
    [
      '200 with a truncated body',
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success": tr' },
      'not valid JSON',
    ],
    ['200 without success', { status: 200, body: { result: { id: 'x' } } }, 'success'],
    [
      '200 with a body over 1 MiB',
      { status: 200, body: { success: true, padding: 'x'.repeat(1_100_000) } },
      '1 MiB',
    ],
  ])('%s is a clear error, exit 1', async (_name, fault, fragment) => {
    const id = api.newClient();
    api.emulator.fault(fault);
    const run = await deleteWith(id, ['--retries', '0']);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(fragment);
    expect(run.stderr.length).toBeLessThan(600);
  });

  it('--verbose shows the first 200 characters of a bad body, secrets redacted', async () => {
    const id = api.newClient();
    const body = `<p>${api.env.CLOUDFLARE_API_TOKEN} ${'y'.repeat(400)}</p>`;
    api.emulator.fault({ status: 200, headers: { 'content-type': 'text/html' }, body });
    const run = await deleteWith(id, ['--retries', '0', '-v']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('<p>[REDACTED] yyyy');
    expect(run.stderr).not.toContain('y'.repeat(200));
  });

  it('a different result.id is a warning, not a failure; a null result is fine', async () => {
    const first = api.newClient();
    api.emulator.fault({
      status: 200,
      body: { success: true, errors: [], messages: [], result: { id: 'someone-else' } },
    });
    expect(await deleteWith(first)).toMatchObject({
      code: 0,
      stdout: `${first}\n`,
      stderr: `warning: the API reported deleting "someone-else", not ${first}\n`,
    });

    const second = api.newClient();
    api.emulator.fault({
      status: 200,
      body: { success: true, errors: [], messages: [], result: null },
    });
    expect(await deleteWith(second)).toMatchObject({ code: 0, stdout: `${second}\n`, stderr: '' });
  });
});

describe('network failures', () => {
  it('names the host when the connection is refused', async () => {
    const env = { ...api.env, CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:1/client/v4' };
    const run = await runInProcess(
      ['delete', 'abc00000000000000000000000000000', '-a', ACCOUNT, '--retries', '0'],
      { env },
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: could not connect to 127.0.0.1:1: connection refused (ECONNREFUSED); nothing was sent\n',
    );
  });

  it('a reset connection is retried', async () => {
    const id = api.newClient();
    api.emulator.fault({ reset: true });
    expect(await deleteWith(id)).toMatchObject({ code: 0, stdout: `${id}\n`, attempts: 2 });
  });
});
