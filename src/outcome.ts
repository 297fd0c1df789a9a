import type { ApiResponse } from './api/http.js';
import {
  ApiError,
  type ApiMessage,
  CliError,
  describeFailure,
  type Failure,
  type FailureContext,
  InterruptedError,
  NotFoundError,
  RateLimitError,
} from './errors.js';

/**
 * What happened to one client, whatever the command (delete, a batch, a dry run, apply). Only
 * `created`, `updated`, `deleted`, `already_absent` and `would_delete` (a dry run found it) are
 * successes; `unknown` means a request was cut and the server may or may not have acted.
 */
export type Outcome =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'already_absent'
  | 'would_delete'
  | 'failed'
  | 'unknown'
  | 'not_attempted';

export function isSuccess(outcome: Outcome): boolean {
  return (
    outcome === 'created' ||
    outcome === 'updated' ||
    outcome === 'deleted' ||
    outcome === 'already_absent' ||
    outcome === 'would_delete'
  );
}

/**
 * One client's outcome with what the API said about it. The optional parts are what only some
 * reports show, so a batch need not keep them for every ID (see batch/results.ts).
 */
export interface ClientOutcome {
  outcome: Outcome;
  /** null: no HTTP answer. */
  status: number | null;
  /** The API's errors[], verbatim. */
  errors: ApiMessage[];
  failure: Failure | undefined;
  /** The API's messages[] verbatim (the single delete's document shows them). */
  messages?: ApiMessage[] | undefined;
  /** The API's `result` verbatim (null when the API gave none or there was no answer). */
  result?: unknown;
  /** Something the user should know about how we reached this outcome (stderr). */
  note?: string | undefined;
  /** --dry-run: the client's name (null when it has none). */
  name?: string | null | undefined;
}

/** An ID that nothing was sent for (an interrupt, or a stop, came first). */
export const NOT_ATTEMPTED: Readonly<ClientOutcome> = {
  outcome: 'not_attempted',
  status: null,
  errors: [],
  failure: undefined,
};

/**
 * The API answered with success. Its `result` is left out: a create's holds the client secret,
 * which must not outlive its hand-over; the single delete adds it, for its JSON document.
 */
export function succeeded(
  outcome: Outcome,
  response: Omit<ApiResponse<unknown>, 'result'>,
): ClientOutcome {
  return {
    outcome,
    status: response.status,
    errors: response.errors,
    failure: undefined,
    messages: response.messages,
  };
}

/** What the API said with a failure: its status and envelope, when it answered at all. */
export function answerOf(error: unknown): Pick<ClientOutcome, 'status' | 'errors' | 'messages'> {
  const api = error instanceof ApiError ? error : undefined;
  return { status: api?.status ?? null, errors: api?.errors ?? [], messages: api?.messages ?? [] };
}

/**
 * A failed write the API may have applied anyway: its answer was lost after sending (timeout,
 * dropped connection, 5xx), or an interrupt cut it in flight.
 */
export function mayHaveActed(error: unknown): boolean {
  // An interrupt that cut a write in flight has its outcome unknown too (see InterruptedError).
  return error instanceof CliError && error.outcomeUnknown;
}

/** Whether the API has shown that a client is not there (see commands/delete/absence.ts). */
export type Absence = { proven: true } | { proven: false; reason: string };

/** Said with a 404 that could not be confirmed as "no such client". */
export const UNCONFIRMED_404_HINT =
  'a 404 also comes from a wrong API path: check the base URL (https://api.cloudflare.com/client/v4) and the account ID';

/**
 * What a failed delete means for the client. A 404 counts as "gone" only when `absence` proves
 * it (the client is missing from the account's complete list): then, after an attempt whose fate
 * is unknown, an earlier attempt most likely deleted it, and with --ignore-missing it is already
 * absent. An unproven 404 is a not-found failure (unknown after a lost answer). A cut request or
 * a 5xx means nobody can say.
 */
export function failedResult(
  id: string,
  error: unknown,
  options: { ignoreMissing: boolean; absence?: Absence | undefined } & FailureContext,
): ClientOutcome {
  const base = { ...answerOf(error), result: null };
  const claimsGone =
    error instanceof NotFoundError && (error.earlierAttemptUncertain || options.ignoreMissing);
  if (claimsGone && options.absence?.proven) {
    const note = error.earlierAttemptUncertain
      ? `OAuth client ${id} is gone: an earlier attempt whose answer was lost most likely deleted it`
      : `OAuth client ${id} does not exist (--ignore-missing)`;
    return { ...base, outcome: 'already_absent', failure: undefined, note };
  }
  if (claimsGone) {
    const uncertain = error.earlierAttemptUncertain;
    const reason = options.absence?.proven === false ? options.absence.reason : 'not checked';
    const failure = { ...describeFailure(error, options), hint: UNCONFIRMED_404_HINT };
    let note = `could not confirm that OAuth client ${id} is absent: ${reason}`;
    if (uncertain) note += `; the delete of ${id} may or may not have been applied`;
    return { ...base, outcome: uncertain ? 'unknown' : 'failed', failure, note };
  }
  const outcome = outcomeOfFailure(error);
  const note =
    outcome === 'unknown' ? `the delete of ${id} may or may not have been applied` : undefined;
  return { ...base, outcome, failure: describeFailure(error, options), note };
}

/** What a failed request leaves behind: cut (unknown), never sent (not_attempted), or refused. */
export function outcomeOfFailure(error: unknown): Outcome {
  // Cut in flight, or during a backoff wait after a 5xx: that request's effect is unknown.
  if (error instanceof CliError && error.outcomeUnknown) return 'unknown';
  if (error instanceof InterruptedError) return 'not_attempted';
  return 'failed';
}

/** The pacer refused to send anything: the API blocks requests for longer than allowed. */
export function refusedBeforeSending(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError && error.attempts === 0;
}

/** Going on after the API refused us for rate limiting would only meet the same refusal. */
export function rateLimited(failure: Failure | undefined): Failure | undefined {
  return failure?.type === 'rate_limited' ? failure : undefined;
}
