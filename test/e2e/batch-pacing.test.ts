/**
 * Pacing against the emulator's rate limit, scaled down to 20 requests per 2 s: the batch reads
 * the API's headers and waits for the budget instead of running into 429s, whichever kind of
 * window the server runs (Cloudflare does not say); a 429 pauses every worker at once.
 */
import { describe, expect, it } from 'vitest';
import type { RateWindow } from '../emulator/server.js';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, type Api, useEmulator } from '../helpers/fixture.js';

const QUOTA = 20;
const WINDOW_MS = 2000;
const limited = (window: RateWindow) =>
  useEmulator({ rateLimit: { quota: QUOTA, windowSeconds: WINDOW_MS / 1000, window } });
const servers: Record<RateWindow, Api> = { fixed: limited('fixed'), sliding: limited('sliding') };
const api = servers.fixed;

/** Waits until the emulator's rate-limit windows are over, so each test starts fresh. */
const nextWindow = () => new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));

describe.each(['fixed', 'sliding'] as const)('rate-limit pacing, %s window', (window) => {
  const api = servers[window];
  it('60 IDs at concurrency 8: all deleted, at most one 429 per window, within 1.2x of the minimum', async () => {
    await nextWindow();
    const ids = Array.from({ length: 60 }, () => api.newClient());
    const run = await runBin(
      ['delete', '--from-file', '-', '-a', ACCOUNT, '--concurrency', '8', '--json'],
      { env: api.env, input: ids.join('\n') },
    );

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ deleted: 60, failed: 0 });
    expect(new Set(api.emulator.deleted.map((d) => d.clientId))).toEqual(new Set(ids));

    const requests = api.emulator.requests;
    const span = (requests.at(-1)?.at ?? 0) - (requests[0]?.at ?? 0);
    const windows = Math.ceil(ids.length / QUOTA);
    const tooMany = requests.filter((r) => r.status === 429).length;
    expect(tooMany).toBeLessThanOrEqual(windows);
    // The limit allows the last window to open (windows - 1) windows after the first request.
    const minimum = (windows - 1) * WINDOW_MS;
    expect(span).toBeGreaterThanOrEqual(minimum - 50);
    expect(span).toBeLessThanOrEqual(1.2 * minimum);
    // Each pause was announced.
    expect(run.stderr).toMatch(
      /^(rate limit: this window's budget is used up; every request waits until \d\d:\d\d:\d\d UTC\n){2}$/,
    );
  });
});

describe('rate-limit pacing', () => {
  it('a 429 pauses every worker until Retry-After, and the limited ID is retried', async () => {
    await nextWindow();
    const ids = Array.from({ length: 12 }, () => api.newClient());
    api.emulator.fault({
      match: { method: 'DELETE' },
      status: 429,
      headers: { 'Retry-After': '1', Ratelimit: '"default";r=0;t=1' },
      body: {
        success: false,
        errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }],
        messages: [],
        result: null,
      },
    });
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT, '--concurrency', '4'], {
      env: api.env,
    });

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([...ids].sort());
    const requests = api.emulator.requests;
    const limited = requests.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    const pausedAt = limited[0]?.at ?? 0;
    // Requests already on their way when the 429 came back may land just after it; after that,
    // nothing until Retry-After has passed.
    const duringPause = requests.filter((r) => r.at > pausedAt + 150 && r.at < pausedAt + 1000);
    expect(duringPause).toEqual([]);
    expect(requests.filter((r) => r.rawPath === limited[0]?.rawPath).map((r) => r.status)).toEqual([
      429, 200,
    ]);
    expect(run.stderr).toMatch(
      /^rate limit: the API answered 429; every request waits until \d\d:\d\d:\d\d UTC\nDeleted 12, already absent 0, failed 0, not attempted 0\n$/,
    );
  });
});
