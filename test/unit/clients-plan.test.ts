/** Clients as code: reading the file, matching entries to live clients, and the plan. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OAuthClient } from '../../src/api/oauth-clients.js';
import { parseClientsFile, readClientsFile } from '../../src/clients/clients-file.js';
import { computePlan, planDocument } from '../../src/clients/plan.js';
import type { Context } from '../../src/context.js';
import { UsageError } from '../../src/errors.js';
import type { Painter } from '../../src/output/colour.js';
import { renderPlanText } from '../../src/output/plan-text.js';

const A = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const B = 'b7e4b7e4b7e4b7e4b7e4b7e4b7e4b7e4';
const C = 'c0ffee5eedc0ffee5eedc0ffee5eed00';

function live(id: string, name: string, extra: Partial<OAuthClient> = {}): OAuthClient {
  return {
    client_id: id,
    client_name: name,
    visibility: 'private',
    redirect_uris: ['https://app.example/cb'],
    scopes: ['account.read'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

async function refusal(run: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

async function plan(yaml: string, clients: OAuthClient[], prune = false) {
  const file = await parseClientsFile(yaml, 'clients.yaml', { prune });
  return computePlan(file.entries, clients, { prune });
}

describe('the clients file', () => {
  it('reads YAML and JSON alike, with each entry placed by line and index', async () => {
    const yaml = await parseClientsFile(
      'clients:\n  - client_name: one\n    scopes: [account.read]\n  - client_id: a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4\n',
      'c.yaml',
      { prune: false },
    );
    expect(yaml.entries.map((entry) => [entry.place, entry.clientId, entry.fields])).toEqual([
      ['c.yaml line 2, clients[0]', undefined, { client_name: 'one', scopes: ['account.read'] }],
      ['c.yaml line 4, clients[1]', A, {}],
    ]);
    const json = await parseClientsFile(
      '{"clients": [{"client_name": "one", "scopes": ["account.read", "account.read"]}]}',
      'c.json',
      { prune: false },
    );
    expect(json.entries[0]?.fields).toEqual({ client_name: 'one', scopes: ['account.read'] });
  });

  it('a syntax error gives the line and column, not the content', async () => {
    const message = await refusal(() =>
      parseClientsFile('clients:\n  - client_name: "s3cret\n', 'c.yaml', { prune: false }),
    );
    expect(message).toMatch(/^c\.yaml line \d+, column \d+: /);
    expect(message).not.toContain('s3cret');
    expect(
      await refusal(() => parseClientsFile('{"clients": [}', 'c.json', { prune: false })),
    ).toMatch(/^c\.json line 1, column \d+: /);
  });

  it('every problem of every entry at once, each by its place', async () => {
    const message = await refusal(() =>
      parseClientsFile(
        [
          'clients:',
          '  - client_name: ok',
          '  - redirect_uris: [localhost:8080/cb]',
          '  - client_name: x',
          '    client_id: "a b"',
          '    colour: blue',
          '  - just a string',
        ].join('\n'),
        'c.yaml',
        { prune: false },
      ),
    );
    expect(message).toBe(
      [
        '5 problems with c.yaml; nothing was sent',
        '  c.yaml line 3, clients[1]: redirect_uris[0] "localhost:8080/cb" is not an absolute URL (e.g. https://app.example.com/callback)',
        '  c.yaml line 3, clients[1]: needs a client_name (or a client_id) to find its client',
        '  c.yaml line 4, clients[2]: the OAuth client ID "a b" contains whitespace, a control character or an invisible character',
        '  c.yaml line 4, clients[2]: unknown field "colour"',
        '  c.yaml line 7, clients[3]: must be an object of client fields',
      ].join('\n'),
    );
  });

  it('needs a clients: list, and nothing else at the top', async () => {
    expect(await refusal(() => parseClientsFile('- a', 'c.yaml', { prune: false }))).toBe(
      'c.yaml: must be an object with a clients: list',
    );
    expect(await refusal(() => parseClientsFile('client: []', 'c.yaml', { prune: false }))).toBe(
      'c.yaml: unknown key "client" (did you mean clients?); the file holds a clients: list',
    );
    expect(await refusal(() => parseClientsFile('clients: 3', 'c.yaml', { prune: false }))).toBe(
      'c.yaml: clients must be a list of client definitions',
    );
  });

  it('an empty file is an empty plan, but never with --prune', async () => {
    for (const text of ['', '# nothing\n', 'clients:\n', 'clients: []']) {
      expect((await parseClientsFile(text, 'c.yaml', { prune: false })).entries).toEqual([]);
      expect(await refusal(() => parseClientsFile(text, 'c.yaml', { prune: true }))).toBe(
        'c.yaml lists no clients: refusing to delete every client (--prune with an empty file)',
      );
    }
  });

  it('an unreadable file with --prune says that it refuses to delete', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-oauth-plan-'));
    const ctx = { cwd: dir, streams: { stdin: Readable.from([]) } } as unknown as Context;
    expect(await refusal(() => readClientsFile('nope.yaml', ctx, { prune: false }))).toBe(
      'cannot read --file "nope.yaml": no such file',
    );
    expect(await refusal(() => readClientsFile('nope.yaml', ctx, { prune: true }))).toBe(
      'cannot read --file "nope.yaml": no such file; refusing to delete every client (--prune)',
    );
    writeFileSync(path.join(dir, 'c.yaml'), 'clients:\n  - client_name: x\n');
    expect((await readClientsFile('c.yaml', ctx, { prune: true })).entries).toHaveLength(1);
    const stdin = {
      ...ctx,
      streams: { stdin: Readable.from(['clients: []']) },
    } as unknown as Context;
    expect((await readClientsFile('-', stdin, { prune: false })).label).toBe('stdin');
  });
});

describe('the plan', () => {
  it('creates, updates only what differs, deletes with --prune, counts the rest', async () => {
    const result = await plan(
      [
        'clients:',
        '  - client_name: same',
        '    scopes: [account.read]',
        '  - client_id: b7e4b7e4b7e4b7e4b7e4b7e4b7e4b7e4',
        '    client_name: renamed',
        '    scopes: [account.read, user.read]',
        '    redirect_uris: [https://app.example/cb]',
        '  - client_name: new',
        '    redirect_uris: [https://new.example/cb]',
        '    scopes: [account.read]',
      ].join('\n'),
      [live(A, 'same'), live(B, 'old name'), live(C, 'stray')],
      true,
    );
    expect(planDocument(result)).toEqual({
      changes: [
        {
          action: 'update',
          client_name: 'renamed',
          client_id: B,
          fields: {
            client_name: { from: 'old name', to: 'renamed' },
            scopes: { from: ['account.read'], to: ['account.read', 'user.read'] },
          },
        },
        {
          action: 'create',
          client_name: 'new',
          client_id: null,
          fields: {
            client_name: { from: null, to: 'new' },
            redirect_uris: { from: null, to: ['https://new.example/cb'] },
            scopes: { from: null, to: ['account.read'] },
            grant_types: { from: null, to: ['authorization_code'] },
            response_types: { from: null, to: ['code'] },
            token_endpoint_auth_method: { from: null, to: 'client_secret_basic' },
          },
        },
        { action: 'delete', client_name: 'stray', client_id: C, fields: {} },
      ],
      summary: { create: 1, update: 1, delete: 1, unchanged: 1 },
    });
    // The PATCH carries only the changed fields.
    expect(result.changes[0]?.body).toEqual({
      client_name: 'renamed',
      scopes: ['account.read', 'user.read'],
    });
  });

  it('leaves fields the entry does not give alone, and deletes nothing without --prune', async () => {
    const result = await plan('clients:\n  - client_name: same\n', [
      live(A, 'same', { logo_uri: 'https://logo.example/x.png', scopes: ['zone.read'] }),
      live(B, 'other'),
    ]);
    expect(result).toEqual({ changes: [], unchanged: 1 });
  });

  it('sets of scopes, grant and response types; URI lists in order', async () => {
    const client = live(A, 'c', {
      scopes: ['user.read', 'account.read', 'offline_access'],
      grant_types: ['refresh_token', 'authorization_code'],
      redirect_uris: ['https://a.example/1', 'https://a.example/2'],
    });
    const same = await plan(
      'clients:\n  - client_name: c\n    scopes: [account.read, user.read]\n    grant_types: [authorization_code, refresh_token]\n    redirect_uris: [https://a.example/1, https://a.example/2]\n',
      [client],
    );
    expect(same.changes).toEqual([]);
    const reordered = await plan(
      'clients:\n  - client_name: c\n    redirect_uris: [https://a.example/2, https://a.example/1]\n',
      [client],
    );
    expect(reordered.changes[0]?.body).toEqual({
      redirect_uris: ['https://a.example/2', 'https://a.example/1'],
    });
  });

  it('an empty value on the server is no value; a list left out is an empty list', async () => {
    const client = live(A, 'c', { logo_uri: '', allowed_cors_origins: undefined });
    const result = await plan(
      'clients:\n  - client_name: c\n    logo_uri: https://l.example/x.png\n    allowed_cors_origins: []\n',
      [client],
    );
    expect(planDocument(result).changes[0]?.fields).toEqual({
      logo_uri: { from: null, to: 'https://l.example/x.png' },
    });
  });

  it('refuses what cannot be matched, every problem at once, by place', async () => {
    const message = await refusal(() =>
      plan(
        [
          'clients:',
          '  - client_name: twice',
          '  - client_name: twice',
          '  - client_name: ambiguous',
          '  - client_id: ffffffffffffffffffffffffffffffff',
          '  - client_name: taken',
          '  - client_id: c0ffee5eedc0ffee5eedc0ffee5eed00',
          '  - client_name: no uris',
          '    scopes: [account.read]',
        ].join('\n'),
        [live(A, 'ambiguous'), live(B, 'ambiguous'), live(C, 'taken')],
      ),
    );
    expect(message).toBe(
      [
        '5 problems with the clients file; nothing was sent',
        '  clients.yaml line 2, clients[0] and clients.yaml line 3, clients[1]: the same client_name "twice"',
        `  clients.yaml line 4, clients[2]: client_name "ambiguous" matches 2 clients (${A}, ${B}); pin one with client_id`,
        '  clients.yaml line 5, clients[3]: client_id ffffffffffffffffffffffffffffffff does not exist in the account',
        `  clients.yaml line 6, clients[4]: client_name "taken" is client ${C}, which clients.yaml line 7, clients[5] pins by client_id`,
        '  at least one redirect URI is required: --redirect-uri or redirect_uris in clients.yaml line 8, clients[6]',
      ].join('\n'),
    );
  });
});

describe('the plan as text', () => {
  const marks: Painter = {
    green: (t) => `<g>${t}</g>`,
    red: (t) => `<r>${t}</r>`,
    yellow: (t) => `<y>${t}</y>`,
    dim: (t) => t,
    bold: (t) => t,
  };

  it('+ create, ~ update with old → new, - delete, then the counts; names escaped', async () => {
    const result = await plan(
      [
        'clients:',
        '  - client_name: keep',
        '  - client_id: b7e4b7e4b7e4b7e4b7e4b7e4b7e4b7e4',
        '    scopes: [user.read]',
        '    logo_uri: https://l.example/x.png',
        '  - client_name: new',
        '    redirect_uris: [https://n.example/cb]',
        '    scopes: [account.read]',
      ].join('\n'),
      [live(A, 'keep'), live(B, 'b'), live(C, 'evil\u001b[2J')],
      true,
    );
    expect(renderPlanText(result, marks)).toBe(
      [
        `<y>~ update "b" (${B})</y>`,
        '    scopes: ["account.read"] → ["user.read"]',
        '    logo_uri: (none) → "https://l.example/x.png"',
        '<g>+ create "new"</g>',
        '    client_name: "new"',
        '    redirect_uris: ["https://n.example/cb"]',
        '    scopes: ["account.read"]',
        '    grant_types: ["authorization_code"]',
        '    response_types: ["code"]',
        '    token_endpoint_auth_method: "client_secret_basic"',
        `<r>- delete "evil\\u001b[2J" (${C})</r>`,
        '1 to create, 1 to update, 1 to delete, 1 unchanged',
        '',
      ].join('\n'),
    );
  });
});
