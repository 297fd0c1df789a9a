/**
 * Where `apply` puts the secrets of the clients it creates (the API returns each once): one file
 * per client in `--secrets-dir`, named by its client ID, created exclusively with mode 0600; or
 * the `--json` document; or, on a terminal, stdout. Without any of them an apply that creates
 * is refused before anything is sent.
 */

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { quote } from '../config/display.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { createPrivateFile } from '../files/durable.js';

export type SecretsDestination =
  | { kind: 'dir'; label: string; write(clientId: string, secret: string): Promise<void> }
  | { kind: 'json' }
  | { kind: 'terminal' };

/**
 * Settles where the secrets go; `creates` is how many clients the plan creates. Throws
 * UsageError (exit 2) before anything is sent: the directory must exist and be writable.
 */
export async function openSecretsDestination(
  options: { secretsDir?: string | undefined; json?: boolean | undefined },
  creates: number,
  ctx: Context,
): Promise<SecretsDestination | undefined> {
  if (options.secretsDir !== undefined) return openSecretsDir(options.secretsDir, ctx);
  if (options.json) return { kind: 'json' };
  const { stdin, stdout, stderr } = ctx.streams;
  if (stdin.isTTY && stdout.isTTY && stderr.isTTY) return { kind: 'terminal' };
  if (creates === 0) return undefined;
  throw new UsageError(
    `the plan creates ${creates === 1 ? '1 client' : `${creates} clients`} whose secrets would be lost: there is no terminal to show them on; nothing was sent`,
    {
      hint: 'give --secrets-dir <dir> (one 0600 file per client) or --json (the document carries them)',
    },
  );
}

async function openSecretsDir(given: string, ctx: Context): Promise<SecretsDestination> {
  const dir = path.resolve(ctx.cwd, given);
  const label = quote(given);
  const refuse = (why: string) => new UsageError(`--secrets-dir ${label} ${why}; nothing was sent`);
  try {
    if (!(await stat(dir)).isDirectory()) throw refuse('is not a directory');
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'does not exist' : 'is not writable');
  }
  return {
    kind: 'dir',
    label,
    async write(clientId, secret) {
      // The file's name comes from the API's answer: never a path of its own.
      if (!/^[\w-]+$/.test(clientId)) throw new Error(`unexpected client ID ${quote(clientId)}`);
      const file = await createPrivateFile(path.join(dir, clientId), false);
      await file.commit(secret);
    },
  };
}
