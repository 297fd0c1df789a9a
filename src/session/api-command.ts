import type { Context } from '../context.js';
import { debugStack } from '../debug.js';
import { ApiError, CliError, describeFailure, EXIT, InterruptedError } from '../errors.js';
import { type FailureContext, failureDetails } from '../outcome.js';
import { failureDocument, renderJson } from '../output/json.js';
import { openTerminal, type Terminal } from '../output/terminal.js';
import { type ApiSession, openApiSession, type SessionOptions } from './api-session.js';
import type { ApiOptions } from './options.js';

/**
 * The frame of every API command: open the terminal, run `task`, and turn any failure into
 * its message (text on stderr, or one JSON document on stdout) and exit code. The task opens the
 * session itself, after validating its arguments, so that a bad argument sends nothing (not even
 * the account lookup). `permission` is the API token permission the task needs.
 * The session is opened once (later calls return it) and closed here. A task that returns no
 * exit code succeeded: the code is 0, or the interrupt's when a signal arrived.
 */
export async function runApiCommand(
  options: ApiOptions,
  ctx: Context,
  permission: string | undefined,
  task: (
    openSession: (sessionOptions?: SessionOptions) => Promise<ApiSession>,
    term: Terminal,
    // biome-ignore lint/suspicious/noConfusingVoidType: a task that returns nothing succeeded.
  ) => Promise<number | void>,
): Promise<number> {
  const term = await openTerminal(ctx, options);
  let session: ApiSession | undefined;
  const openSession = async (sessionOptions?: SessionOptions) => {
    session ??= await openApiSession(options, ctx, term, sessionOptions);
    return session;
  };
  try {
    const exitCode = await task(openSession, term);
    if (exitCode !== undefined) return exitCode;
    // A signal that arrived after the last answer still means the run was interrupted.
    const signal = ctx.interrupts.signal();
    return signal ? describeFailure(new InterruptedError(signal)).exitCode : EXIT.ok;
  } catch (error) {
    const exitCode = reportFailure(term, error, {
      credentialSource: session?.credential.source,
      permission,
    });
    // A bug (not a failure cf-oauth describes) shows its stack in debug mode.
    const stack = error instanceof CliError ? '' : debugStack(error, ctx.env);
    if (stack !== '') term.err(stack);
    return exitCode;
  } finally {
    session?.http.close();
  }
}

/** Shows a failure (text on stderr, or one JSON document on stdout); returns its exit code. */
function reportFailure(term: Terminal, error: unknown, context: FailureContext = {}): number {
  const failure = failureDetails(error, context);
  const errors = error instanceof ApiError ? error.errors : [];
  if (term.json) term.out(renderJson(failureDocument(failure, errors)));
  else term.err(term.failureText(failure, errors));
  return failure.exitCode;
}
