/**
 * The API client: one `request` call = up to `retries + 1` attempts, each turned into the API's
 * result or a typed error, with backoff between them. Commands never see HTTP details other
 * than through `ApiResponse` and the error classes of `src/errors.ts`.
 */

import type { Credential } from '../config/settings.js';
import type { Clock, FetchLike, Interrupts } from '../context.js';
import {
  ApiError,
  type ApiMessage,
  InterruptedError,
  NetworkError,
  RateLimitError,
} from '../errors.js';
import { type AttemptResult, performAttempt } from './attempt.js';
import { describeStatus, interpretResponse, originNeverReached } from './envelope.js';
import type { NetworkFailure } from './network-errors.js';
import { createPacer, type Pause, type Permit } from './pacer.js';
import { createRedactor, type Redactor, secretsOf, secretsReceived } from './redaction.js';
import { assertCredentialSendable, buildRequestHeaders } from './request-headers.js';
import {
  answeredBeforeActing,
  backoffDelayMs,
  formatDelay,
  formatUtcClockTime,
  serverRequestedDelayMs,
  shouldRetryResponse,
} from './retry-policy.js';
import { createTracer } from './trace.js';
import { createTransport } from './transport.js';
import { buildRequestUrl } from './url.js';

export interface HttpOptions {
  /** Already validated, e.g. https://api.cloudflare.com/client/v4 */
  baseUrl: URL;
  /** Exactly one scheme is ever sent. */
  credential: Credential;
  /** 'cf-oauth/<version> node/<version>' */
  userAgent: string;
  /** Per attempt (--timeout). */
  timeoutMs: number;
  /** --retries; 0 = exactly one attempt. */
  retries: number;
  /** --max-retry-wait: the longest wait before a retry the client accepts. */
  maxRetryWaitSeconds: number;
  /** Every wait between attempts goes through `clock.sleep`. */
  clock: Clock;
  /** `stopping`: start no new attempt and cut backoff waits; `abort`: cut a request in flight. */
  interrupts: Interrupts;
  /** For HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lower-case forms). */
  env: Readonly<Record<string, string | undefined>>;
  /** Injected in unit tests; by default node-fetch is imported on the first request. */
  fetch?: FetchLike;
  /** --verbose: one line per request, response, attempt and wait; secrets are redacted. */
  trace?: (line: string) => void;
  /** Jitter source, default Math.random. */
  random?: () => number;
}

export interface ApiResponse<T> {
  status: number;
  result: T;
  errors: ApiMessage[];
  messages: ApiMessage[];
  /** The API's JSON verbatim. */
  envelope: Record<string, unknown>;
  cfRay: string | undefined;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  attempts: number;
  /** true when an earlier attempt's outcome is unknown (timed out, dropped after sending, 5xx) */
  earlierAttemptUncertain: boolean;
}

export type Method = 'GET' | 'DELETE' | 'POST' | 'PATCH';

export interface RequestOptions {
  /** Numeric query parameters such as `page` and `per_page`. */
  query?: Readonly<Record<string, number>>;
  /** Sent as JSON (POST, PATCH). */
  body?: unknown;
  /**
   * Replaces the session's interrupts for this request: a short check that must still run
   * after Ctrl-C (did the create cut by the signal happen?) brings its own bounded signals.
   */
  interrupts?: Interrupts;
}

export interface HttpClient {
  /**
   * A POST is never repeated once it may have reached the API: only when nothing was sent,
   * or when the API answered that it did not act (see `mayRepeat`). GET, DELETE and PATCH
   * (which sets fields to given values) are idempotent and retried as usual.
   */
  request<T>(
    method: Method,
    segments: readonly string[],
    options?: RequestOptions,
  ): Promise<ApiResponse<T>>;
  /** Called whenever every request must wait for the rate limit (see pacer.ts). */
  onRateLimitPause(listener: (pause: Pause) => void): void;
  /** Destroys keep-alive agents so the process can exit. */
  close(): void;
}

