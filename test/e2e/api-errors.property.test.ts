/**
 * Whatever error envelope the API sends (any number of entries, nested error_chain, messages of
 * any type, documentation_url, terminal escapes, CR/LF, bidi overrides, the credential itself or
 * another `Bearer` token inside), no stream of any command, in text, --json or --verbose, ever
 * carries a control or invisible character (other than the line breaks the CLI writes) or a
 * secret.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import {
  ACCOUNT,
  EMAIL,
  KEY,
  SECRETS,
  TERMINAL_ACTIVE,
  TOKEN,
  useEmulator,
} from '../helpers/fixture.js';

const RUNS = { seed: 20261130, numRuns: 120 };

const api = useEmulator();

/** A bearer token the CLI does not know: redacted all the same. */
const FOREIGN_BEARER = 'canary-foreign-bearer-77c1';

/** The credential in use, and the environment that supplies it. */
const credentials = [
  { secrets: [TOKEN], env: { CLOUDFLARE_API_TOKEN: TOKEN } },
  { secrets: [KEY, EMAIL], env: { CLOUDFLARE_API_KEY: KEY, CLOUDFLARE_EMAIL: EMAIL } },
];

/** Pieces of API text, with the secrets of the credential in use (the only ones it can know). */
function pieceOf(secrets: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(
      '\u001b[2J',
      '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
      '\r\nerror: forged',
      '\n',
      '\r',
      '\u009b31m',
      '\u202e',
      '\u2028',
      '\u0000',
      '\u007f',
      '\\',
      '\ud800',
      `Bearer ${FOREIGN_BEARER}`,
      `bearer\t${FOREIGN_BEARER}`,
      ...secrets,
      ...secrets.map((secret) => `Bearer ${secret}`),
      ...secrets.map(encodeURIComponent),
    ),
  );
}

function envelopeOf(secrets: readonly string[]) {
  const text = fc.array(pieceOf(secrets), { maxLength: 4 }).map((parts) => parts.join(''));
  const anyValue = fc.oneof(
    text,
    fc.integer(),
    fc.constant(null),
    fc.dictionary(text, text, { maxKeys: 2 }),
  );
  const leaf = fc.record(
    {
      code: fc.oneof(fc.integer({ min: 0, max: 20000 }), text),
      message: anyValue,
      documentation_url: anyValue,
    },
    { requiredKeys: [] },
  );
  const withChain = (inner: fc.Arbitrary<unknown>) =>
    fc.record(
      {
        code: fc.integer({ min: 1000, max: 20000 }),
        message: anyValue,
        documentation_url: anyValue,
        error_chain: fc.array(inner, { maxLength: 2 }),
      },
      { requiredKeys: ['error_chain'] },
    );
  const entry = fc.oneof(leaf, withChain(leaf), withChain(withChain(leaf)), text, fc.integer());
  const entries = fc.oneof(fc.array(entry, { maxLength: 4 }), anyValue);
  return fc.record({
    success: fc.constant(false),
    errors: entries,
    messages: entries,
    result: fc.constant(null),
  });
}

const answer = fc.constantFrom(...credentials).chain((credential) =>
  fc.record({
    credential: fc.constant(credential),
    status: fc.constantFrom(200, 400, 401, 403, 404, 409, 429, 500),
    body: envelopeOf(credential.secrets),
    mode: fc.constantFrom<string[]>([], ['--json'], ['-v'], ['-v', '--json']),
    command: fc.constantFrom('delete', 'get', 'list'),
  }),
);

describe('arbitrary API error envelopes', () => {
  it('never put a control character or a secret on any stream', async () => {
    const id = api.newClient();
    await fc.assert(
      fc.asyncProperty(answer, async ({ credential, status, body, mode, command }) => {
        api.emulator.clearFaults();
        api.emulator.fault({ match: { pathIncludes: '/oauth_clients' }, status, body });
        const args = command === 'list' ? ['list'] : [command, id];
        const run = await runInProcess([...args, '-a', ACCOUNT, '--retries', '0', ...mode], {
          env: { CLOUDFLARE_API_BASE_URL: api.emulator.url, ...credential.env },
        });
        expect(run.code).not.toBe(0);
        for (const output of [run.stdout, run.stderr]) {
          expect(output).not.toMatch(TERMINAL_ACTIVE);
          for (const secret of [...SECRETS, FOREIGN_BEARER]) expect(output).not.toContain(secret);
          expect(output).not.toMatch(/\n\s+at /);
        }
        if (mode.includes('--json')) JSON.parse(run.stdout);
      }),
      RUNS,
    );
  });
});
