/**
 * Batch deletion in-process (test/helpers/in-process.ts) against the emulator: IDs as arguments, from a file and
 * from stdin; partial failures; invalid input; the JSON report; dry runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome } from '../helpers/cli.js';
import { deletedDocument, usageFailureDocument } from '../helpers/documents.js';
import { ACCOUNT, OTHER_ACCOUNT, useEmulator } from '../helpers/fixture.js';
import { runBin } from '../helpers/in-process.js';

const api = useEmulator();
const MISSING = 'ffffffffffffffffffffffffffffffff';
const clientPath = (id: string) => `/client/v4/accounts/${ACCOUNT}/oauth_clients/${id}`;
const deletes = () => api.emulator.requests.filter((r) => r.method === 'DELETE');
const present = () => new Set(api.emulator.clients(ACCOUNT).map((c) => c.client_id));
const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const rayOf = (stderr: string, id: string) =>
  stderr.match(new RegExp(`error: ${id}: .*\\n  HTTP \\d+, cf-ray (\\S+)`))?.[1];

function newClients(n: number, name = 'Batch client'): string[] {
  return Array.from({ length: n }, (_, i) => api.newClient(`${name} ${i + 1}`));
}

/** A file in a fresh home; returns the options that run the CLI there. */
function withFile(name: string, text: string) {
  const place = makeHome();
  writeFileSync(join(place.cwd, name), text);
  return { home: place.home, cwd: place.cwd, env: api.env };
}

