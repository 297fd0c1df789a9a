import type { ApiOptions } from '../cli.js';
import type { Context } from '../context.js';
import { ApiError, describeFailure, EXIT, InterruptedError } from '../errors.js';
import { type FailureContext, failureDetails } from '../outcome.js';
import { failureDocument, renderJson } from '../output/json.js';
import { openTerminal, type Terminal } from '../output/terminal.js';
import { type ApiSession, openApiSession } from './api-session.js';

/** The API token permission that reading OAuth clients needs, named when the API refuses. */
export const READ_PERMISSION = 'OAuth Client Read';

/**
 * The frame of a read-only API command: open the terminal, run `task`, and turn any failure into
 * its message (text on stderr, or one JSON document on stdout) and exit code. The task opens the
 * session itself, after validating its arguments, so that a bad argument sends nothing (not even
 * the account lookup). `permission` is the API token permission the task needs.
 */
export async function runApiCommand(
  options: ApiOptions,
  ctx: Context,
  permission: string,
  task: (openSession: () => Promise<ApiSession>, term: Terminal) => Promise<void>,
): Promise<number> {
  const term = await openTerminal(ctx, options);
  let session: ApiSession | undefined;
  const openSession = async () => {
    session = await openApiSession(options, ctx, term);
    return session;
  };
  try {
    await task(openSession, term);
    // A signal that arrived after the last answer still means the run was interrupted.
    const signal = ctx.interrupts.signal();
    return signal ? describeFailure(new InterruptedError(signal)).exitCode : EXIT.ok;
  } catch (error) {
    return reportFailure(term, error, { credentialSource: session?.credential.source, permission });
  } finally {
    session?.http.close();
  }
}

/** Shows a failure (text on stderr, or one JSON document on stdout); returns its exit code. */
export function reportFailure(
  term: Terminal,
  error: unknown,
  context: FailureContext = {},
): number {
  const failure = failureDetails(error, context);
  const errors = error instanceof ApiError ? error.errors : [];
  if (term.json) term.out(renderJson(failureDocument(failure, errors)));
  else term.err(term.failureText(failure, errors));
  return failure.exitCode;
}
