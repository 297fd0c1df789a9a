/**
 * Executing a plan against the emulator (a real HTTP server) through the real HTTP client:
 * converges, leaves unmanaged fields alone, stores secrets privately, and accounts for every
 * change when interrupted.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/api/http.js';
import type { OAuthClient } from '../../src/api/oauth-clients.js';
import { type ApplyOptions, applyPlan, type ChangeResult } from '../../src/clients/apply.js';
import { parseClientsFile } from '../../src/clients/clients-file.js';
import { computePlan } from '../../src/clients/plan.js';
import { openSecretsDir, secretsPlace } from '../../src/clients/secrets-dir.js';
import type { Context } from '../../src/context.js';
import { systemClock } from '../../src/context.js';
import { UsageError } from '../../src/errors.js';
import { applySummaryLine, outcomeCounts } from '../../src/output/apply-report.js';
import { ACCOUNT, TOKEN, useEmulator } from '../helpers/fixture.js';
import { fakeInterrupts } from './api-test-kit.js';

const api = useEmulator();

function session(interrupts = fakeInterrupts()) {
  const http = createHttpClient({
    baseUrl: new URL(api.emulator.url),
    credential: { scheme: 'token', token: TOKEN, source: 'test' },
    userAgent: 'cf-oauth-test',
    timeoutMs: 5_000,
    retries: 0,
    maxRetryWaitSeconds: 5,
    clock: systemClock,
    interrupts,
    env: {},
  });
  return { http, accountId: ACCOUNT, credential: { source: 'test' }, interrupts };
}

function liveClients(): OAuthClient[] {
  return api.emulator.clients(ACCOUNT) as unknown as OAuthClient[];
}

async function planFor(yaml: string, prune = false) {
  const file = await parseClientsFile(yaml, 'clients.yaml', { prune });
  return { file, plan: computePlan(file.entries, liveClients(), { prune }) };
}

function options(
  overrides: Partial<ApplyOptions> & Pick<ApplyOptions, 'session'>,
): ApplyOptions & { seen: ChangeResult[] } {
  const seen: ChangeResult[] = [];
  return {
    stopping: new AbortController().signal,
    concurrency: 4,
    onResult: (_index, _change, result) => {
      seen.push(result);
    },
    onStop: () => {},
    ...overrides,
    seen,
  };
}

describe('applying a plan', () => {
  it('creates, updates only changed fields, prunes; the second plan is empty', async () => {
    const keep = api.emulator.addClient(ACCOUNT, {
      client_name: 'apply-keep',
      redirect_uris: ['https://k.example/cb'],
      scopes: ['account.read'],
      logo_uri: 'https://k.example/logo.png',
    }).client_id;
    const stray = api.newClient('apply-stray');
    const yaml = [
      'clients:',
      '  - client_name: apply-keep',
      '    scopes: [account.read, user.read]',
      '  - client_name: apply-new',
      '    redirect_uris: [https://n.example/cb]',
      '    scopes: [account.read]',
    ].join('\n');
    // Everything else in the account is kept by naming it in the file too.
    const others = liveClients()
      .filter((client) => client.client_id !== keep && client.client_id !== stray)
      .map((client) => `  - client_id: ${client.client_id}`);
    const text = [yaml, ...others].join('\n');
    const { plan } = await planFor(text, true);
    expect(plan.changes.map((change) => change.action)).toEqual(['update', 'create', 'delete']);

    const s = session();
    api.emulator.requests.length = 0;
    const { results } = await applyPlan(plan, options({ session: s }));
    s.http.close();
    expect(results.map((result) => result.outcome)).toEqual(['updated', 'created', 'deleted']);
    expect(outcomeCounts(results)).toMatchObject({ created: 1, updated: 1, deleted: 1, failed: 0 });
    // The PATCH carried only the changed field; the logo the file does not mention stays.
    const patch = api.emulator.requests.find((request) => request.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ scopes: ['account.read', 'user.read'] });
    const kept = liveClients().find((client) => client.client_id === keep);
    expect(kept?.logo_uri).toBe('https://k.example/logo.png');
    // The secret the API gave comes back with the new client's ID, for the caller to hand over.
    const created = results.find((result) => result.outcome === 'created');
    expect(created?.secret).toBe(api.emulator.secretsOf(created?.clientId as string)?.current);
    expect(liveClients().some((client) => client.client_id === stray)).toBe(false);

    expect((await planFor(text, true)).plan.changes).toEqual([]);
  });

  it('keeps a created client’s secret only in `secret`, so handing it over forgets it', async () => {
    const yaml =
      'clients:\n  - client_name: apply-secret-once\n    redirect_uris: [https://s.example/cb]\n    scopes: [account.read]';
    const { plan } = await planFor(yaml);
    const s = session();
    const { results } = await applyPlan(plan, options({ session: s }));
    s.http.close();
    const created = results.find((result) => result.outcome === 'created') as ChangeResult;
    const secret = api.emulator.secretsOf(created.clientId as string)?.current as string;
    expect(created.secret).toBe(secret);
    created.secret = undefined; // what the hand-over does
    expect(JSON.stringify(results)).not.toContain(secret);
  });

  it('an interrupt: every change has an outcome, none lost, none invented', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `interrupted-${i}`);
    const yaml = [
      'clients:',
      ...names.flatMap((name) => [
        `  - client_name: ${name}`,
        '    redirect_uris: [https://i.example/cb]',
        '    scopes: [account.read]',
      ]),
    ].join('\n');
    const { plan } = await planFor(yaml);
    const before = liveClients().length;
    const s = session();
    // Slow answers, so the interrupt lands while some creates are in flight.
    api.emulator.fault({ match: { method: 'POST' }, times: 12, delayMs: 150 });
    let done = 0;
    const run = options({
      session: s,
      concurrency: 3,
      stopping: s.interrupts.stopping,
      onResult: () => {
        done += 1;
        if (done === 2) s.interrupts.stop('SIGINT');
      },
    });
    const { results } = await applyPlan(plan, run);
    s.http.close();
    const counts = outcomeCounts(results);
    expect(results).toHaveLength(12);
    expect(counts.created + counts.not_attempted + counts.unknown).toBe(12);
    expect(counts.not_attempted).toBeGreaterThan(0);
    // What was reported created exists; nothing else was created.
    expect(liveClients().length - before).toBe(counts.created);
    expect(applySummaryLine(counts)).toMatch(
      /^Created \d+, updated 0, deleted 0, failed 0, not attempted \d+\n$/,
    );
  });
});

describe('where secrets go', () => {
  const ctx = (tty: boolean, cwd = os.tmpdir()) =>
    ({
      cwd,
      streams: { stdin: { isTTY: tty }, stdout: { isTTY: tty }, stderr: { isTTY: tty } },
    }) as unknown as Context;

  it('a directory checked before sending, one 0600 file per client named by its ID', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-oauth-secrets-'));
    const place = await openSecretsDir(dir, ctx(false));
    const destination = await place('a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4');
    if (destination.kind !== 'file') throw new Error('expected a file');
    await destination.write('cfsecret_x');
    const file = path.join(dir, 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4');
    expect(readFileSync(file, 'utf8')).toBe('cfsecret_x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(place('../escape')).rejects.toThrow('unexpected client ID');
    await expect(openSecretsDir(path.join(dir, 'nope'), ctx(false))).rejects.toThrow(
      /does not exist; nothing was sent$/,
    );
    await expect(openSecretsDir(file, ctx(false))).rejects.toThrow(
      /is not a directory; nothing was sent$/,
    );
  });

  it('without a directory, --json or a terminal, creating is refused; not creating is fine', async () => {
    expect(() => secretsPlace(false, 2, ctx(false))).toThrow(UsageError);
    expect(() => secretsPlace(false, 2, ctx(false))).toThrow(
      'the plan creates 2 clients whose secrets would be lost: there is no terminal to show them on; nothing was sent',
    );
    expect(secretsPlace(false, 0, ctx(false))).toBeUndefined();
    expect(await secretsPlace(true, 2, ctx(false))?.('x')).toEqual({ kind: 'json' });
    expect(await secretsPlace(false, 2, ctx(true))?.('x')).toEqual({ kind: 'terminal' });
  });
});