describe('batch delete', () => {
  it('deletes every ID given as arguments: each on stdout, a summary on stderr', async () => {
    const ids = newClients(5);
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(0);
    expect(lines(run.stdout).sort()).toEqual([...ids].sort());
    expect(run.stderr).toBe('Deleted 5, already absent 0, failed 0, not attempted 0\n');
    expect(
      deletes()
        .map((r) => r.rawPath)
        .sort(),
    ).toEqual(ids.map(clientPath).sort());
    for (const id of ids) expect(present().has(id)).toBe(false);
  });

  it('runs 32 requests at once without a warning on stderr', async () => {
    // Each attempt in flight listens on one interrupt signal: more than ten would make Node
    // print a "possible memory leak" warning unless the limit is lifted.
    const ids = newClients(64);
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT, '--concurrency', '32'], {
      env: api.env,
    });

    expect(run.code).toBe(0);
    expect(lines(run.stdout).sort()).toEqual([...ids].sort());
    expect(run.stderr).toBe('Deleted 64, already absent 0, failed 0, not attempted 0\n');
  });

  it('reads a file: trims, skips blank lines and comments, deletes a repeated ID once', async () => {
    const [a, b, c] = newClients(3) as [string, string, string];
    const text = `# cleanup after the load test\n${a}\n\n  ${b}  \n${a}\n${c} # the staging one\n`;
    const run = await runBin(
      ['delete', '--from-file', 'ids.txt', '-a', ACCOUNT],
      withFile('ids.txt', text),
    );

    expect(run.code).toBe(0);
    expect(lines(run.stdout).sort()).toEqual([a, b, c].sort());
    expect(run.stderr).toBe('Deleted 3, already absent 0, failed 0, not attempted 0\n');
    expect(deletes()).toHaveLength(3);
  });

  it('reads stdin with --from-file -, after any IDs given as arguments', async () => {
    const [a, b, c] = newClients(3) as [string, string, string];
    const run = await runBin(['delete', a, '--from-file', '-', '-a', ACCOUNT, '--json'], {
      env: api.env,
      input: `#comment\r\n${b}\r\n${a}\r\n\r\n${c}`,
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.results.map((r: { id: string }) => r.id)).toEqual([a, b, c]);
    expect(deletes()).toHaveLength(3);
  });

  it('on a partial failure: deletes the rest, reports each failure, exits with the first failure’s code', async () => {
    const [a, b] = newClients(2) as [string, string];
    const foreign = api.emulator.addClient(OTHER_ACCOUNT).client_id;
    api.emulator.fault({
      match: { pathIncludes: foreign },
      status: 403,
      body: {
        success: false,
        errors: [{ code: 10000, message: 'Authentication error' }],
        messages: [],
        result: null,
      },
    });
    const run = await runBin(['delete', a, MISSING, foreign, b, '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(4); // MISSING comes before `foreign` in the input
    expect(lines(run.stdout).sort()).toEqual([a, b].sort());
    const missingRay = rayOf(run.stderr, MISSING);
    expect(run.stderr).toContain(
      `error: ${MISSING}: OAuth client not found (code 7003)\n  HTTP 404, cf-ray ${missingRay}\n`,
    );
    expect(run.stderr).toContain(
      `error: ${foreign}: Authentication error (code 10000)\n  HTTP 403\n  credential: API token from CLOUDFLARE_API_TOKEN\n  hint: the credential needs the "OAuth Client Write" permission on this account\n`,
    );
    expect(run.stderr.endsWith('Deleted 2, already absent 0, failed 2, not attempted 0\n')).toBe(
      true,
    );
    expect(deletes()).toHaveLength(4);

    // The same failures in the other order: the auth failure comes first now.
    api.emulator.fault({ match: { pathIncludes: foreign }, status: 403, body: { success: false } });
    const reversed = await runBin(['delete', foreign, MISSING, '-a', ACCOUNT], { env: api.env });
    expect(reversed.code).toBe(3);
  });

  it('--ignore-missing: a missing client counts as already absent, and the batch succeeds', async () => {
    const [a] = newClients(1) as [string];
    const run = await runBin(['delete', MISSING, a, '-a', ACCOUNT, '--ignore-missing'], {
      env: api.env,
    });

    expect(run.code).toBe(0);
    expect(lines(run.stdout).sort()).toEqual([a, MISSING].sort());
    expect(run.stderr).toBe(
      `OAuth client ${MISSING} does not exist (--ignore-missing)\nDeleted 1, already absent 1, failed 0, not attempted 0\n`,
    );
  });

  it('retries per ID, as a single delete does', async () => {
    const [a, b] = newClients(2) as [string, string];
    api.emulator.fault({ match: { pathIncludes: a }, html: true, status: 503 });
    const run = await runBin(['delete', a, b, '-a', ACCOUNT], { env: api.env });

    expect(run.code).toBe(0);
    expect(
      deletes()
        .filter((r) => r.rawPath === clientPath(a))
        .map((r) => r.status),
    ).toEqual([503, 200]);
  });

  it('one invalid ID: exit 2, nothing sent, every bad ID named by its line', async () => {
    const [a] = newClients(1) as [string];
    const text = `${a}\n../oauth_clients\n# fine\nx\u200by\n.\n`;
    const run = await runBin(
      ['delete', 'bad id', '--from-file', 'ids.txt', '-a', ACCOUNT],
      withFile('ids.txt', text),
    );

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: 4 invalid OAuth client IDs; nothing was sent',
        '  argument 1: the OAuth client ID "bad id" contains whitespace, a control character or an invisible character',
        '  ids.txt line 2: the OAuth client ID "../oauth_clients" is not 32 hexadecimal characters ("." is not a hexadecimal digit)',
        '  ids.txt line 4: the OAuth client ID "x\\u200by" contains whitespace, a control character or an invisible character',
        '  ids.txt line 5: "." is not an OAuth client ID',
        '',
      ].join('\n'),
    });
    expect(api.emulator.requests).toEqual([]);
    expect(present().has(a)).toBe(true);
  });

  it('an unreadable file or an empty list is a usage error, and nothing is sent', async () => {
    const missing = await runBin(['delete', '--from-file', 'nope.txt', '-a', ACCOUNT], {
      env: api.env,
    });
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read --from-file nope.txt: no such file\n',
    });
    const empty = await runBin(['delete', '--from-file', '-', '-a', ACCOUNT], {
      env: api.env,
      input: '# nothing today\n\n',
    });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      'error: no OAuth client IDs in stdin\n  hint: one ID per line; blank lines and lines starting with # are ignored\n',
    );
    expect(api.emulator.requests).toEqual([]);
  });

  it('validates the flags: --concurrency from 1 to 32, --name alone', async () => {
    for (const value of ['0', '33', '2.5', 'x']) {
      const run = await runBin(['delete', 'a', 'b', '--concurrency', value], { env: api.env });
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: option '--concurrency <n>' argument '${value}' is invalid. expected a whole number from 1 to 32.\n`,
      });
    }
    const mixed = await runBin(['delete', 'a', '--name', 'Acme', '-a', ACCOUNT], { env: api.env });
    expect(mixed).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --name cannot be combined with client IDs or --from-file\n',
    });
    expect(api.emulator.requests).toEqual([]);
  });
});

describe('the JSON report', () => {
  it('one document: every ID in input order with its outcome, and a summary', async () => {
    const [a, b] = newClients(2) as [string, string];
    const run = await runBin(['delete', b, MISSING, a, '-a', ACCOUNT, '--json'], {
      env: api.env,
    });

    expect(run.code).toBe(4);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      success: false,
      results: [
        { id: b, success: true, outcome: 'deleted', status: 200, errors: [] },
        {
          id: MISSING,
          success: false,
          outcome: 'failed',
          status: 404,
          errors: [{ code: 7003, message: 'OAuth client not found' }],
          error: {
            type: 'not_found',
            message: 'OAuth client not found (code 7003)',
            status: 404,
            cf_ray: expect.stringMatching(/^[0-9a-f]{16}-LHR$/),
            attempts: 1,
          },
        },
        { id: a, success: true, outcome: 'deleted', status: 200, errors: [] },
      ],
      summary: { total: 3, deleted: 2, already_absent: 0, failed: 1, unknown: 0, not_attempted: 0 },
    });
  });

  it('a batch of one from a file is still a report; one ID as an argument keeps the single shape', async () => {
    const [a, b] = newClients(2) as [string, string];
    const fromFile = await runBin(['delete', '--from-file', '-', '-a', ACCOUNT, '--json'], {
      env: api.env,
      input: `${a}\n`,
    });
    expect(JSON.parse(fromFile.stdout)).toEqual({
      success: true,
      results: [{ id: a, success: true, outcome: 'deleted', status: 200, errors: [] }],
      summary: { total: 1, deleted: 1, already_absent: 0, failed: 0, unknown: 0, not_attempted: 0 },
    });
    const single = await runBin(['delete', b, '-a', ACCOUNT, '--json'], { env: api.env });
    expect(JSON.parse(single.stdout)).toEqual(deletedDocument(b));
  });

  it('a usage error before any ID is addressed is the usual failure document', async () => {
    const run = await runBin(['delete', '--from-file', '-', '-a', ACCOUNT, '--json'], {
      env: api.env,
      input: 'a b\n',
    });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual(
      usageFailureDocument(
        'an invalid OAuth client ID; nothing was sent\n  stdin line 1: the OAuth client ID "a b" contains whitespace, a control character or an invisible character',
      ),
    );
  });
});

describe('rate limiting that outlasts --max-retry-wait', () => {
  it('stops sending: the limited ID fails with exit 5, the rest are not attempted', async () => {
    const ids = newClients(4);
    api.emulator.fault({
      match: { method: 'DELETE' },
      status: 429,
      headers: { 'Retry-After': '300', Ratelimit: '"default";r=0;t=300' },
      body: {
        success: false,
        errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }],
        messages: [],
        result: null,
      },
    });
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT, '--concurrency', '1'], {
      env: api.env,
    });

    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    const until = run.stderr.match(/until (\d\d:\d\d:\d\d UTC)/)?.[1];
    const limited = `rate limited: the API asks to wait 300 s (until ${until}) — more than --max-retry-wait 60`;
    expect(run.stderr).toBe(
      [
        `error: ${ids[0]}: ${limited}`,
        '  Please wait and consider throttling your request speed (code 971)',
        '  HTTP 429',
        `  hint: try again after ${until}, or allow longer waits with --max-retry-wait`,
        `stopped sending: ${limited}; the remaining IDs were not attempted`,
        'Deleted 0, already absent 0, failed 1, not attempted 3',
        '',
      ].join('\n'),
    );
    expect(api.emulator.requests).toHaveLength(1);
  });
});

describe('--dry-run', () => {
  it('looks each client up and shows its ID and name; sends no DELETE', async () => {
    const [a, b] = newClients(2, 'Acme staging') as [string, string];
    const run = await runBin(['delete', a, b, '-a', ACCOUNT, '--dry-run'], { env: api.env });

    expect(run.code).toBe(0);
    expect(lines(run.stdout).sort()).toEqual(
      [`${a}\tAcme staging 1`, `${b}\tAcme staging 2`].sort(),
    );
    expect(run.stderr).toBe(
      'Would delete 2, failed 0, not attempted 0 (dry run: nothing was deleted)\n',
    );
    expect(api.emulator.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(present().has(a) && present().has(b)).toBe(true);
  });

  it('a missing client is a not_found failure (exit 4); --json reports would_delete with names', async () => {
    const [a] = newClients(1, 'Acme prod') as [string];
    const run = await runBin(['delete', MISSING, a, '-a', ACCOUNT, '--dry-run', '--json'], {
      env: api.env,
    });

    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toEqual({
      success: false,
      results: [
        {
          id: MISSING,
          success: false,
          outcome: 'failed',
          status: 404,
          errors: [{ code: 7003, message: 'OAuth client not found' }],
          error: expect.objectContaining({ type: 'not_found', status: 404 }),
        },
        {
          id: a,
          success: true,
          outcome: 'would_delete',
          status: 200,
          name: 'Acme prod 1',
          errors: [],
        },
      ],
      summary: { total: 2, would_delete: 1, failed: 1, not_attempted: 0 },
    });
    expect(deletes()).toEqual([]);
  });

  it('a single ID is looked up too, and --from-file - needs no --yes', async () => {
    const [a] = newClients(1, 'Solo') as [string];
    const run = await runBin(['delete', '--from-file', '-', '-a', ACCOUNT, '--dry-run'], {
      env: api.env,
      input: `${a}\n`,
    });
    expect(run).toEqual({
      code: 0,
      stdout: `${a}\tSolo 1\n`,
      stderr: 'Would delete 1, failed 0, not attempted 0 (dry run: nothing was deleted)\n',
    });
  });
});