/** A failed attempt, as the retry loop sees it. */
interface FailedAttempt {
  error: ApiError | NetworkError;
  retryable: boolean;
  /** The server may have acted on this attempt (timeout, dropped connection, 5xx). */
  uncertain: boolean;
  /** The wait the server asked for (retry-after-ms / Retry-After), if any. */
  serverDelayMs: number | undefined;
  /** The request certainly had no effect: nothing was sent, or the API said it did not act. */
  noEffect: boolean;
  /** "HTTP 503", "could not connect to …", for trace lines and messages. */
  summary: string;
}

export function createHttpClient(options: HttpOptions): HttpClient {
  assertCredentialSendable(options.credential);
  const { clock } = options;
  const headers = buildRequestHeaders(options.credential, options.userAgent);
  // Grows with every secret the API returns (client_secret), before anything can print it.
  const secrets = secretsOf(options.credential);
  let redactSecrets = createRedactor(secrets);
  const redact: Redactor = (text) => redactSecrets(text);
  const tracer = createTracer(options.trace, redact);
  const transport = createTransport({ env: options.env, fetch: options.fetch });
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(0, Math.floor(options.retries)) + 1;
  const maxWaitMs = Math.max(0, options.maxRetryWaitSeconds) * 1000;
  const tracedProxies = new Set<string>();
  // Every request URL is built on the base URL, so they all share its origin: no per-request parse.
  const origin = options.baseUrl;
  // One budget for every request of this client: batch workers share it (see pacer.ts).
  const pacer = createPacer({ clock, maxWaitMs, trace: tracer.line });

  async function request<T>(
    method: Method,
    segments: readonly string[],
    requestOptions: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = buildRequestUrl(options.baseUrl, segments, requestOptions.query);
    const interrupts = requestOptions.interrupts ?? options.interrupts;
    const body =
      requestOptions.body === undefined ? undefined : JSON.stringify(requestOptions.body);
    const requestHeaders =
      body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' };
    const idempotent = method !== 'POST';
    let earlierAttemptUncertain = false;
    let lastFailure: FailedAttempt | undefined;
    /** When this request's own wait before a retry ends: the pacer does not make it wait twice. */
    let waitedUntil = 0;

    for (let attempt = 1; ; attempt++) {
      if (interrupts.stopping.aborted || interrupts.abort.aborted) {
        throw interruptedBeforeSending(lastFailure, earlierAttemptUncertain, interrupts);
      }
      const [fetch, route] = await Promise.all([transport.loadFetch(), transport.route(origin)]);
      if (route.proxy && !tracedProxies.has(origin.origin)) {
        tracedProxies.add(origin.origin);
        tracer.line(
          `using proxy ${route.proxy} (from ${route.proxyVariable}) for ${origin.origin}`,
        );
      }
      const target = route.proxy ? `${origin.host} via proxy ${route.proxy}` : origin.host;

      const permit = await admitted(attempt, earlierAttemptUncertain, waitedUntil, interrupts);
      if (permit === undefined) {
        throw interruptedBeforeSending(lastFailure, earlierAttemptUncertain, interrupts);
      }
      tracer.request(method, url, requestHeaders);
      if (body !== undefined) tracer.line(`> body: ${Buffer.byteLength(body)} bytes of JSON`);
      // performAttempt never throws, so the permit is always settled.
      const outcome = await performAttempt({
        fetch,
        method,
        url,
        headers: requestHeaders,
        ...(body === undefined ? {} : { body }),
        agent: route.agent,
        target,
        timeoutMs: options.timeoutMs,
        abort: interrupts.abort,
        clock,
      });
      permit.settle(outcome.kind === 'answered' ? outcome.response : undefined);

      if (outcome.kind === 'interrupted') {
        tracer.line(`attempt ${attempt}/${maxAttempts}: interrupted while in flight`);
        // A cut GET leaves nothing in doubt; any other method may have changed something.
        const changes = method !== 'GET';
        const error = new InterruptedError(
          interrupts.signal() ?? 'SIGINT',
          changes
            ? 'interrupted while the request was in flight: its outcome is unknown'
            : 'interrupted while a GET was in flight: a GET changes nothing; no DELETE was sent',
          /* requestInFlight */ changes,
        );
        error.earlierAttemptUncertain = changes && earlierAttemptUncertain;
        error.outcomeUnknown = changes;
        throw error;
      }
      const judged =
        outcome.kind === 'no-answer' ? noAnswer(outcome.failure) : judge(outcome, method);
      if ('envelope' in judged) {
        // The API's JSON is not checked against T: callers get what the API sent.
        const result = judged.result as T;
        return { ...judged, result, attempts: attempt, earlierAttemptUncertain };
      }
      const failed: FailedAttempt = idempotent ? judged : mayRepeat(judged);

      const progress = `attempt ${attempt}/${maxAttempts}: ${failed.summary}`;
      if (!failed.retryable || attempt >= maxAttempts) {
        const why = !failed.retryable && judged.retryable ? NOT_REPEATED : 'not retried';
        tracer.line(`${progress} — ${failed.retryable ? 'no retries left' : why}`);
        throw finalError(failed, attempt, earlierAttemptUncertain, redact);
      }
      if (
        failed.error instanceof ApiError &&
        failed.serverDelayMs !== undefined &&
        failed.serverDelayMs > maxWaitMs
      ) {
        tracer.line(`${progress} — the server asks to wait ${formatDelay(failed.serverDelayMs)}`);
        const error = waitTooLongError(
          failed.error,
          failed.serverDelayMs,
          clock.now(),
          options.maxRetryWaitSeconds,
        );
        error.attempts = attempt;
        error.earlierAttemptUncertain = earlierAttemptUncertain;
        error.outcomeUnknown = earlierAttemptUncertain || failed.uncertain;
        throw error;
      }
      const delayMs = failed.serverDelayMs ?? backoffDelayMs(attempt, random, maxWaitMs);
      const why = failed.serverDelayMs === undefined ? '' : ' as the server asked';
      tracer.line(`${progress} — retrying in ${formatDelay(delayMs)}${why}`);
      earlierAttemptUncertain ||= failed.uncertain;
      lastFailure = failed;
      // A derived signal, for the same reason as in performAttempt: many concurrent waits must not
      // pile listeners onto the one `stopping` signal.
      waitedUntil = clock.now() + delayMs;
      await clock.sleep(delayMs, AbortSignal.any([interrupts.stopping]));
    }
  }

  /** An HTTP answer: the API's result, or a failed attempt with its retry facts. */
  function judge(
    outcome: Extract<AttemptResult, { kind: 'answered' }>,
    method: Method,
  ): Omit<ApiResponse<unknown>, 'attempts' | 'earlierAttemptUncertain'> | FailedAttempt {
    const { status, headers: responseHeaders } = outcome.response;
    tracer.response(status, outcome.elapsedMs, responseHeaders);
    const serverDelayMs = serverRequestedDelayMs(responseHeaders, clock.now());
    const cfRay = responseHeaders['cf-ray'];
    const interpretation = interpretResponse(
      outcome.response,
      {
        cfRay,
        retryAfterSeconds:
          serverDelayMs === undefined ? undefined : Math.ceil(serverDelayMs / 1000),
      },
      redact,
      { emptySuccessAllowed: method === 'DELETE' },
    );
    if (interpretation.ok) {
      const { result, errors, messages, envelope } = interpretation;
      const received = secretsReceived(result);
      if (received.length > 0) {
        secrets.push(...received);
        redactSecrets = createRedactor(secrets);
      }
      return { status, result, errors, messages, envelope, cfRay, headers: { ...responseHeaders } };
    }
    if (interpretation.unexpectedBody !== undefined) {
      tracer.unexpectedBody(interpretation.unexpectedBody);
    }
    const isSuccessStatus = status >= 200 && status < 300;
    return {
      error: interpretation.error,
      // A 2xx that failed (success:false, bad body) was processed: trying again cannot help.
      retryable: !isSuccessStatus && shouldRetryResponse(status, responseHeaders),
      // A 5xx may come from the edge after the origin acted (unless the edge says it never
      // reached the origin), and a 2xx whose body is unreadable did act but we cannot tell how;
      // 408 and 429 mean "not processed".
      uncertain:
        (status >= 500 && !originNeverReached(status)) ||
        (isSuccessStatus && !interpretation.fromEnvelope),
      serverDelayMs,
      noEffect: answeredBeforeActing(status, responseHeaders),
      summary: `HTTP ${status}`,
    };
  }

  /**
   * The pacer's go-ahead. Its refusal (the API blocks requests for longer than --max-retry-wait)
   * counts the attempts made so far and keeps what is known about them.
   */
  async function admitted(
    attempt: number,
    earlierAttemptUncertain: boolean,
    waitedUntil: number,
    interrupts: Interrupts,
  ): Promise<Permit | undefined> {
    try {
      return await pacer.admit(interrupts.stopping, waitedUntil);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      error.attempts = attempt - 1;
      error.earlierAttemptUncertain = earlierAttemptUncertain;
      error.outcomeUnknown = earlierAttemptUncertain;
      throw error;
    }
  }

  function interruptedBeforeSending(
    lastFailure: FailedAttempt | undefined,
    earlierAttemptUncertain: boolean,
    interrupts: Interrupts,
  ): InterruptedError {
    let message = 'interrupted before the request was sent';
    if (lastFailure) {
      message = `interrupted before retrying after ${lastFailure.summary}`;
      if (earlierAttemptUncertain) message += ": an earlier attempt's outcome is unknown";
    }
    tracer.line(message);
    const error = new InterruptedError(interrupts.signal() ?? 'SIGINT', redact(message));
    error.earlierAttemptUncertain = earlierAttemptUncertain;
    error.outcomeUnknown = earlierAttemptUncertain;
    return error;
  }

  return {
    request,
    onRateLimitPause: (listener) => pacer.onPause(listener),
    close: () => transport.close(),
  };
}

