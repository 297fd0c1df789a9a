/**
 * Turns an HTTP answer into the API's result or a typed error. The envelope is the truth, not
 * the status: Cloudflare sometimes answers 200 with `success: false`, and its edge answers 5xx
 * with HTML pages.
 */

import { STATUS_CODES } from 'node:http';
import {
  ApiError,
  type ApiMessage,
  AuthError,
  NotFoundError,
  RateLimitError,
  type ResponseContext,
} from '../errors.js';
import type { BodyContent } from './body.js';
import { apiMessageList, headlineOf, rejectsCredential } from './messages.js';
import { printable, type Redactor } from './redaction.js';

export interface ReceivedResponse {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body: BodyContent;
}

/** What every error built from a response carries besides the API's own errors and messages. */
export interface ResponseFacts {
  cfRay: string | undefined;
  retryAfterSeconds: number | undefined;
}

export type Interpretation =
  | {
      ok: true;
      envelope: Record<string, unknown>;
      result: unknown;
      errors: ApiMessage[];
      messages: ApiMessage[];
    }
  | {
      ok: false;
      error: ApiError;
      /** false when the answer was no readable API envelope (so it says nothing about the outcome). */
      fromEnvelope: boolean;
      /** The body, when it is not an API envelope: for --verbose only, never for messages. */
      unexpectedBody?: string | undefined;
    };

/** The reason phrases of the statuses only Cloudflare's edge sends (absent from Node's table). */
const EDGE_REASONS: Readonly<Record<number, string>> = {
  520: 'Unknown Error',
  521: 'Web Server Is Down',
  522: 'Connection Timed Out',
  523: 'Origin Is Unreachable',
  524: 'A Timeout Occurred',
  525: 'SSL Handshake Failed',
  526: 'Invalid SSL Certificate',
};

/**
 * What each edge status says about the request, from Cloudflare's documentation of 5xx errors:
 * for 521, 522, 523, 525 and 526 the edge never got a connection to the origin through which
 * to send it; for 520 and 524 the origin had it and its answer went wrong or was too slow.
 */
const EDGE_EXPLANATIONS: Readonly<Record<number, string>> = {
  520: "Cloudflare's edge got an empty or unreadable answer from the API's server",
  521: "Cloudflare's edge could not connect to the API's server (it refused the connection); nothing was sent to it",
  522: "Cloudflare's edge could not connect to the API's server (the connection timed out); nothing was sent to it",
  523: "Cloudflare's edge could not reach the API's server (no route to it); nothing was sent to it",
  524: "Cloudflare's edge got no answer from the API's server in time",
  525: "Cloudflare's edge could not complete the TLS handshake with the API's server; nothing was sent to it",
  526: "Cloudflare's edge found the API server's certificate invalid; nothing was sent to it",
};

/** The edge answered for the origin without ever reaching it: the request was not delivered. */
export function originNeverReached(status: number): boolean {
  return status === 521 || status === 522 || status === 523 || status === 525 || status === 526;
}

