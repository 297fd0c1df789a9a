/**
 * Where `apply` puts the secrets of the clients it creates (the API returns each once): one file
 * per client in `--secrets-dir`, named by its client ID, created exclusively with mode 0600; or
 * the `--json` document; or, on a terminal, stdout. Without any of them an apply that creates
 * is refused before anything is sent. Each secret is then handed over as `create` hands over
 * its one (src/secrets/deliver.ts).
 */

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { createPrivateFile } from '../files/durable.js';
import { quote } from '../output/quote.js';
import type { SecretDestination } from '../secrets/destination.js';

/** Gives the destination of one new client's secret, once its ID is known. */
export type SecretsPlace = (clientId: string) => Promise<SecretDestination>;

/** `--secrets-dir`: must be a writable directory; checked before anything is sent. */
export async function openSecretsDir(given: string, ctx: Context): Promise<SecretsPlace> {
  const dir = path.resolve(ctx.cwd, given);
  const refuse = (why: string) =>
    new UsageError(`--secrets-dir ${quote(given)} ${why}; nothing was sent`);
  try {
    if (!(await stat(dir)).isDirectory()) throw refuse('is not a directory');
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'does not exist' : 'is not writable');
  }
  return async (clientId) => {
    // The file's name comes from the API's answer: never a path of its own.
    if (!/^[\w-]+$/.test(clientId)) throw new Error(`unexpected client ID ${quote(clientId)}`);
    const file = await createPrivateFile(path.join(dir, clientId), false);
    const shown = path.join(given, clientId);
    return {
      kind: 'file',
      given: shown,
      label: quote(shown),
      write: (secret) => file.commit(secret),
      abandon: () => file.discard(),
    };
  };
}

/**
 * Without --secrets-dir: the --json document, or a terminal. `creates` is how many clients the
 * plan creates; when there is no destination for them, a UsageError (exit 2), nothing sent.
 */
export function secretsPlace(
  json: boolean,
  creates: number,
  ctx: Context,
): SecretsPlace | undefined {
  const { stdin, stdout, stderr } = ctx.streams;
  if (json) return async () => ({ kind: 'json' });
  if (stdin.isTTY && stdout.isTTY && stderr.isTTY) return async () => ({ kind: 'terminal' });
  if (creates === 0) return undefined;
  const clients = creates === 1 ? '1 client whose secret' : `${creates} clients whose secrets`;
  throw new UsageError(
    `the plan creates ${clients} would be lost: there is no terminal to show them on; nothing was sent`,
    {
      hint: 'give --secrets-dir <dir> (one 0600 file per client) or --json (the document carries them)',
    },
  );
}
