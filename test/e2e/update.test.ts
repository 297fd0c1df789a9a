/** `cf-oauth update <id>` (built bin, emulator): only the fields given, list edits, dry run. */
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

function update(args: string[]) {
  return runBin(['update', '-a', ACCOUNT, ...args], { env: api.env });
}

function seeded() {
  return api.emulator.addClient(ACCOUNT, {
    client_name: 'Editable',
    redirect_uris: ['https://a.example/cb', 'https://b.example/cb'],
    scopes: ['account.read', 'zone.read'],
  });
}

const sent = () =>
  api.emulator.requests.map((r) => [
    r.method,
    r.body === undefined ? undefined : JSON.parse(r.body),
  ]);
const current = (id: string) => api.emulator.clients(ACCOUNT).find((c) => c.client_id === id);

describe('update', () => {
  it('PATCHes only the fields given', async () => {
    const { client_id: id } = seeded();
    const run = await update([id, '--logo-uri', 'https://a.example/logo.png', '--name', 'Renamed']);
    expect(run).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(sent()).toEqual([
      ['PATCH', { client_name: 'Renamed', logo_uri: 'https://a.example/logo.png' }],
    ]);
    expect(current(id)).toMatchObject({
      client_name: 'Renamed',
      redirect_uris: ['https://a.example/cb', 'https://b.example/cb'],
    });
  });

  it('--add/--remove read the client and send the whole new list', async () => {
    const { client_id: id } = seeded();
    const run = await update([
      id,
      '--add-redirect-uri',
      'https://c.example/cb',
      '--remove-redirect-uri',
      'https://a.example/cb',
      '--remove-scope',
      'zone.read',
    ]);
    expect(run.code).toBe(0);
    expect(sent()).toEqual([
      ['GET', undefined],
      [
        'PATCH',
        {
          redirect_uris: ['https://b.example/cb', 'https://c.example/cb'],
          scopes: ['account.read'],
        },
      ],
    ]);
  });

  it('--dry-run shows the difference field by field and sends no PATCH', async () => {
    const { client_id: id } = seeded();
    const run = await update([
      id,
      '--add-scope',
      'user.read',
      '--remove-scope',
      'zone.read',
      '--name',
      'New name',
      '--dry-run',
    ]);
    expect(run).toEqual({
      code: 0,
      stdout: 'client_name: "Editable" → "New name"\nscopes:\n  + "user.read"\n  - "zone.read"\n',
      stderr: '',
    });
    const json = await update([id, '--tos-uri', 'https://a.example/tos', '--dry-run', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      success: true,
      result: null,
      id,
      outcome: 'would_update',
      changes: [{ field: 'tos_uri', from: null, to: 'https://a.example/tos' }],
    });
    expect(api.emulator.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('removing a value the client does not have: exit 2 and no PATCH', async () => {
    const { client_id: id } = seeded();
    const run = await update([id, '--remove-scope', 'user.read', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toBe(
      '--remove-scope "user.read": the client has no such scope; nothing was changed',
    );
    expect(api.emulator.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it.each([
    [['--visibility', 'private'], '--visibility "private" is not one of public; nothing was sent'],
    [
      ['--redirect-uri', 'https://x.example/cb', '--add-redirect-uri', 'https://y.example/cb'],
      '--redirect-uri (or redirect_uris in the file) sets the whole list: it cannot be combined with --add-redirect-uri or --remove-redirect-uri; nothing was sent',
    ],
    [
      ['--add-scope', 'zone:read'],
      '--add-scope "zone:read" is colon-delimited, which the API refuses (use dot-delimited scopes such as account.read); nothing was sent',
    ],
    [[], 'nothing to update'],
  ])('%j → exit 2, nothing sent', async (args, message) => {
    const { client_id: id } = seeded();
    const run = await update([id, ...args, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toBe(message);
    expect(api.emulator.requests).toEqual([]);
  });

  it('--visibility public: the API’s precondition refusal is shown with its field', async () => {
    const { client_id: id } = seeded();
    const run = await update([id, '--visibility', 'public']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: visibility: promotion needs a logo_uri (code 1001)');
    const ready = api.emulator.addClient(ACCOUNT, {
      client_name: 'Ready',
      logo_uri: 'https://r.example/logo.png',
      client_uri: 'https://r.example',
      client_uri_verification: { status: 'verified' },
    });
    const promoted = await update([ready.client_id, '--visibility', 'public', '--json']);
    expect(JSON.parse(promoted.stdout)).toMatchObject({
      outcome: 'updated',
      result: { visibility: 'public' },
      fields: ['visibility'],
    });
  });

  it('a missing client: exit 4', async () => {
    const run = await update(['e'.repeat(32), '--name', 'x', '--json']);
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: false, error: { type: 'not_found' } });
  });
});
