/**
 * Requests that got no HTTP answer: what to tell the user, whether another attempt can help,
 * and whether the request may have reached the server anyway (which matters for a DELETE: a
 * later 404 may then mean "our earlier attempt deleted it").
 *
 * "Sent or not" is decided by where on the wire the failure happened: before the connection
 * (and, for HTTPS, the TLS handshake and any proxy tunnel) was up, the request's bytes cannot
 * have left the machine; after, they may have.
 */

import { NetworkError } from '../errors.js';

export interface NetworkFailure {
  error: NetworkError;
  retryable: boolean;
  /** The request may have been sent and processed although no answer arrived. */
  mayHaveReachedServer: boolean;
}

interface FailureKind {
  /** Completes "… {target}…"; `target` is the host, possibly followed by "via proxy …". */
  describe: (target: string, code: string) => string;
  retryable: boolean;
  mayHaveReachedServer: boolean;
  hint?: string;
}

const CONNECT_FAILED = (reason: string) => (target: string, code: string) =>
  `could not connect to ${target}: ${reason} (${code})`;

/** The `code` of the error a refused CONNECT fails the request with (see tunnel-agent.ts). */
export const TUNNEL_REFUSED = 'ERR_PROXY_TUNNEL_REFUSED';

/** Keyed by Node's `error.code` (node-fetch copies it onto its FetchError). */
const FAILURE_KINDS: Readonly<Record<string, FailureKind>> = {
  // Nothing was sent: the TCP connection never opened.
  ECONNREFUSED: {
    describe: CONNECT_FAILED('connection refused'),
    retryable: true,
    mayHaveReachedServer: false,
  },
  EHOSTUNREACH: {
    describe: CONNECT_FAILED('host unreachable'),
    retryable: true,
    mayHaveReachedServer: false,
  },
  ENETUNREACH: {
    describe: CONNECT_FAILED('network unreachable'),
    retryable: true,
    mayHaveReachedServer: false,
  },
  ENETDOWN: {
    describe: CONNECT_FAILED('network down'),
    retryable: true,
    mayHaveReachedServer: false,
  },
  EAI_AGAIN: {
    describe: (target, code) => `could not resolve ${target}: temporary DNS failure (${code})`,
    retryable: true,
    mayHaveReachedServer: false,
  },
  // A name that does not exist will not exist a second later either.
  ENOTFOUND: {
    describe: (target, code) => `could not resolve ${target}: no such host (${code})`,
    retryable: false,
    mayHaveReachedServer: false,
    hint: 'check the host name in the API base URL and your DNS settings',
  },
  // The connection dropped; the request may have been (partly) sent and even processed.
  ECONNRESET: {
    describe: (target, code) => `the connection to ${target} was reset (${code})`,
    retryable: true,
    mayHaveReachedServer: true,
  },
  EPIPE: {
    describe: (target, code) => `the connection to ${target} broke while sending (${code})`,
    retryable: true,
    mayHaveReachedServer: true,
  },
  ETIMEDOUT: {
    describe: (target, code) => `the connection to ${target} timed out (${code})`,
    retryable: true,
    mayHaveReachedServer: true,
  },
  ECONNABORTED: {
    describe: (target, code) => `the connection to ${target} was aborted (${code})`,
    retryable: true,
    mayHaveReachedServer: true,
  },
  // Node refused the request before opening any connection (an agent for the wrong scheme).
  ERR_INVALID_PROTOCOL: {
    describe: (target, code) =>
      `the request to ${target} could not be made: wrong protocol (${code})`,
    retryable: false,
    mayHaveReachedServer: false,
  },
  ERR_STREAM_PREMATURE_CLOSE: {
    describe: (target, code) => `the connection to ${target} closed before the answer (${code})`,
    retryable: true,
    mayHaveReachedServer: true,
  },
};

/** Certificate and TLS failures: retrying cannot fix them, and nothing was sent. */
const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|EPROTO$)/;
/** OpenSSL's words for a TLS client that got a plain-HTTP answer to its hello. */
const PLAIN_HTTP_ANSWER = /wrong version number|packet length too long|http request/i;
/** The proxy closed the connection before it answered CONNECT (agent-base's message). */
const PROXY_ENDED = /ended before receiving CONNECT response/i;
/** The connection closed during the TLS handshake, before the request could be written. */
const HANDSHAKE_CUT = /before secure TLS connection was established/i;

const NOTHING_SENT_RETRYABLE = { retryable: true, mayHaveReachedServer: false };
const NOTHING_SENT_FINAL = { retryable: false, mayHaveReachedServer: false };
const CA_HINT =
  'if a proxy or security product inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate';

