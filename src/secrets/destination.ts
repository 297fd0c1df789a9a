/**
 * Where a new client secret goes. The API returns it once (create, rotate-secret), so its
 * destination is settled before the request is sent: a file opened exclusively with mode 0600,
 * the --json document, or a person at a terminal. Without one of them nothing is sent: a client
 * whose secret nobody saw is a loss. The secret never goes to stderr.
 */

import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { NewFile } from '../files/durable.js';
import { quote } from '../output/quote.js';

export interface SecretOptions {
  secretFile?: string | undefined;
  force?: boolean | undefined;
  json?: boolean | undefined;
}

export type SecretDestination =
  | SecretFile
  | { kind: 'json' }
  /** Shown once on stdout, which is a terminal, as are stdin and stderr. */
  | { kind: 'terminal' };

export interface SecretFile {
  kind: 'file';
  /** The path as the user gave it. */
  given: string;
  /** The same, quoted for messages. */
  label: string;
  /** Writes the secret (no trailing newline), flushes it to disk, and puts it in place. */
  write(secret: string): Promise<void>;
  /** Nothing to store (the request failed): removes what `open` created. */
  abandon(): Promise<void>;
}

/** Settles the destination; throws UsageError (exit 2) before anything is sent. */
export async function openSecretDestination(
  options: SecretOptions,
  ctx: Context,
): Promise<SecretDestination> {
  if (options.secretFile !== undefined) {
    return openSecretFile(options.secretFile, options.force === true, ctx);
  }
  if (options.force) throw new UsageError('--force applies to --secret-file only');
  if (options.json) return { kind: 'json' };
  const { stdin, stdout, stderr } = ctx.streams;
  if (stdin.isTTY && stdout.isTTY && stderr.isTTY) return { kind: 'terminal' };
  throw new UsageError(
    'the new client secret would be lost: there is no terminal to show it on; nothing was sent',
    {
      hint: 'give --secret-file <path> (created with mode 0600) or --json (the document carries it)',
    },
  );
}

const OPEN_ERRORS: Record<string, string> = {
  EEXIST: 'it already exists (add --force to replace it)',
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  EROFS: 'the file system is read-only',
};

/**
 * Without --force the file itself is created exclusively, so an existing file (or a symlink) is
 * refused. With --force a temporary file beside it replaces it once the secret is written, so a
 * failed request leaves the old file as it was.
 */
async function openSecretFile(given: string, force: boolean, ctx: Context): Promise<SecretFile> {
  const target = path.resolve(ctx.cwd, given);
  const label = quote(given);
  const refused = (code: string) =>
    new UsageError(
      `cannot create --secret-file ${label}: ${OPEN_ERRORS[code] ?? code}; nothing was sent`,
    );
  if (force && (await isDirectory(target))) throw refused('EISDIR');
  // Loaded here, not at the top: it brings node:crypto and node:fs/promises, which --json and
  // terminal runs, the usual ones, never need (bench/README.md has the cost).
  const { createPrivateFile } = await import('../files/durable.js');
  let file: NewFile;
  try {
    file = await createPrivateFile(target, force);
  } catch (error) {
    throw refused((error as NodeJS.ErrnoException).code ?? '');
  }
  return {
    kind: 'file',
    given,
    label,
    write: (secret) => file.commit(secret),
    abandon: () => file.discard(),
  };
}

async function isDirectory(target: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}
