import { deleteOAuthClient } from '../api/oauth-clients.js';
import type { DeleteOptions } from '../cli.js';
import { validateClientId } from '../config/validate.js';
import type { Context } from '../context.js';
import { CancelledError, EXIT } from '../errors.js';
import { type DeleteResult, deletedResult, failedResult, failureDetails } from '../outcome.js';
import { deleteDocument, failureDocument, renderJson } from '../output/json.js';
import { canPrompt, confirm } from '../output/prompt.js';
import type { Terminal } from '../output/terminal.js';
import { openTerminal } from '../output/terminal.js';
import { renderFailureText } from '../output/text.js';
import { type ApiSession, openApiSession } from './api-session.js';

const WRITE_PERMISSION = 'OAuth Client Write';

/** `cf-oauth delete <id>`: validate, confirm on a terminal, delete, report. */
export async function deleteCommand(
  rawId: string,
  options: DeleteOptions,
  ctx: Context,
): Promise<number> {
  const term = await openTerminal(ctx, options);
  let session: ApiSession | undefined;
  try {
    const id = validateClientId(rawId);
    session = await openApiSession(options, ctx, term);
    if (!options.yes && canPrompt(ctx)) {
      const question = `Delete OAuth client ${id} from account ${session.accountId}?`;
      if (!(await confirm(ctx, question))) {
        throw new CancelledError('not confirmed: nothing was deleted');
      }
    }
    const result = await deleteOne(session, id, options, term);
    return reportResult(result, term, ctx);
  } catch (error) {
    const failure = failureDetails(error, {
      credentialSource: session?.credential.source,
      permission: WRITE_PERMISSION,
    });
    if (term.json) term.out(renderJson(failureDocument(failure)));
    else term.err(renderFailureText(failure, [], term.paintErr));
    return failure.exitCode;
  } finally {
    session?.http.close();
  }
}

async function deleteOne(
  session: ApiSession,
  id: string,
  options: DeleteOptions,
  term: Terminal,
): Promise<DeleteResult> {
  try {
    const response = await term.spin(`Deleting OAuth client ${id}`, () =>
      deleteOAuthClient(session.http, session.accountId, id),
    );
    return deletedResult(id, response);
  } catch (error) {
    return failedResult(id, error, {
      ignoreMissing: options.ignoreMissing === true,
      credentialSource: session.credential.source,
      permission: WRITE_PERMISSION,
    });
  }
}

function reportResult(result: DeleteResult, term: Terminal, ctx: Context): number {
  const reportedId = (result.result as { id?: unknown } | null)?.id;
  if (typeof reportedId === 'string' && reportedId !== result.id) {
    term.warn(`the API reported deleting ${JSON.stringify(reportedId)}, not ${result.id}`);
  }
  if (result.note) term.note(result.note);
  if (term.json) {
    term.out(renderJson(deleteDocument(result)));
  } else if (result.failure) {
    term.err(renderFailureText(result.failure, result.errors, term.paintErr));
  } else {
    const summary = result.outcome === 'deleted' ? 'Deleted' : 'Already absent:';
    term.out(
      term.stdoutIsTTY
        ? `${term.paintOut.green('✓')} ${summary} OAuth client ${result.id}\n`
        : `${result.id}\n`,
    );
  }
  const interrupted = ctx.interrupts.signal();
  if (interrupted) return interrupted === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  return result.failure?.exitCode ?? EXIT.ok;
}
