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

export interface ErrorContext {
  /** A line that tells the user what to do about it. */
  hint?: string;
}

export abstract class CliError extends Error {
  abstract readonly type: ErrorType;
  readonly hint: string | undefined;
  /**
   * A request behind this failure may have been acted on without us learning the result: an
   * attempt timed out, lost its connection after sending, or got a 5xx. Set by the API client.
   */
  outcomeUnknown = false;
  constructor(message: string, context: ErrorContext = {}) {
    super(message);
    this.name = new.target.name;
    this.hint = context.hint;
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
  /** How many attempts were made before giving up. */
  attempts?: number;
}

/** The API answered, and the answer is a failure (any status, or 2xx with `success: false`). */
export class ApiError extends CliError {
  readonly type: ErrorType = 'api';
  readonly status: number | null;
  readonly errors: ApiMessage[];
  readonly messages: ApiMessage[];
  readonly cfRay: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  attempts: number;
  /** An attempt before the one that produced this error may have reached the server (timed out, dropped, 5xx). */
  earlierAttemptUncertain = false;
  /**
   * The credential the refused request carried ("API token from …"), set when the failure comes
   * from opening the session (account detection), before the command knows its credential.
   */
  credentialSource: string | undefined;
  constructor(message: string, context: ResponseContext) {
    super(message, context);
    this.status = context.status;
    this.errors = context.errors ?? [];
    this.messages = context.messages ?? [];
    this.cfRay = context.cfRay;
    this.retryAfterSeconds = context.retryAfterSeconds;
    this.attempts = context.attempts ?? 1;
  }
}

/** HTTP 401/403 (or a 400 about a malformed credential): the credential was rejected or lacks a permission. */
export class AuthError extends ApiError {
  override readonly type = 'auth';
  /** The API's codes say the credential itself is invalid, expired or malformed, not short of a permission. */
  credentialRejected = false;
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
  attempts = 1;
  /** An attempt before the last one may have reached the server (timed out, dropped, 5xx). */
  earlierAttemptUncertain = false;
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
  /** An attempt made before the interruption may have reached the server (timed out, dropped, 5xx). */
  earlierAttemptUncertain = false;
  constructor(
    readonly signal: StopReason,
    message = 'interrupted',
    /** True when a request had been sent and was cut: the server may or may not have acted. */
    readonly requestInFlight = false,
  ) {
    super(message);
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

export interface Failure {
  exitCode: number;
  type: ErrorType;
  message: string;
  hint: string | undefined;
  status: number | null;
}

/** The one mapping from any thrown value to what the user sees and the exit code. */
export function describeFailure(error: unknown): Failure {
  if (!(error instanceof CliError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      exitCode: EXIT.failure,
      type: 'internal',
      message: `internal error: ${detail}`,
      hint: undefined,
      status: null,
    };
  }
  const status = error instanceof ApiError ? error.status : null;
  return {
    exitCode: exitCodeOf(error),
    type: error.type,
    message: error.message,
    hint: error.hint,
    status,
  };
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