function noAnswer(failure: NetworkFailure): FailedAttempt {
  return {
    error: failure.error,
    retryable: failure.retryable,
    uncertain: failure.mayHaveReachedServer,
    serverDelayMs: undefined,
    noEffect: nothingWasSent(failure),
    summary: failure.error.message,
  };
}

/**
 * The "nothing was sent" rule: the only network failures after which a POST may be repeated.
 * Kept to this one test so the classification of network failures can be refined in one place.
 */
export function nothingWasSent(failure: NetworkFailure): boolean {
  return !failure.mayHaveReachedServer;
}

const NOT_REPEATED = 'not repeated: it may have reached the API, and a POST is never sent twice';

/** A POST's failed attempt: retried only when it certainly had no effect. */
function mayRepeat(failed: FailedAttempt): FailedAttempt {
  if (failed.noEffect) return { ...failed, uncertain: false };
  return { ...failed, retryable: false };
}

/** The error of the last attempt, saying how many attempts it took and what is known. */
function finalError(
  failed: FailedAttempt,
  attempts: number,
  earlierAttemptUncertain: boolean,
  redact: Redactor,
): ApiError | NetworkError {
  const { error } = failed;
  error.attempts = attempts;
  error.earlierAttemptUncertain = earlierAttemptUncertain;
  error.outcomeUnknown = earlierAttemptUncertain || failed.uncertain;
  // No attempt got its bytes onto the wire: say so, since "failed" alone leaves users guessing.
  const nothingSent = error instanceof NetworkError && !error.outcomeUnknown;
  const suffix = `${nothingSent ? '; nothing was sent' : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`;
  error.message = redact(`${error.message}${suffix}`);
  return error;
}

/**
 * The server asked for a longer wait than --max-retry-wait allows: fail now, saying when the
 * call may be retried, rather than sleeping for minutes (a 429 blocks for 5 minutes).
 */
function waitTooLongError(
  error: ApiError,
  delayMs: number,
  nowMs: number,
  maxRetryWaitSeconds: number,
): RateLimitError {
  const seconds = Math.ceil(delayMs / 1000);
  const until = formatUtcClockTime(nowMs + delayMs);
  const what = error.status === 429 ? 'rate limited' : describeStatus(error.status ?? 0);
  // Whatever the status, the server is telling us to back off: exit 5, like a 429.
  return new RateLimitError(
    `${what}: the API asks to wait ${seconds} s (until ${until}) — more than --max-retry-wait ${maxRetryWaitSeconds}`,
    {
      status: error.status,
      errors: error.errors,
      messages: error.messages,
      cfRay: error.cfRay,
      retryAfterSeconds: seconds,
      hint: `try again after ${until}, or allow longer waits with --max-retry-wait`,
    },
  );
}
