/**
 * apply is paced as a batch is: against the emulator's rate limit scaled down to 20 requests
 * per 2 s, 50 creates all succeed, waiting for each window instead of running into 429s; at the
 * real quota (1200 per 300 s), 500 creates go through the same machinery, every secret to its
 * own 0600 file.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const QUOTA = 20;
const WINDOW_MS = 2000;
const api = useEmulator({ rateLimit: { quota: QUOTA, windowSeconds: WINDOW_MS / 1000 } });

/** A clients file of `count` entries named `<prefix>-<i>`, in the cwd of a fresh home. */
function clientsFile(prefix: string, count: number) {
  const place = makeHome();
  const entries = Array.from(
    { length: count },
    (_, i) =>
      `  - {client_name: ${prefix}-${i}, redirect_uris: [https://p.example/cb], scopes: [account.read]}`,
  );
  writeFileSync(join(place.cwd, 'clients.yaml'), `clients:\n${entries.join('\n')}\n`);
  mkdirSync(join(place.cwd, 'secrets'));
  return place;
}

describe('apply at the real quota', () => {
  const real = useEmulator();

  it('500 creates: every one created with no 429, each secret in its own 0600 file', async () => {
    const place = clientsFile('bulk', 500);
    const run = await runBin(
      ['apply', '--file', 'clients.yaml', '--secrets-dir', 'secrets', '-a', ACCOUNT],
      { env: real.env, home: place.home, cwd: place.cwd },
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Created 500, updated 0, deleted 0, failed 0, not attempted 0\n');
    const created = real.emulator
      .clients(ACCOUNT)
      .filter((c) => c.client_name?.startsWith('bulk-'));
    expect(created).toHaveLength(500);
    const posts = real.emulator.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(500);
    expect(posts.filter((r) => r.status !== 200)).toEqual([]);
    const files = readdirSync(join(place.cwd, 'secrets')).sort();
    expect(files).toEqual(created.map((c) => c.client_id).sort());
    for (const client of created) {
      const file = join(place.cwd, 'secrets', client.client_id);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe(real.emulator.secretsOf(client.client_id)?.current);
    }
  });
});

describe('apply pacing', () => {
  it('50 creates: every one created, at most one 429 per window, each pause announced', async () => {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
    const place = makeHome();
    const names = Array.from({ length: 50 }, (_, i) => `paced-${i}`);
    const file = names
      .map(
        (name) =>
          `  - {client_name: ${name}, redirect_uris: [https://p.example/cb], scopes: [account.read]}`,
      )
      .join('\n');
    writeFileSync(join(place.cwd, 'clients.yaml'), `clients:\n${file}\n`);
    mkdirSync(join(place.cwd, 'secrets'));
    const run = await runBin(
      ['apply', '--file', 'clients.yaml', '--secrets-dir', 'secrets', '-a', ACCOUNT],
      { env: api.env, home: place.home, cwd: place.cwd },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Created 50, updated 0, deleted 0, failed 0, not attempted 0\n');
    expect(
      api.emulator.clients(ACCOUNT).filter((c) => c.client_name?.startsWith('paced-')),
    ).toHaveLength(50);
    const requests = api.emulator.requests;
    // 51 requests (the list and 50 POSTs): three windows.
    expect(requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(3);
    expect(run.stderr).toMatch(
      /rate limit: this window's budget is used up; every request waits until/,
    );
  });
});
