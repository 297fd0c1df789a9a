/**
 * `--match <glob>` / `--created-before <date|duration>`: the clients that are what the selector
 * says, found with one list call, then deleted (or, --dry-run, looked up) as a batch. A selector
 * is intent that can be wrong: without a terminal it needs --yes, and on a terminal the question
 * names every client it matched.
 */

import { listOAuthClients, type OAuthClient } from '../../api/oauth-clients.js';
import { BatchResults } from '../../batch/results.js';
import {
  parseCreatedBefore,
  type Selector,
  selectClients,
  validateGlob,
} from '../../clients/selectors.js';
import { CancelledError, UsageError } from '../../errors.js';
import { writeBatchDocument } from '../../output/batch-report.js';
import { canPrompt, confirm } from '../../output/prompt.js';
import { quote } from '../../output/quote.js';
import { runBatch } from './batch.js';
import type { DeleteRun } from './definition.js';

/** Reads and checks the selector flags; nothing is sent before they are valid. */
export function selectorOf(
  options: { match?: string | undefined; createdBefore?: string | undefined },
  now: number,
): Selector {
  return {
    match: options.match === undefined ? undefined : validateGlob(options.match),
    createdBefore:
      options.createdBefore === undefined
        ? undefined
        : parseCreatedBefore(options.createdBefore, now),
  };
}

export async function deleteBySelector(run: DeleteRun, selector: Selector): Promise<number> {
  const { ctx, options, term } = run;
  const deleting = !options.dryRun;
  if (deleting && !options.yes && !canPrompt(ctx)) {
    throw new UsageError('deleting by --match or --created-before without a terminal needs --yes', {
      hint: 'see what matches with --dry-run, then add --yes',
    });
  }
  const session = await run.openSession();
  const live = await term.spin('Listing OAuth clients', () =>
    listOAuthClients(session.http, session.accountId),
  );
  const matched = selectClients(live, selector);
  if (matched.length === 0) {
    term.note('nothing matched');
    if (term.json)
      writeBatchDocument(term.out, options.dryRun ? 'dry-run' : 'delete', [], new BatchResults(0));
    return 0;
  }
  if (deleting && !options.yes) {
    const question = `Delete ${matched.length === 1 ? 'this OAuth client' : `these ${matched.length} OAuth clients`} from account ${session.accountId}?\n${names(matched)}Delete?`;
    if (!(await confirm(ctx, question))) {
      throw new CancelledError('not confirmed: nothing was deleted');
    }
  }
  const ids = new Set(matched.map((client) => client.client_id));
  return runBatch(run, ids, session);
}

function names(clients: readonly OAuthClient[]): string {
  return clients
    .map((client) => `  ${client.client_id} ${quote(client.client_name ?? '', 200)}\n`)
    .join('');
}
