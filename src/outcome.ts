import type { ApiResponse } from './api/http.js';
import {
  ApiError,
  type ApiMessage,
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

/** Turns any thrown value into the details the renderers need. */
export function failureDetails(error: unknown, context: FailureContext = {}): FailureDetails {
  const failure = describeFailure(error);
  const api = error instanceof ApiError ? error : undefined;
  const attempts = api?.attempts ?? (error instanceof NetworkError ? error.attempts : undefined);
  const permissionHint =
    failure.type === 'auth' && context.permission
      ? `the credential needs the "${context.permission}" permission on this account`
      : undefined;
  return {
    ...failure,
    hint: failure.hint ?? permissionHint,
    cfRay: api?.cfRay,
    attempts,
    credentialSource:
      failure.type === 'auth' || failure.type === 'usage' ? context.credentialSource : undefined,
  };
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

/**
 * What a failed delete means for the client. A 404 after an attempt whose fate is unknown means an
 * earlier attempt most likely deleted it; a cut request or a 5xx means nobody can say.
 */
export function failedResult(
  id: string,
  error: unknown,
  options: { ignoreMissing: boolean } & FailureContext,
): DeleteResult {
  const api = error instanceof ApiError ? error : undefined;
  const base = {
    id,
    status: api?.status ?? null,
    result: null,
    errors: api?.errors ?? [],
    messages: api?.messages ?? [],
  };
  if (error instanceof NotFoundError && error.earlierAttemptUncertain) {
    const note = `OAuth client ${id} is gone: an earlier attempt whose answer was lost most likely deleted it`;
    return { ...base, outcome: 'already_absent', failure: undefined, note };
  }
  if (error instanceof NotFoundError && options.ignoreMissing) {
    const note = `OAuth client ${id} does not exist (--ignore-missing)`;
    return { ...base, outcome: 'already_absent', failure: undefined, note };
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
