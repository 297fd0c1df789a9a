/**
 * Hostile input, end to end: whatever the user types as client ID, account, token, email or
 * base URL, the CLI either refuses with exit 2 before sending anything, or sends exactly one
 * request to /accounts/<account>/oauth_clients/<one encoded segment> on the configured host.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../src/config/settings.js';
import { makeHome, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, OTHER_ACCOUNT, TOKEN, useEmulator } from '../helpers/fixture.js';
import { recordingFetch, type SentRequest } from '../helpers/recording-fetch.js';

const RUNS = { seed: 20261126, numRuns: 1000 };
const BASE = 'https://api.example.test/client/v4';

/** Pieces that have broken URL and header handling elsewhere, mixed with arbitrary text. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('.', '..', '/', '%2F', '%2e%2e', '?', '#', '\r\n', '\n', '\u0000', ' ', '\u2028'),
  fc.constantFrom('a/../../accounts', 'x\r\nX-Injected: 1', '../oauth_clients', '%00', '\\'),
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.stringMatching(/^[0-9a-fA-F]{32}$/),
  fc.stringMatching(/^"[0-9a-f]{32}"$/),
);
/** The API's IDs: 32 hexadecimal characters, upper case taken as lower case. */
const VALID_ID = /^[0-9a-f]{32}$/i;
const hostile = fc.array(tricky, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const place = makeHome();

async function attempt(argv: string[], env: Record<string, string> = {}) {
  const sent: SentRequest[] = [];
  const run = await runInProcess(argv, { env, fetch: recordingFetch(sent), ...placeOptions() });
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain('internal error');
  expect([0, 2]).toContain(run.code);
  if (run.code === 2) expect(sent).toEqual([]);
  else expect(sent).toHaveLength(1);
  return { run, sent };
}

function placeOptions() {
  return { home: place.home, cwd: place.cwd };
}

/** The one request went to the delete endpoint, with one path segment for the client ID. */
function expectDeleteRequest(sent: SentRequest, base: URL, account: string, id: string) {
  const url = new URL(sent.url);
  expect(url.origin).toBe(base.origin);
  expect(url.search).toBe('');
  expect(url.hash).toBe('');
  const prefix = `${base.pathname.replace(/\/+$/, '')}/accounts/${account}/oauth_clients/`;
  expect(url.pathname.startsWith(prefix)).toBe(true);
  const segment = url.pathname.slice(prefix.length);
  expect(segment).not.toContain('/');
  expect(decodeURIComponent(segment)).toBe(id);
  for (const value of Object.values(sent.headers)) expect(value).not.toMatch(/[\r\n\0]/);
  const schemes = ['authorization', 'x-auth-key'].filter((name) =>
    Object.keys(sent.headers).some((header) => header.toLowerCase() === name),
  );
  expect(schemes).toHaveLength(1);
}

describe('hostile input never reaches another endpoint or injects a header', () => {
  it('client ID', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (id) => {
        const argv = ['delete', `--account=${ACCOUNT}`, `--api-token=${TOKEN}`, '--', id];
        const { run, sent } = await attempt(argv, { CLOUDFLARE_API_BASE_URL: BASE });
        expect(run.code === 0).toBe(VALID_ID.test(id));
        if (sent[0]) expectDeleteRequest(sent[0], new URL(BASE), ACCOUNT, id.toLowerCase());
        else expect(run.stderr).toMatch(/^error: /);
      }),
      RUNS,
    );
  });

  it('account ID', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (account) => {
        const argv = [
          'delete',
          `--account=${account}`,
          `--api-token=${TOKEN}`,
          '--',
          'abc00000000000000000000000000000',
        ];
        // A blank flag counts as unset, so the environment's account applies.
        const env = { CLOUDFLARE_API_BASE_URL: BASE, CLOUDFLARE_ACCOUNT_ID: OTHER_ACCOUNT };
        const { sent } = await attempt(argv, env);
        if (sent[0]) {
          const expected = account.trim() === '' ? OTHER_ACCOUNT : account.trim().toLowerCase();
          expect(expected).toMatch(/^[0-9a-f]{32}$/);
          expectDeleteRequest(sent[0], new URL(BASE), expected, 'abc00000000000000000000000000000');
        }
      }),
      RUNS,
    );
  });

  it('API token, API key and email', async () => {
    const credential = fc.oneof(
      hostile.map((token) => [`--api-token=${token}`]),
      fc.tuple(hostile, hostile).map(([key, email]) => [`--api-key=${key}`, `--email=${email}`]),
    );
    await fc.assert(
      fc.asyncProperty(credential, async (flags) => {
        const argv = [
          'delete',
          `--account=${ACCOUNT}`,
          ...flags,
          '--',
          'abc00000000000000000000000000000',
        ];
        const { run, sent } = await attempt(argv, { CLOUDFLARE_API_BASE_URL: BASE });
        if (sent[0])
          expectDeleteRequest(sent[0], new URL(BASE), ACCOUNT, 'abc00000000000000000000000000000');
        for (const flag of flags) {
          const secret = flag.slice(flag.indexOf('=') + 1).trim();
          if (secret.length >= 4) expect(run.stdout + run.stderr).not.toContain(secret);
        }
      }),
      RUNS,
    );
  });

  it('base URL', async () => {
    const baseUrl = fc.oneof(
      hostile,
      hostile.map((tail) => `https://api.example.test/${tail}`),
      hostile.map((host) => `http://${host}/client/v4`),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
    );
    await fc.assert(
      fc.asyncProperty(baseUrl, async (base) => {
        const argv = [
          'delete',
          `--account=${ACCOUNT}`,
          `--api-token=${TOKEN}`,
          '--',
          'abc00000000000000000000000000000',
        ];
        const { sent } = await attempt(argv, { CLOUDFLARE_API_BASE_URL: base });
        if (!sent[0]) return;
        // A blank value counts as unset: the default API applies.
        const given = base.trim() === '' ? DEFAULT_BASE_URL : base.trim();
        const configured = new URL(given.replace(/\/+$/, ''));
        expect(['https:', 'http:']).toContain(configured.protocol);
        if (configured.protocol === 'http:') {
          expect(configured.hostname).toMatch(/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/);
        }
        expectDeleteRequest(sent[0], configured, ACCOUNT, 'abc00000000000000000000000000000');
      }),
      RUNS,
    );
  });

  it('rc file contents: load, or exit 2 naming the file', async () => {
    const rcPath = join(place.cwd, '.cfoauthrc');
    const contents = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          accountId: fc.oneof(fc.string(), fc.integer(), fc.constant(ACCOUNT)),
          apiToken: fc.oneof(fc.string(), fc.boolean(), fc.constant(TOKEN)),
          profiles: fc.dictionary(fc.string(), fc.jsonValue()),
        })
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(contents, async (text) => {
        writeFileSync(rcPath, text, { mode: 0o600 });
        const argv = ['delete', '--', 'abc00000000000000000000000000000'];
        // With an account from the environment, no account detection request muddies the count.
        const env = { CLOUDFLARE_API_BASE_URL: BASE, CLOUDFLARE_ACCOUNT_ID: ACCOUNT };
        const { run, sent } = await attempt(argv, env);
        if (sent[0]) return;
        // Refused: either the file itself is at fault (named), or it lacks a credential.
        expect(run.stderr).toMatch(/\.cfoauthrc|credential|API key/);
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });
});

describe('client IDs against the real emulator', () => {
  const api = useEmulator();

  it('the server sees exactly one DELETE on the oauth_clients path, or nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (id) => {
        api.emulator.requests.length = 0;
        const run = await runInProcess(['delete', '-a', ACCOUNT, '--retries', '0', '--', id], {
          env: api.env,
          ...placeOptions(),
        });
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.code === 2).toBe(!VALID_ID.test(id));
        if (run.code === 2) {
          expect(api.emulator.requests).toEqual([]);
          return;
        }
        expect(run.code).toBe(4);
        expect(api.emulator.requests).toHaveLength(1);
        const [request] = api.emulator.requests;
        const prefix = `/client/v4/accounts/${ACCOUNT}/oauth_clients/`;
        expect(request?.method).toBe('DELETE');
        expect(request?.rawPath.startsWith(prefix)).toBe(true);
        const segment = request?.rawPath.slice(prefix.length) ?? '';
        expect(segment).not.toMatch(/[/?#]/);
        expect(segment).toBe(id.toLowerCase());
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});
