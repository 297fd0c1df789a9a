/**
 * SIGINT/SIGTERM in the middle of a batch, built bin against an emulator whose answers are slow:
 * the report accounts for every ID and never lies about what the server did.
 */
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

interface Result {
  id: string;
  outcome: string;
}

/** What the server deleted since `mark` (the emulator keeps the list of the whole file). */
const deletedSince = (mark: number) => api.emulator.deleted.slice(mark).map((d) => d.clientId);

/** Sends `signals` (`gapMs` apart) once the emulator has seen `after` requests. */
function signalAfter(after: number, signals: NodeJS.Signals[], gapMs = 0) {
  return (child: ChildProcess) => {
    const poll = setInterval(() => {
      if (api.emulator.requests.length < after) return;
      clearInterval(poll);
      signals.forEach((signal, index) => {
        setTimeout(() => child.kill(signal), index * gapMs);
      });
    }, 5);
  };
}

function idsWith(report: { results: Result[] }, ...outcomes: string[]): Set<string> {
  return new Set(report.results.filter((r) => outcomes.includes(r.outcome)).map((r) => r.id));
}

describe('interrupting a batch', () => {
  it('SIGINT: stops dispatching, lets requests in flight finish, reports every ID truthfully (130)', async () => {
    const ids = Array.from({ length: 30 }, () => api.newClient());
    const mark = api.emulator.deleted.length;
    api.emulator.fault({ match: { method: 'DELETE' }, delayMs: 200, times: 1000 });
    const run = await runBin(
      ['delete', '--from-file', '-', '-a', ACCOUNT, '--concurrency', '4', '--json'],
      { env: api.env, input: ids.join('\n'), onSpawn: signalAfter(10, ['SIGINT']) },
    );

    expect(run.code).toBe(130);
    const report = JSON.parse(run.stdout);
    expect(report.results.map((r: Result) => r.id)).toEqual(ids);
    const gone = idsWith(report, 'deleted', 'already_absent');
    const kept = idsWith(report, 'failed', 'not_attempted');
    // The requests in flight had 200 ms to go, well within the 2 s grace: none is unknown.
    expect(gone.size + kept.size).toBe(30);
    expect(gone).toEqual(new Set(deletedSince(mark)));
    const present = new Set(api.emulator.clients(ACCOUNT).map((c) => c.client_id));
    for (const id of kept) expect(present.has(id)).toBe(true);
    expect(gone.size).toBeGreaterThanOrEqual(10);
    expect(report.summary.not_attempted).toBeGreaterThan(0);
    expect(report.success).toBe(false);
    // Nothing was sent after the signal but the requests already in flight.
    expect(api.emulator.requests.length).toBeLessThanOrEqual(10 + 4);
  });

  it('text mode: stdout lists exactly what the server deleted, stderr the summary', async () => {
    const ids = Array.from({ length: 20 }, () => api.newClient());
    const mark = api.emulator.deleted.length;
    api.emulator.fault({ match: { method: 'DELETE' }, delayMs: 150, times: 1000 });
    const run = await runBin(['delete', ...ids, '-a', ACCOUNT, '--concurrency', '2'], {
      env: api.env,
      onSpawn: signalAfter(4, ['SIGINT']),
    });

    expect(run.code).toBe(130);
    const listed = run.stdout.split('\n').filter(Boolean);
    const deleted = deletedSince(mark);
    expect(new Set(listed)).toEqual(new Set(deleted));
    expect(run.stderr).toBe(
      `Deleted ${deleted.length}, already absent 0, failed 0, not attempted ${20 - deleted.length}\n`,
    );
  });

  it('a second signal cuts the requests in flight: their outcome is unknown (SIGTERM: 143)', async () => {
    const ids = Array.from({ length: 10 }, () => api.newClient());
    api.emulator.fault({ match: { method: 'DELETE' }, hang: true, times: 1000 });
    const started = Date.now();
    const run = await runBin(
      ['delete', '--from-file', '-', '-a', ACCOUNT, '--concurrency', '3', '--json'],
      { env: api.env, input: ids.join('\n'), onSpawn: signalAfter(3, ['SIGTERM', 'SIGTERM'], 50) },
    );

    expect(run.code).toBe(143);
    expect(Date.now() - started).toBeLessThan(1500);
    const report = JSON.parse(run.stdout);
    const unknown = report.results.filter((r: Result) => r.outcome === 'unknown');
    expect(unknown).toHaveLength(3);
    expect(unknown[0].error).toMatchObject({ type: 'interrupted', status: null });
    expect(report.summary).toEqual({
      total: 10,
      deleted: 0,
      already_absent: 0,
      failed: 0,
      unknown: 3,
      not_attempted: 7,
    });
    const present = new Set(api.emulator.clients(ACCOUNT).map((c) => c.client_id));
    for (const id of idsWith(report, 'not_attempted')) expect(present.has(id)).toBe(true);
    expect(run.stderr).toBe(
      unknown
        .map((r: Result) => `the delete of ${r.id} may or may not have been applied\n`)
        .join(''),
    );
  });
});
