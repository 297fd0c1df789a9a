/**
 * `delete --backup <dir>`: before each DELETE, the client's definition as the API returns it
 * (GET) goes to `<dir>/<client_id>.json`, created 0600 and flushed to disk. A client whose backup
 * cannot be written is not deleted. `create --from-file <dir>/<id>.json` recreates it (the API
 * gives it a new ID and a new secret; read-only fields in the file are ignored).
 */

import { constants } from 'node:fs';
import { access, chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiResponse, HttpClient } from '../api/http.js';
import { getOAuthClient, type OAuthClient } from '../api/oauth-clients.js';
import { FileError, InterruptedError, UsageError } from '../errors.js';
import { createPrivateFile } from '../files/durable.js';
import { quote } from '../output/quote.js';

/** Owner only: a backup holds every redirect URI and scope of a client. */
const PRIVATE_DIR_MODE = 0o700;

export interface BackupDir {
  /** Absolute. */
  path: string;
  /** As the user gave it (flag or rc file), for messages. */
  given: string;
}

/**
 * Creates the directory (mode 0700) if it does not exist. A path that is not a usable directory
 * is a UsageError (exit 2): nothing is sent.
 */
export async function openBackupDir(absolute: string, given: string): Promise<BackupDir> {
  try {
    const created = await mkdir(absolute, { recursive: true, mode: PRIVATE_DIR_MODE });
    // mkdir's mode is reduced by the umask; a directory made here gets exactly 0700.
    if (created !== undefined) await chmod(absolute, PRIVATE_DIR_MODE);
    if (!(await stat(absolute)).isDirectory()) {
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    }
    // Found now rather than at the first backup, after which the batch would be half done.
    await access(absolute, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(
      `cannot use the backup directory ${quote(given)}: ${DIR_ERRORS[code] ?? code}; nothing was sent`,
    );
  }
  return { path: absolute, given };
}

const DIR_ERRORS: Record<string, string> = {
  EEXIST: 'it is not a directory',
  ENOTDIR: 'it is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

/**
 * An interrupt during the GET means the client was not attempted. Any other failure of the GET
 * is thrown as it is: a GET changed nothing, so its error never says its outcome is unknown
 * (see AttemptHistory), and the delete was not sent.
 */
function nothingDeleted(error: unknown): unknown {
  if (error instanceof InterruptedError) {
    return new InterruptedError(
      error.signal,
      'interrupted while saving the backup: nothing was deleted',
    );
  }
  return error;
}

export interface SavedBackup {
  /** Absolute. */
  path: string;
  /** Quoted, under the directory as given, for messages. */
  shown: string;
  name: string | undefined;
  /** The GET whose result was saved. */
  response: ApiResponse<OAuthClient>;
}

/**
 * `--backup <dir>` (relative to the working directory), else the rc file's `backupDir` (already
 * absolute): opened as openBackupDir does; undefined when neither is set.
 */
export async function backupDirOf(
  given: string | undefined,
  cwd: string,
  setting: { value: string } | undefined,
): Promise<BackupDir | undefined> {
  if (given !== undefined) return openBackupDir(path.resolve(cwd, given), given);
  return setting && openBackupDir(setting.value, setting.value);
}

/** Where the backup of `clientId` goes. The ID has been validated (32 hex characters). */
export function backupPath(dir: BackupDir, clientId: string): string {
  return path.join(dir.path, `${clientId}.json`);
}

/**
 * GETs the client and writes its definition, replacing an older backup of it only once the new
 * one is on disk. Throws the API's error (a missing client is NotFoundError) or a FileError; in
 * both cases the caller must not delete.
 */
export async function backUpClient(
  http: HttpClient,
  accountId: string,
  clientId: string,
  dir: BackupDir,
): Promise<SavedBackup> {
  let response: ApiResponse<OAuthClient>;
  try {
    response = await getOAuthClient(http, accountId, clientId);
  } catch (error) {
    throw nothingDeleted(error);
  }
  const { result } = response;
  const target = backupPath(dir, clientId);
  const shown = quote(path.join(dir.given, `${clientId}.json`));
  try {
    const file = await createPrivateFile(target, true);
    await file.commit(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new FileError(
      `could not write the backup ${shown} (${code}): the client was not deleted`,
    );
  }
  const name = typeof result?.client_name === 'string' ? result.client_name : undefined;
  return { path: target, shown, name, response };
}
