/**
 * `delete --backup <dir>` (built bin, emulator): each client saved before its DELETE, nothing
 * deleted whose backup failed, and `create --from-file` recreating it from the backup.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin } from '../helpers/cli.js';
import { usageFailureDocument } from '../helpers/documents.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

function del(args: string[], place = makeHome()) {
  return runBin(['delete', '-a', ACCOUNT, ...args], {
    env: api.env,
    home: place.home,
    cwd: place.cwd,
  });
}

const mode = (file: string) => statSync(file).mode & 0o777;
const methods = () => api.emulator.requests.map((r) => r.method);
const exists = (id: string) => api.emulator.clients(ACCOUNT).some((c) => c.client_id === id);

describe('delete --backup', () => {
  it('saves the client (dir 0700, file 0600) before deleting it', async () => {
    const place = makeHome();
    const client = api.emulator.addClient(ACCOUNT, {
      client_name: 'Backed up',
      logo_uri: 'https://l.example/l.png',
    });
    const run = await del([client.client_id, '--backup', 'backups'], place);
    const file = join(place.cwd, 'backups', `${client.client_id}.json`);
    expect(run).toEqual({
      code: 0,
      stdout: `${client.client_id}\n`,
      stderr: `saved OAuth client ${client.client_id} to "backups/${client.client_id}.json"\n`,
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(client);
    expect([mode(join(place.cwd, 'backups')), mode(file)]).toEqual([0o700, 0o600]);
    expect(methods()).toEqual(['GET', 'DELETE']);
    expect(exists(client.client_id)).toBe(false);
  });

  it('does not delete a client whose backup cannot be written, and reports it failed', async () => {
    const place = makeHome();
    const id = api.newClient('Unsaved');
    // A directory where the backup file should go: the rename over it fails.
    mkdirSync(join(place.cwd, 'backups', `${id}.json`), { recursive: true });
    const run = await del([id, '--backup', 'backups', '--json'], place);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      success: false,
      id,
      outcome: 'failed',
      error: {
        type: 'file',
        message: expect.stringMatching(
          new RegExp(
            `^could not write the backup "backups/${id}.json" \\(E[A-Z]+\\): the client was not deleted$`,
          ),
        ),
      },
    });
    expect(methods()).toEqual(['GET']);
    expect(exists(id)).toBe(true);
  });

  it('a backup directory that cannot be used: exit 2, nothing sent', async () => {
    const place = makeHome();
    writeFileSync(join(place.cwd, 'file'), '');
    const run = await del([api.newClient(), '--backup', 'file', '--json'], place);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual(
      usageFailureDocument(
        'cannot use the backup directory "file": it is not a directory; nothing was sent',
      ),
    );
    expect(api.emulator.requests).toEqual([]);
  });

  it('a batch: each client saved then deleted; a missing one fails with no file', async () => {
    const place = makeHome();
    const a = api.newClient('Batch A');
    const b = api.newClient('Batch B');
    const missing = 'f'.repeat(32);
    const run = await del([a, missing, b, '--backup', 'out', '--yes'], place);
    expect(run.code).toBe(4);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([a, b].sort());
    expect(readdirSync(join(place.cwd, 'out')).sort()).toEqual([`${a}.json`, `${b}.json`].sort());
    expect(exists(a) || exists(b)).toBe(false);
    expect(methods().filter((m) => m === 'DELETE')).toHaveLength(2);
  });

  it('--name and --dry-run save too; a dry run deletes nothing', async () => {
    const place = makeHome();
    const named = api.newClient('By name');
    const dry = await del(['--name', 'By name', '--dry-run', '--backup', 'dry'], place);
    expect(dry.code).toBe(0);
    expect(readdirSync(join(place.cwd, 'dry'))).toEqual([`${named}.json`]);
    expect(exists(named)).toBe(true);
    expect(methods()).not.toContain('DELETE');

    const real = await del(['--name', 'By name', '--backup', 'real'], place);
    expect(real.code).toBe(0);
    expect(readdirSync(join(place.cwd, 'real'))).toEqual([`${named}.json`]);
    expect(exists(named)).toBe(false);
  });

  it('backupDir in the rc file, relative to the file', async () => {
    const place = makeHome();
    writeFileSync(join(place.home, '.cfoauthrc'), 'backupDir: saved-clients\n');
    const id = api.newClient('From rc');
    const run = await del([id], place);
    expect(run.code).toBe(0);
    expect(readdirSync(join(place.home, 'saved-clients'))).toEqual([`${id}.json`]);
  });
});

describe('backup → restore', () => {
  it('create --from-file <backup> makes a new client: same fields, new ID, new secret', async () => {
    const place = makeHome();
    const made = await runBin(
      [
        'create',
        '-a',
        ACCOUNT,
        '--name',
        'Round trip',
        '--redirect-uri',
        'https://rt.example/cb',
        '--scope',
        'account.read',
        '--grant-type',
        'authorization_code',
        '--grant-type',
        'refresh_token',
        '--logo-uri',
        'https://rt.example/logo.png',
        '--json',
      ],
      { env: api.env },
    );
    const original = JSON.parse(made.stdout);
    const deleted = await del([original.id, '--backup', 'b'], place);
    expect(deleted.code).toBe(0);

    const restored = await runBin(
      [
        'create',
        '-a',
        ACCOUNT,
        '--from-file',
        join('b', `${original.id}.json`),
        '--secret-file',
        'restored.secret',
      ],
      { env: api.env, home: place.home, cwd: place.cwd },
    );
    const newId = restored.stdout.trim();
    expect(restored.code).toBe(0);
    expect(newId).toMatch(/^[0-9a-f]{32}$/);
    expect(newId).not.toBe(original.id);
    expect(restored.stderr).toContain(
      'ignored read-only fields (the API sets them): client_id, visibility, created_at, updated_at, has_rotated_secret; the new client gets a new ID\n',
    );
    const copy = api.emulator.clients(ACCOUNT).find((c) => c.client_id === newId);
    const { client_id, created_at, updated_at, client_secret, ...fields } = original.result;
    expect(copy).toMatchObject(fields);
    const secret = readFileSync(join(place.cwd, 'restored.secret'), 'utf8');
    expect(secret).toBe(api.emulator.secretsOf(newId)?.current);
    expect(secret).not.toBe(client_secret);
  });
});
