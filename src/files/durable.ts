/**
 * Files that must survive what comes next (a secret before anything else can lose it, a backup
 * before the DELETE): created exclusively with mode 0600, written, flushed to disk, and put in
 * place by rename, whose directory entry is flushed too.
 */

import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Owner read and write only: the files hold a secret or a client's whole definition. */
export const PRIVATE_FILE_MODE = 0o600;

/** A file created exclusively (O_CREAT|O_EXCL: an existing file or symlink is refused). */
export interface NewFile {
  /** Writes `content`, flushes it, closes the file and, if it was a temporary one, renames it. */
  commit(content: string): Promise<void>;
  /** Closes and removes the file: nothing is to be stored after all. */
  discard(): Promise<void>;
}

/**
 * `target` itself when `replace` is false; otherwise a temporary file beside it that replaces
 * it on commit, so a failure before then leaves an existing file as it was. Throws the system
 * error (EEXIST, ENOENT, EACCES…) for the caller to word.
 */
export async function createPrivateFile(target: string, replace: boolean): Promise<NewFile> {
  const written = replace ? temporaryBeside(target) : target;
  const handle = await open(written, 'wx', PRIVATE_FILE_MODE);
  let closed = false;
  const close = async (file: FileHandle) => {
    if (!closed) await file.close();
    closed = true;
  };
  return {
    async commit(content) {
      // The mode given to open() is reduced by the umask; this one is exact.
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
      await close(handle);
      if (written !== target) await rename(written, target);
      await syncDirectory(path.dirname(target));
    },
    async discard() {
      await close(handle);
      await unlink(written).catch(() => {});
    },
  };
}

function temporaryBeside(target: string): string {
  const name = `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`;
  return path.join(path.dirname(target), name);
}

/** Makes a new directory entry durable. Some file systems cannot sync a directory: ignored. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EISDIR/EINVAL/EPERM on platforms without directory fsync; the data itself is synced.
  }
}
