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
} from './errors.js';

/**
 * What happened to one requested client. Only `deleted` and `already_absent` mean the client is
 * gone; `unknown` means a request was cut and the server may or may not have acted.
 */
export type Outcome = 'deleted' | 'already_absent' | 'failed' | 'unknown' | 'not_attempted';

export interface DeleteResult {
  id: string;
  outcome: Outcome;
  status: number | null;
  /** The API's `result` verbatim (null when the API gave none or there was no answer). */
  result: unknown;
  errors: ApiMessage[];
  messages: ApiMessage[];
  failure: Failure | undefined;
  /** Something the user should know about how we reached this outcome (stderr). */
  note: string | undefined;
}

/**
 * A failed write the API may have applied anyway: its answer was lost after sending (timeout,
 * dropped connection, 5xx), or an interrupt cut it in flight.
 */
export function mayHaveActed(error: unknown): boolean {
  // An interrupt that cut a write in flight has its outcome unknown too (see InterruptedError).
  return error instanceof CliError && error.outcomeUnknown;
}

/** The API confirmed the deletion. */
export function deletedResult(id: string, response: ApiResponse<unknown>): DeleteResult {
  return {
    id,
    outcome: 'deleted',
    status: response.status,
    result: response.result,
    errors: response.errors,
    messages: response.messages,
    failure: undefined,
    note: undefined,
  };
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
): DeleteResult {
  const api = error instanceof ApiError ? error : undefined;
  const base = {
    id,
    status: api?.status ?? null,
    result: null,
    errors: api?.errors ?? [],
    messages: api?.messages ?? [],
  };
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
