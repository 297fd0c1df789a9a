/** Backups before a delete: a private directory, one private file per client, flushed first. */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backUpClient, openBackupDir } from '../../src/clients/backup.js';
import { FileError, NotFoundError, UsageError } from '../../src/errors.js';
import {
  ACCOUNT,
  CLIENT,
  failure,
  makeClient,
  ok,
  rejectionOf,
  scriptedFetch,
} from './api-test-kit.js';

const CLIENT_OBJECT = { client_id: CLIENT, client_name: 'Acme staging', scopes: ['account.read'] };
const mode = (file: string) => statSync(file).mode & 0o777;

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'cf-oauth-backup-'));
}

describe('openBackupDir', () => {
  it('creates missing directories, the last one 0700', async () => {
    const base = workdir();
    const dir = await openBackupDir(join(base, 'a', 'backups'), 'a/backups');
    expect([dir.path, mode(dir.path)]).toEqual([join(base, 'a', 'backups'), 0o700]);
  });

  it('uses an existing directory as it is', async () => {
    const base = workdir();
    chmodSync(base, 0o750);
    await openBackupDir(base, base);
    expect(mode(base)).toBe(0o750);
  });

  it('refuses a file, and a directory it cannot write to, before anything is sent', async () => {
    const base = workdir();
    writeFileSync(join(base, 'file'), '');
    const file = await rejectionOf(openBackupDir(join(base, 'file'), 'file'));
    expect([file.constructor, file.message]).toEqual([
      UsageError,
      'cannot use the backup directory "file": it is not a directory; nothing was sent',
    ]);
    if (process.getuid?.() === 0) return; // root writes anywhere
    mkdirSync(join(base, 'ro'), { mode: 0o500 });
    const readOnly = await rejectionOf(openBackupDir(join(base, 'ro'), 'ro'));
    expect(readOnly.message).toBe(
      'cannot use the backup directory "ro": permission denied; nothing was sent',
    );
  });
});

describe('backUpClient', () => {
  it('writes the client as the API returned it to <dir>/<id>.json, mode 0600', async () => {
    const dir = await openBackupDir(workdir(), 'b');
    const { http } = makeClient(scriptedFetch(ok(CLIENT_OBJECT)));
    const written = await backUpClient(http, ACCOUNT, CLIENT, dir);
    expect(written).toMatchObject({
      path: join(dir.path, `${CLIENT}.json`),
      shown: `"b/${CLIENT}.json"`,
      name: 'Acme staging',
      response: { status: 200, result: CLIENT_OBJECT },
    });
    expect(JSON.parse(readFileSync(written.path, 'utf8'))).toEqual(CLIENT_OBJECT);
    expect(mode(written.path)).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual([`${CLIENT}.json`]);
  });

  it('passes on the API’s 404 and writes nothing', async () => {
    const dir = await openBackupDir(workdir(), 'b');
    const { http } = makeClient(scriptedFetch(failure(404, [{ code: 7003, message: 'gone' }])));
    expect(await rejectionOf(backUpClient(http, ACCOUNT, CLIENT, dir))).toBeInstanceOf(
      NotFoundError,
    );
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('throws a FileError when the file cannot be written', async () => {
    const base = workdir();
    const dir = await openBackupDir(join(base, 'gone'), 'gone');
    chmodSync(dir.path, 0o500);
    if (process.getuid?.() === 0) return;
    const { http } = makeClient(scriptedFetch(ok(CLIENT_OBJECT)));
    const error = await rejectionOf(backUpClient(http, ACCOUNT, CLIENT, dir));
    expect([error.constructor, error.message]).toEqual([
      FileError,
      `could not write the backup "gone/${CLIENT}.json" (EACCES): the client was not deleted`,
    ]);
  });
});
