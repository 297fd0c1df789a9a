/**
 * Handing a new secret to its destination, once. Only this module and the --json document ever
 * hold it on the way out; stderr never does.
 */

import { FileError } from '../errors.js';
import type { Terminal } from '../output/terminal.js';
import type { SecretDestination } from './destination.js';

/** What the --json document carries about the secret. */
export type SecretReport = { client_secret: string } | { secret_file: string } | undefined;

/**
 * Stores or shows `secret`, masked first in GitHub Actions. A terminal gets it on stdout under a plain warning; a file gets it
 * written and flushed (a failure is a FileError naming the client, whose secret is then lost);
 * for --json the returned report carries it.
 */
export async function deliverSecret(
  destination: SecretDestination,
  secret: string,
  clientId: string,
  term: Terminal,
): Promise<SecretReport> {
  // In GitHub Actions the runner hides the secret from every later line of the log, whatever
  // step prints it; the ::add-mask:: line itself is read by the runner, not shown.
  term.actions?.mask(secret);
  if (destination.kind === 'json') return { client_secret: secret };
  if (destination.kind === 'terminal') {
    term.out(
      `Client secret: ${secret}\n` +
        `${term.paintOut.yellow('Store it now:')} it is shown only this once and cannot be shown again.\n`,
    );
    return undefined;
  }
  try {
    await destination.write(secret);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new FileError(
      `could not write the client secret of ${clientId} to ${destination.label} (${code})`,
      { hint: `make a new one: cf-oauth rotate-secret ${clientId} --secret-file <path>` },
    );
  }
  if (!term.json) term.note(`client secret written to ${destination.label}`);
  return { secret_file: destination.given };
}

/** The request failed or was never sent: a file created for the secret is removed. */
export async function abandonSecret(destination: SecretDestination | undefined): Promise<void> {
  if (destination?.kind === 'file') await destination.abandon();
}
