/**
 * Every failure the tool can report is one of these classes. `describeFailure` is the one
 * table that turns them into an exit code and a JSON error type; nothing else decides exit codes.
 */

import type { StopReason } from './context.js';

/** An entry of the API's `errors[]` or `messages[]`, kept verbatim. */
export interface ApiMessage {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer?: string };
  [extra: string]: unknown;
}

export type ErrorType =
  | 'usage'
  | 'auth'
  | 'not_found'
  | 'rate_limited'
  | 'api'
  | 'network'
  | 'timeout'
  | 'interrupted'
  | 'cancelled'
  | 'file'
  | 'internal';

/**
 * What the API client's retry loop knew when it gave up, handed to the error it then builds (see
 * api/http.ts). "May have acted" is only ever true for a method that changes something: a GET
 * that timed out changed nothing, so no caller has to take an uncertainty back.
 */
export interface AttemptHistory {
  /** Attempts sent; 0 when none was (the pacer refused, or an interrupt came first). */
  readonly attempts: number;
  /** An attempt before the last may have been acted on: it timed out, lost its connection after sending, or got a 5xx. */
  readonly earlierMayHaveActed: boolean;
  /** The last attempt may have been acted on: the same, or an interrupt cut it in flight. */
  readonly lastMayHaveActed: boolean;
}

export interface ErrorContext {
  /** A line that tells the user what to do about it. */
  hint?: string | undefined;
  /** Given by the API client for a failed request; absent for everything else. */
  history?: AttemptHistory | undefined;
}

export abstract class CliError extends Error {
  abstract readonly type: ErrorType;
  readonly hint: string | undefined;
  /** An attempt before the one that produced this error may have been acted on. */
  readonly earlierAttemptUncertain: boolean;
  /**
   * A request behind this failure may have been acted on without us learning the result: an
   * attempt timed out, lost its connection after sending, got a 5xx, or was cut in flight.
   */
  readonly outcomeUnknown: boolean;
  constructor(message: string, context: ErrorContext = {}) {
    super(message);
    this.name = new.target.name;
    this.hint = context.hint;
    const history = context.history;
    this.earlierAttemptUncertain = history?.earlierMayHaveActed ?? false;
    this.outcomeUnknown = this.earlierAttemptUncertain || (history?.lastMayHaveActed ?? false);
  }
}

/** Bad arguments or flags: nothing was sent. */
export class UsageError extends CliError {
  readonly type = 'usage';
}

/** A broken rc file, bad setting or missing credential: nothing was sent. */
export class ConfigError extends CliError {
  readonly type = 'usage';
}

/** The user answered no at the confirmation prompt: nothing was sent. */
export class CancelledError extends CliError {
  readonly type = 'cancelled';
}

export interface ResponseContext extends ErrorContext {
  status: number | null;
  errors?: ApiMessage[];
  messages?: ApiMessage[];
  cfRay?: string | undefined;
  /** Seconds until the call may be retried, when the server said so. */
  retryAfterSeconds?: number | undefined;
  /** The credential the request carried ("API token from …"). */
  credentialSource?: string | undefined;
  /** The API's codes say the credential itself is invalid, expired or malformed (AuthError). */
  credentialRejected?: boolean;
}

/** The API answered, and the answer is a failure (any status, or 2xx with `success: false`). */
export class ApiError extends CliError {
  readonly type: ErrorType = 'api';
  readonly status: number | null;
  readonly errors: ApiMessage[];
  readonly messages: ApiMessage[];
  readonly cfRay: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** How many attempts were made before giving up. */
  readonly attempts: number;
  /**
   * The credential the refused request carried ("API token from …"): what a failure from opening
   * the session (account detection) names, before the command knows its credential.
   */
  readonly credentialSource: string | undefined;
  constructor(message: string, context: ResponseContext) {
    super(message, context);
    this.status = context.status;
    this.errors = context.errors ?? [];
    this.messages = context.messages ?? [];
    this.cfRay = context.cfRay;
    this.retryAfterSeconds = context.retryAfterSeconds;
    this.attempts = context.history?.attempts ?? 1;
    this.credentialSource = context.credentialSource;
  }
}

/** HTTP 401/403 (or a 400 about a malformed credential): the credential was rejected or lacks a permission. */
export class AuthError extends ApiError {
  override readonly type = 'auth';
  /** The API's codes say the credential itself is invalid, expired or malformed, not short of a permission. */
  readonly credentialRejected: boolean;
  constructor(message: string, context: ResponseContext) {
    super(message, context);
    this.credentialRejected = context.credentialRejected ?? false;
  }
}

