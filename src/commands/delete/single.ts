/**
 * Deleting one client: confirm on a terminal (naming the client), delete, report in the
 * single-delete shapes (the ID alone on stdout, or one JSON document).
 */

import { deleteOAuthClient, getOAuthClient } from '../../api/oauth-clients.js';
import type { Context } from '../../context.js';
import {
  CancelledError,
  describeFailure,
  EXIT,
  InterruptedError,
  NotFoundError,
} from '../../errors.js';
import { type ClientOutcome, succeeded } from '../../outcome.js';
import { deleteDocument, renderJson } from '../../output/json.js';
import { canPrompt, confirm } from '../../output/prompt.js';
import { quote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import type { ApiSession } from '../../session/api-session.js';
import { failedDelete } from './absence.js';
import type { DeleteRun } from './definition.js';
import { reportedIdMismatch } from './reported-id.js';

/**
 * Deletes `id`. `knownName` is the client's name when the caller already has it (--name);
 * otherwise a terminal confirmation looks the client up first to show its name.
 */
export async function deleteSingle(
  run: DeleteRun,
  id: string,
  knownName?: string,
): Promise<number> {
  const { ctx, options, term } = run;
  const session = await run.openSession();
  if (!options.yes && canPrompt(ctx)) {
    const lookup = knownName === undefined ? await lookUp(session, id, term) : { name: knownName };
    if ('missing' in lookup) {
      return reportResult(id, await resultOf(run, session, id, lookup.missing), term, ctx);
    }
    if (!(await confirm(ctx, question(id, lookup.name, session.accountId)))) {
      throw new CancelledError('not confirmed: nothing was deleted');
    }
  }
  let result: ClientOutcome;
  try {
    const backup = await run.backupDir();
    if (backup) {
      const { backUpClient } = await import('../../clients/backup.js');
      const saved = await term.spin(`Saving OAuth client ${id}`, () =>
        backUpClient(session.http, session.accountId, id, backup),
      );
      term.note(`saved OAuth client ${id} to ${saved.shown}`);
    }
    const response = await term.spin(`Deleting OAuth client ${id}`, () =>
      deleteOAuthClient(session.http, session.accountId, id),
    );
    result = { ...succeeded('deleted', response), result: response.result };
  } catch (error) {
    result = await resultOf(run, session, id, error);
  }
  return reportResult(id, result, term, ctx);
}

function question(id: string, name: string | undefined, accountId: string): string {
  const client = name === undefined ? id : `${quote(name)} (${id})`;
  return `Delete OAuth client ${client} from account ${accountId}?`;
}

type Lookup = { name: string | undefined } | { missing: NotFoundError };

/**
 * The client's name for the question. A 404 means there is nothing to delete; any other failure
 * (no read permission, a flaky API) only costs the name, and the question names the ID alone.
 */
async function lookUp(session: ApiSession, id: string, term: Terminal): Promise<Lookup> {
  try {
    const { result } = await term.spin(`Looking up OAuth client ${id}`, () =>
      getOAuthClient(session.http, session.accountId, id),
    );
    const name = result?.client_name;
    return { name: typeof name === 'string' && name !== '' ? name : undefined };
  } catch (error) {
    // A GET changes nothing: its 404 never says an earlier attempt may have deleted the client.
    if (error instanceof NotFoundError) return { missing: error };
    if (error instanceof InterruptedError) throw error;
    term.trace(`could not look up the client's name: ${(error as Error).message}`);
    return { name: undefined };
  }
}

function resultOf(
  run: DeleteRun,
  session: ApiSession,
  id: string,
  error: unknown,
): Promise<ClientOutcome> {
  return failedDelete(session, id, error, run.options.ignoreMissing === true);
}

function reportResult(id: string, result: ClientOutcome, term: Terminal, ctx: Context): number {
  const mismatch = reportedIdMismatch(id, result.result);
  if (mismatch) term.warn(mismatch);
  if (term.json) {
    term.out(renderJson(deleteDocument(id, result)));
  } else if (result.failure) {
    term.err(term.failureText(result.failure, result.errors));
  } else {
    const summary = result.outcome === 'deleted' ? 'Deleted' : 'Already absent:';
    term.out(
      term.stdoutIsTTY ? `${term.paintOut.green('✓')} ${summary} OAuth client ${id}\n` : `${id}\n`,
    );
  }
  // After the error, where a reader looks next: what this means for the client.
  if (result.note) term.note(result.note);
  const interrupted = ctx.interrupts.signal();
  if (interrupted) return describeFailure(new InterruptedError(interrupted)).exitCode;
  return result.failure?.exitCode ?? EXIT.ok;
}
