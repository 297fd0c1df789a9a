import type { ApiResponse } from './api/http.js';
import {
  ApiError,
  type ApiMessage,
  AuthError,
  CliError,
  describeFailure,
  type Failure,
  InterruptedError,
  NetworkError,
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
  failure: FailureDetails | undefined;
  /** Something the user should know about how we reached this outcome (stderr). */
  note: string | undefined;
}

/** A failure as the user sees it: the exit-code table's view plus what the API told us. */
export interface FailureDetails extends Failure {
  cfRay: string | undefined;
  attempts: number | undefined;
  /** Which credential was used, on auth failures ("API token from CLOUDFLARE_API_TOKEN"). */
  credentialSource: string | undefined;
}

export interface FailureContext {
  credentialSource?: string | undefined;
  /** The API token permission the call needs, named in auth failures. */
  permission?: string | undefined;
}

/**
 * A failed write the API may have applied anyway: its answer was lost after sending (timeout,
 * dropped connection, 5xx), or an interrupt cut it in flight.
 */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof InterruptedError && error.requestInFlight) return true;
  return error instanceof CliError && error.outcomeUnknown;
}

/** Turns any thrown value into the details the renderers need. */
export function failureDetails(error: unknown, context: FailureContext = {}): FailureDetails {
  const failure = describeFailure(error);
  const api = error instanceof ApiError ? error : undefined;
  const attempts = api?.attempts ?? (error instanceof NetworkError ? error.attempts : undefined);
  return {
    ...failure,
    hint: failure.hint ?? authHint(error, context),
    cfRay: api?.cfRay,
    attempts,
    credentialSource:
      failure.type === 'auth' || failure.type === 'usage'
        ? (context.credentialSource ?? api?.credentialSource)
        : undefined,
  };
}

/**
 * What to do about a refused credential, from the API's codes: a credential the API calls
 * invalid gets that said (a missing permission would be the wrong advice), else the permission
 * the call needs.
 */
function authHint(error: unknown, context: FailureContext): string | undefined {
  if (!(error instanceof AuthError)) return undefined;
  if (error.credentialRejected) {
    const source = context.credentialSource ?? error.credentialSource;
    return source?.startsWith('API key')
      ? 'the API key or its email is invalid'
      : 'the token is invalid, expired or malformed';
  }
  return context.permission
    ? `the credential needs the "${context.permission}" permission on this account`
    : undefined;
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
    const failure = { ...failureDetails(error, options), hint: UNCONFIRMED_404_HINT };
    let note = `could not confirm that OAuth client ${id} is absent: ${reason}`;
    if (uncertain) note += `; the delete of ${id} may or may not have been applied`;
    return { ...base, outcome: uncertain ? 'unknown' : 'failed', failure, note };
  }
  const outcome = outcomeOfFailure(error);
  const note =
    outcome === 'unknown' ? `the delete of ${id} may or may not have been applied` : undefined;
  return { ...base, outcome, failure: failureDetails(error, options), note };
}

/** What a failed request leaves behind: cut (unknown), never sent (not_attempted), or refused. */
export function outcomeOfFailure(error: unknown): Outcome {
  // An interrupt during a backoff wait after a 5xx still leaves that 5xx's effect unknown.
  if (error instanceof CliError && error.outcomeUnknown) return 'unknown';
  if (error instanceof InterruptedError) return error.requestInFlight ? 'unknown' : 'not_attempted';
  return 'failed';
}