export function describeNetworkFailure(cause: unknown, target: string): NetworkFailure {
  const code = errorCodeOf(cause);
  const rawMessage = errorMessage(cause);
  if (code === TUNNEL_REFUSED) return tunnelRefused(innermostMessage(cause), target);
  if (PROXY_ENDED.test(rawMessage)) {
    return failure(
      `the proxy closed the connection instead of opening a tunnel to ${target}`,
      NOTHING_SENT_RETRYABLE,
    );
  }
  if (HANDSHAKE_CUT.test(rawMessage)) {
    return failure(
      `the connection to ${target} closed during the TLS handshake${code ? ` (${code})` : ''}`,
      NOTHING_SENT_RETRYABLE,
    );
  }
  // Node reports a connection closed before any answer as ECONNRESET with this message.
  if (code === 'ECONNRESET' && /socket hang up/i.test(rawMessage)) {
    return failure(`the connection to ${target} closed before an answer arrived (socket hang up)`, {
      retryable: true,
      mayHaveReachedServer: true,
    });
  }
  const kind = code === undefined ? undefined : FAILURE_KINDS[code];
  if (kind && code) {
    return failure(kind.describe(target, code), kind, kind.hint);
  }
  if (code && TLS_CODE.test(code)) {
    if (PLAIN_HTTP_ANSWER.test(rawMessage)) {
      return failure(
        `could not establish a secure connection to ${target}: the server speaks plain HTTP on that port, not HTTPS (${code})`,
        NOTHING_SENT_FINAL,
        'check the scheme and port of the API base URL (or of the proxy URL)',
      );
    }
    return failure(
      `could not establish a secure connection to ${target}: ${tlsReason(cause)} (${code})`,
      NOTHING_SENT_FINAL,
      CA_HINT,
    );
  }
  // Unknown: do not retry blindly, and do not claim that nothing was sent.
  const suffix = code ? ` (${code})` : '';
  return failure(`the request to ${target} failed: ${innermostMessage(cause)}${suffix}`, {
    retryable: false,
    mayHaveReachedServer: true,
  });
}

/** The proxy answered CONNECT with an error status: the tunnel never opened. */
function tunnelRefused(reason: string, target: string): NetworkFailure {
  const status = Number(/HTTP (\d{3})/.exec(reason)?.[1]);
  const message = `the proxy refused to open a tunnel to ${target}: ${reason}`;
  if (status === 407) {
    return failure(
      `${message} (proxy authentication required)`,
      NOTHING_SENT_FINAL,
      'put the proxy credentials in the proxy URL: http://user:password@host:port',
    );
  }
  // A proxy's own 5xx (its upstream failed) may pass; a 4xx is its policy.
  return failure(message, status >= 500 ? NOTHING_SENT_RETRYABLE : NOTHING_SENT_FINAL);
}

/** OpenSSL's reason ("wrong version number") rather than its multi-line error dump. */
function tlsReason(error: unknown): string {
  const message = innermostMessage(error);
  const openssl = /:SSL routines:[^:]*:([^:\n]+)/.exec(message);
  return openssl?.[1] ?? message.split('\n')[0] ?? message;
}

function failure(
  message: string,
  flags: { retryable: boolean; mayHaveReachedServer: boolean },
  hint?: string,
): NetworkFailure {
  return {
    error: new NetworkError(message, { hint }),
    retryable: flags.retryable,
    mayHaveReachedServer: flags.mayHaveReachedServer,
  };
}

/** node-fetch puts the system code on its error; undici puts the system error in `cause`. */
export function errorCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; isObject(current) && depth < 4; depth++) {
    if (typeof current.code === 'string' && current.code !== '') return current.code;
    current = current.cause;
  }
  if (/premature close/i.test(errorMessage(error))) return 'ERR_STREAM_PREMATURE_CLOSE';
  return undefined;
}

/** A short reason for a failure, for messages that already name the host: "ECONNRESET". */
export function shortReason(error: unknown): string {
  return errorCodeOf(error) ?? innermostMessage(error);
}

function errorMessage(error: unknown): string {
  return isObject(error) && typeof error.message === 'string' ? error.message : String(error);
}

/**
 * node-fetch wraps system errors as "request to <url> failed, reason: <reason>"; the URL is
 * already in our message, so keep only the reason.
 */
function innermostMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; isObject(current) && isObject(current.cause) && depth < 4; depth++) {
    current = current.cause;
  }
  const message = errorMessage(current);
  return message.replace(/^request to \S+ failed, reason: /, '');
}

function isObject(value: unknown): value is Record<string, unknown> & { cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
