/** Response envelopes and the error catalogue, shaped like the OpenAPI slice's schemas. */

/** A fully built HTTP answer; the server only adds transport headers (length, cf-ray). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json';

export function jsonReply(status: number, payload: unknown): Reply {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(payload) };
}

/** `iam_api-response-common` with success: true. */
export function success(result: unknown, extra?: Record<string, unknown>): Reply {
  return jsonReply(200, { success: true, errors: [], messages: [], result, ...extra });
}

/** `iam_api-response-common-failure`; `pointer` names the request field at fault. */
export function failure(status: number, code: number, message: string, pointer?: string): Reply {
  const error = pointer === undefined ? { code, message } : { code, message, source: { pointer } };
  return jsonReply(status, { success: false, errors: [error], messages: [], result: null });
}

/**
 * Cloudflare's answer to an `Authorization` header that is not `Bearer <one word>` (a token in
 * quotes, with a space, `Bearer Bearer …`): the cause is in the chain.
 */
export const MALFORMED_AUTHORIZATION = {
  success: false,
  errors: [
    {
      code: 6003,
      message: 'Invalid request headers',
      error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
    },
  ],
  messages: [],
  result: null,
};

/** Every error the emulator produces, named by cause, so status/code pairs live in one place. */
export const errors = {
  /**
   * Cloudflare's answer to a path it has no route for (a mistyped base URL such as
   * `/client/v/…`, a misspelt collection): a 404 with the same code, 7003, as a missing object,
   * so neither the status nor the code tells the two apart.
   */
  noRoute: (path: string) =>
    failure(404, 7003, `Could not route to ${path}, perhaps your object identifier is invalid?`),
  invalidObjectId: (path: string) =>
    failure(400, 7003, `Could not route to ${path}, perhaps your object identifier is invalid?`),
  clientNotFound: () => failure(404, 7003, 'OAuth client not found'),
  missingAuth: () =>
    failure(400, 9106, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers'),
  missingEmail: () => failure(400, 9106, 'Missing X-Auth-Email header'),
  missingKey: () => failure(400, 9106, 'Missing X-Auth-Key header'),
  invalidHeaders: () => failure(400, 6003, 'Invalid request headers'),
  malformedAuthorization: () => jsonReply(400, MALFORMED_AUTHORIZATION),
  /** What the token verify endpoints answer for a token they do not verify (another owner's). */
  invalidApiToken: () => failure(401, 1000, 'Invalid API Token'),
  invalidToken: () => failure(403, 9109, 'Invalid access token'),
  unknownKey: () => failure(403, 9103, 'Unknown X-Auth-Key or X-Auth-Email'),
  forbidden: () => failure(403, 10000, 'Authentication error'),
  malformedJson: () => failure(400, 6007, 'Malformed JSON in request body'),
  invalidField: (message: string, field: string) => failure(400, 1001, message, `/${field}`),
  noRotatedSecret: () => failure(400, 1002, 'The OAuth client has no rotated secret to delete'),
  rateLimited: () => failure(429, 971, 'Please wait and consider throttling your request speed'),
} as const;

/** The page Cloudflare's edge serves when the origin is unreachable; not JSON on purpose. */
export function edgeErrorPage(status: number): string {
  const title = `${status} ${EDGE_REASONS[status] ?? 'Error'}`;
  return (
    `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center>` +
    '<hr><center>cloudflare</center></body></html>'
  );
}

const EDGE_REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
  520: 'Unknown Error',
  521: 'Web Server Is Down',
  522: 'Connection Timed Out',
  523: 'Origin Is Unreachable',
  524: 'A Timeout Occurred',
  525: 'SSL Handshake Failed',
  526: 'Invalid SSL Certificate',
};

/** The interstitial the edge serves when bot or WAF protection challenges a request. */
export const CHALLENGE_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>' +
  '<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>';
