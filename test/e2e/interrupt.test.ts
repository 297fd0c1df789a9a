/**
 * SIGINT/SIGTERM sent to the built CLI while its request is in flight at the emulator.
 */
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, expectNoSecrets, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** Sends the signals once the emulator has seen the request (so it is really in flight). */
function signalWhenInFlight(signals: NodeJS.Signals[], gapMs = 0) {
  return (child: ChildProcess) => {
    const poll = setInterval(() => {
      if (api.emulator.requests.length === 0) return;
      clearInterval(poll);
      signals.forEach((signal, index) => {
        setTimeout(() => child.kill(signal), index * gapMs);
      });
    }, 5);
  };
}

async function interruptedDelete(id: string, signals: NodeJS.Signals[], extra: string[] = []) {
  const started = Date.now();
  const run = await runBin(['delete', id, '-a', ACCOUNT, ...extra], {
    env: api.env,
    onSpawn: signalWhenInFlight(signals, 50),
  });
  expectNoSecrets(run.stdout, run.stderr);
  return { ...run, ms: Date.now() - started };
}

describe('interrupts', () => {
  it('SIGINT: gives the request 2 s, then aborts it and says the outcome is unknown (130)', async () => {
    const id = api.newClient();
    api.emulator.fault({ hang: true });
    const run = await interruptedDelete(id, ['SIGINT']);

    expect(run.code).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`the delete of ${id} may or may not have been applied\n`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.ms).toBeGreaterThanOrEqual(2000);
    expect(api.emulator.requests).toHaveLength(1);
  });

  it('a second signal aborts at once', async () => {
    const id = api.newClient();
    api.emulator.fault({ hang: true });
    const run = await interruptedDelete(id, ['SIGINT', 'SIGINT']);

    expect(run.code).toBe(130);
    expect(run.ms).toBeLessThan(1500);
    expect(run.stderr).toContain(`the delete of ${id} may or may not have been applied\n`);
  });

  it('SIGTERM exits 143, and --json still prints one complete document', async () => {
    const id = api.newClient();
    api.emulator.fault({ hang: true });
    const run = await interruptedDelete(id, ['SIGTERM', 'SIGTERM'], ['--json']);

    expect(run.code).toBe(143);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({
      success: false,
      result: null,
      id,
      outcome: 'unknown',
      error: { type: 'interrupted', status: null },
    });
  });

  it('a request that finishes within the grace period reports its real outcome', async () => {
    const id = api.newClient();
    api.emulator.fault({ delayMs: 500 });
    const run = await interruptedDelete(id, ['SIGINT']);

    expect(run.code).toBe(130);
    expect(run.stdout).toBe(`${id}\n`);
    expect(api.emulator.deleted.map((d) => d.clientId)).toContain(id);
  });
});
