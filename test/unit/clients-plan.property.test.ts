/**
 * The plan, for any file and any account: applying it converges (the next plan is empty), an
 * update sends only fields its entry gives, --prune deletes exactly the clients no entry claims,
 * and anything that cannot be planned is a UsageError before anything is sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientFields, OAuthClient } from '../../src/api/oauth-clients.js';
import { parseClientsFile } from '../../src/clients/clients-file.js';
import { computePlan, type Plan } from '../../src/clients/plan.js';
import { UsageError } from '../../src/errors.js';

const RUNS = { seed: 1414, numRuns: 300 } as const;
const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'preview-1', 'preview-2'];
const SCOPES = ['account.read', 'user.read', 'zone.read', 'openid'];
const URIS = ['https://a.example/cb', 'https://b.example/cb', 'http://localhost:8788/cb'];
const hexId = fc
  .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 32, maxLength: 32 })
  .map((chars) => chars.join(''));

const someOf = (values: readonly string[]) => fc.shuffledSubarray([...values], { minLength: 1 });

const liveClient = fc.record({
  client_id: hexId,
  client_name: fc.constantFrom(...NAMES),
  redirect_uris: someOf(URIS),
  scopes: someOf(SCOPES),
  grant_types: fc
    .constantFrom(['authorization_code'], ['refresh_token', 'authorization_code'])
    .map((g) => [...g]),
  logo_uri: fc.constantFrom(undefined, '', 'https://logo.example/a.png'),
  visibility: fc.constant('private'),
});

const entry = (liveIds: string[]) =>
  fc.record(
    {
      client_id: fc.oneof(fc.constantFrom(...(liveIds.length ? liveIds : ['x'.repeat(32)])), hexId),
      client_name: fc.constantFrom(...NAMES),
      redirect_uris: someOf(URIS),
      scopes: someOf(SCOPES),
      grant_types: fc.constantFrom(['authorization_code'], ['authorization_code', 'refresh_token']),
      logo_uri: fc.constantFrom('https://logo.example/a.png', 'https://logo.example/b.png'),
    },
    { requiredKeys: ['client_name'] },
  );

const account = fc
  .uniqueArray(liveClient, { selector: (client) => client.client_id, maxLength: 8 })
  .chain((live) =>
    fc.record({
      live: fc.constant(live as OAuthClient[]),
      entries: fc.array(entry(live.map((client) => client.client_id)), { maxLength: 8 }),
      prune: fc.boolean(),
    }),
  );

/** What the API does with a plan: including adding offline_access itself for refresh tokens. */
function applyPlan(live: OAuthClient[], plan: Plan): OAuthClient[] {
  const after = live.map((client) => ({ ...client }));
  let created = 0;
  const server = (client: OAuthClient, body: ClientFields) => {
    Object.assign(client, body);
    const scopes = (client.scopes ?? []).filter((scope) => scope !== 'offline_access');
    if (client.grant_types?.includes('refresh_token')) scopes.push('offline_access');
    client.scopes = scopes;
  };
  for (const change of plan.changes) {
    if (change.action === 'create') {
      const client: OAuthClient = { client_id: `new${String(created++).padStart(29, '0')}` };
      server(client, change.body);
      after.push(client);
    } else if (change.action === 'update') {
      server(
        after.find((client) => client.client_id === change.client_id) as OAuthClient,
        change.body,
      );
    } else {
      after.splice(
        after.findIndex((client) => client.client_id === change.client_id),
        1,
      );
    }
  }
  return after;
}

async function planOf(entries: unknown[], live: OAuthClient[], prune: boolean) {
  const file = await parseClientsFile(JSON.stringify({ clients: entries }), 'c.json', { prune });
  return { file, plan: computePlan(file.entries, live, { prune }) };
}

describe('the plan (property)', () => {
  it('converges, manages only given fields, prunes exactly the unclaimed', async () => {
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(account, async ({ live, entries, prune }) => {
        let result: Awaited<ReturnType<typeof planOf>>;
        try {
          result = await planOf(entries, live, prune);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          return;
        }
        planned += 1;
        const { file, plan } = result;
        const given = new Map(file.entries.map((e) => [e.place, Object.keys(e.fields)]));
        for (const change of plan.changes) {
          if (change.action === 'update') {
            for (const field of Object.keys(change.body)) {
              expect(given.get(change.place as string)).toContain(field);
            }
          }
          if (change.action === 'delete') expect(prune).toBe(true);
        }
        const creates = plan.changes.filter((c) => c.action === 'create').length;
        const deletes = plan.changes.filter((c) => c.action === 'delete').length;
        // Every entry is a create, an update or unchanged; with --prune every other client goes.
        expect(plan.changes.length - deletes + plan.unchanged).toBe(file.entries.length);
        if (prune) expect(live.length - deletes).toBe(file.entries.length - creates);

        const after = applyPlan(live, plan);
        const again = computePlan(file.entries, after, { prune });
        expect(again.changes).toEqual([]);
        expect(again.unchanged).toBe(file.entries.length);
        // Fields no entry gives are as they were.
        for (const client of after) {
          const before = live.find((c) => c.client_id === client.client_id);
          const entryFields = file.entries.find(
            (e) => e.clientId === client.client_id || e.fields.client_name === client.client_name,
          )?.fields;
          if (before && entryFields && !('logo_uri' in entryFields)) {
            expect(client.logo_uri).toBe(before.logo_uri);
          }
        }
      }),
      RUNS,
    );
    // The generators must reach the interesting case, not only refusals.
    expect(planned).toBeGreaterThan(50);
  });

  it('a reordered set field is no change; a reordered URI list is one', async () => {
    await fc.assert(
      fc.asyncProperty(
        someOf(SCOPES.slice(0, 3)),
        fc.shuffledSubarray(URIS, { minLength: 2 }),
        async (scopes, uris) => {
          const client: OAuthClient = {
            client_id: 'a'.repeat(32),
            client_name: 'c',
            scopes: [...scopes].reverse(),
            redirect_uris: [...uris].reverse(),
          };
          const { plan } = await planOf(
            [{ client_name: 'c', scopes, redirect_uris: uris }],
            [client],
            false,
          );
          expect(plan.changes.map((change) => Object.keys(change.body))).toEqual([
            ['redirect_uris'],
          ]);
        },
      ),
      RUNS,
    );
  });
});