/** "HTTP 502 Bad Gateway", "HTTP 521 Web Server Is Down" */
export function describeStatus(status: number): string {
  const reason = STATUS_CODES[status] ?? EDGE_REASONS[status];
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

/** `redact` clears the credential's values out of the API's errors and messages. */
export function interpretResponse(
  response: ReceivedResponse,
  facts: ResponseFacts,
  redact: Redactor,
  /** A DELETE: its 2xx may come without a body (204 No Content, or 200 and nothing). */
  { emptySuccessAllowed = false }: { emptySuccessAllowed?: boolean } = {},
): Interpretation {
  const { status, headers, body } = response;
  const label = describeStatus(status);
  // An answer that is not an API envelope says nothing about the credential or the client, so
  // only 429 (which means "slow down" whatever the body) gets a specific class. A 404 HTML page
  // from a wrong base URL must not read as "this OAuth client does not exist".
  const failure = (
    message: string,
    extra: { hint?: string | undefined; unexpectedBody?: string } = {},
  ): Interpretation => {
    const ErrorClass = status === 429 ? RateLimitError : ApiError;
    const error = new ErrorClass(message, { status, ...facts, hint: extra.hint });
    return { ok: false, error, fromEnvelope: false, unexpectedBody: extra.unexpectedBody };
  };

  if (status >= 300 && status < 400) {
    const location = headers.location ? printable(headers.location).slice(0, 200) : 'nowhere';
    return failure(
      `${label}: the API redirected to ${location}; cf-oauth does not follow redirects`,
      {
        hint: 'check the API base URL',
      },
    );
  }
  if (body.kind === 'too-large') {
    return failure(`${label}: the response body is larger than 1 MiB, which no API answer is`);
  }
  if (body.kind === 'cut-off') {
    return failure(`${label}: the response body was cut off (${printable(body.reason)})`);
  }
  const text = body.text;
  if (emptySuccessAllowed && status >= 200 && status < 300 && text === '') {
    // Nothing to read but the status: the server did it. No result, no errors, no messages.
    return { ok: true, envelope: {}, result: null, errors: [], messages: [] };
  }
  if (status === 403 && headers['cf-mitigated']?.toLowerCase() === 'challenge') {
    return failure(
      `${label}: Cloudflare's edge challenged the request (bot or WAF protection in front of the API); it did not reach the API`,
      {
        hint: 'check that the API base URL is the API and not a website behind Cloudflare; if it is, a WAF rule, Bot Fight Mode or a flagged egress IP (VPN, proxy, cloud runner) triggers the challenge',
        unexpectedBody: text,
      },
    );
  }
  const edge = EDGE_EXPLANATIONS[status];
  if (edge !== undefined && !isJsonBody(headers, text)) {
    return failure(`${label}: ${edge}`, { unexpectedBody: text });
  }
  const proxyHint =
    status === 407
      ? 'the proxy asks for credentials: put them in the proxy URL (http://user:password@host:port)'
      : undefined;
  if (text.trim() === '') {
    return failure(`${label}: the response body is empty`, { hint: proxyHint });
  }
  const mediaType = mediaTypeOf(headers['content-type']);
  if (mediaType === undefined || !isJsonMediaType(mediaType)) {
    const what = mediaType === undefined ? 'no content type' : printable(mediaType).slice(0, 80);
    return failure(`${label}: the server answered with ${what}, not JSON`, {
      hint: proxyHint,
      unexpectedBody: text,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's parse errors quote the body; only say whether it looks truncated.
    const detail = /end of JSON input|Unterminated/.test(String(error))
      ? ' (it ends too early)'
      : '';
    return failure(`${label}: the response body is not valid JSON${detail}`, {
      unexpectedBody: text,
    });
  }
  if (!isRecord(parsed) || typeof parsed.success !== 'boolean') {
    return failure(
      `${label}: the response is not a Cloudflare API envelope (no boolean "success")`,
      {
        unexpectedBody: text,
      },
    );
  }

  const envelope = parsed;
  const errors = apiMessageList(envelope.errors, redact);
  const messages = apiMessageList(envelope.messages, redact);
  const isSuccessStatus = status >= 200 && status < 300;
  if (envelope.success && isSuccessStatus) {
    return { ok: true, envelope, result: envelope.result ?? null, errors, messages };
  }
  const context: ResponseContext = { status, errors, messages, ...facts };
  const apiMessage = headlineOf(errors[0]);
  if (isSuccessStatus) {
    // 200 + success:false happens in the wild; it is a failure, but not one with a status meaning.
    return {
      ok: false,
      fromEnvelope: true,
      error: new ApiError(
        apiMessage ?? `${label} with "success": false and no error message`,
        context,
      ),
    };
  }
  const credentialRejected = rejectsCredential(errors);
  const ErrorClass = errorClassFor(status, credentialRejected);
  const error = new ErrorClass(apiMessage ?? label, context);
  if (error instanceof AuthError) error.credentialRejected = credentialRejected;
  return { ok: false, fromEnvelope: true, error };
}

/**
 * Decide on the HTTP status first, the error code second (codes overlap across statuses): a 400
 * is an auth failure only when its codes say the credential is malformed (6003 with 6111 in its
 * chain is how Cloudflare answers `Authorization: Bearer "…"` or a token with a space).
 */
function errorClassFor(status: number, credentialRejected: boolean): typeof ApiError {
  if (status === 401 || status === 403) return AuthError;
  if (status === 400 && credentialRejected) return AuthError;
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  return ApiError;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType ? mediaType : undefined;
}

function isJsonBody(headers: Readonly<Record<string, string>>, text: string): boolean {
  const mediaType = mediaTypeOf(headers['content-type']);
  return text.trim() !== '' && mediaType !== undefined && isJsonMediaType(mediaType);
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