/** HTTP 404. */
export class NotFoundError extends ApiError {
  override readonly type = 'not_found';
}

/** HTTP 429, or a wait the server asked for that is longer than the user allows. */
export class RateLimitError extends ApiError {
  override readonly type = 'rate_limited';
}

/** The request never got an HTTP answer: refused, reset, DNS. */
export class NetworkError extends CliError {
  readonly type: ErrorType = 'network';
  /** How many attempts were made before giving up. */
  readonly attempts: number;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
    this.attempts = context.history?.attempts ?? 1;
  }
}

/** An attempt took longer than `--timeout`. */
export class TimeoutError extends NetworkError {
  override readonly type = 'timeout';
}

/** A local file cf-oauth had to write (a backup before a delete) could not be written. */
export class FileError extends CliError {
  readonly type = 'file';
}

/** SIGINT or SIGTERM arrived, or stdout was closed. */
export class InterruptedError extends CliError {
  readonly type = 'interrupted';
  /** True when a request that changes something was sent and cut: the server may or may not have acted. */
  readonly requestInFlight: boolean;
  constructor(
    readonly signal: StopReason,
    message = 'interrupted',
    history?: AttemptHistory,
  ) {
    super(message, { history });
    this.requestInFlight = history?.lastMayHaveActed ?? false;
  }
}

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  rateLimited: 5,
  /** `plan --exit-code`: the plan has changes (a drift check's "yes"), not a failure. */
  changes: 6,
  sigint: 130,
  /** stdout was closed (EPIPE): the shell's code for a process killed by SIGPIPE. */
  stdoutClosed: 141,
  sigterm: 143,
} as const;

/** A failure as the user sees it: the exit-code table's view plus what the API told us. */
export interface Failure {
  readonly exitCode: number;
  readonly type: ErrorType;
  readonly message: string;
  readonly hint: string | undefined;
  readonly status: number | null;
  readonly cfRay: string | undefined;
  readonly attempts: number | undefined;
  /** Which credential was used, on auth and usage failures ("API token from CLOUDFLARE_API_TOKEN"). */
  readonly credentialSource: string | undefined;
}

/** What the caller knows that the error does not. */
export interface FailureContext {
  credentialSource?: string | undefined;
  /** The API token permission the call needs, named in auth failures. */
  permission?: string | undefined;
}

/** The one mapping from any thrown value to what the user sees and the exit code. */
export function describeFailure(error: unknown, context: FailureContext = {}): Failure {
  if (!(error instanceof CliError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      exitCode: EXIT.failure,
      type: 'internal',
      message: `internal error: ${detail}`,
      hint: undefined,
      status: null,
      cfRay: undefined,
      attempts: undefined,
      credentialSource: undefined,
    };
  }
  const api = error instanceof ApiError ? error : undefined;
  const attempts = api?.attempts ?? (error instanceof NetworkError ? error.attempts : undefined);
  return {
    exitCode: exitCodeOf(error),
    type: error.type,
    message: error.message,
    hint: error.hint ?? authHint(error, context),
    status: api?.status ?? null,
    cfRay: api?.cfRay,
    attempts,
    credentialSource:
      error.type === 'auth' || error.type === 'usage'
        ? (context.credentialSource ?? api?.credentialSource)
        : undefined,
  };
}

/**
 * What to do about a refused credential, from the API's codes: a credential the API calls
 * invalid gets that said (a missing permission would be the wrong advice), else the permission
 * the call needs.
 */
function authHint(error: CliError, context: FailureContext): string | undefined {
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

const STOP_EXIT: Record<StopReason, number> = {
  SIGINT: EXIT.sigint,
  SIGTERM: EXIT.sigterm,
  EPIPE: EXIT.stdoutClosed,
};

function exitCodeOf(error: CliError): number {
  switch (error.type) {
    case 'usage':
      return EXIT.usage;
    case 'auth':
      return EXIT.auth;
    case 'not_found':
      return EXIT.notFound;
    case 'rate_limited':
      return EXIT.rateLimited;
    case 'interrupted':
      return STOP_EXIT[(error as InterruptedError).signal];
    default:
      return EXIT.failure;
  }
}
