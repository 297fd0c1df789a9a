/**
 * Request URLs are built here and nowhere else, so that no value a user types (an account ID,
 * a client ID read from a file) can change which endpoint a request reaches.
 */

/** Segments that would be resolved away by URL parsing, or that would hit a different endpoint. */
const FORBIDDEN_SEGMENTS = new Set(['', '.', '..']);

/**
 * `baseUrl` + one percent-encoded path segment per value. `a/b` becomes `a%2Fb`, `?` and `#`
 * become `%3F` and `%23`, so a value can never add a path level, a query or a fragment.
 *
 * Callers validate IDs before this point; the assertions here are a second line of defence,
 * because an empty client ID would turn `DELETE .../oauth_clients/{id}` into the list path and
 * `..` would climb to the parent resource.
 */
export function buildRequestUrl(
  baseUrl: URL,
  segments: readonly string[],
  query: Readonly<Record<string, number>> = {},
): string {
  if (segments.length === 0) {
    throw new Error('internal error: a request needs at least one path segment');
  }
  for (const segment of segments) {
    if (FORBIDDEN_SEGMENTS.has(segment)) {
      throw new Error(`internal error: refusing the path segment ${JSON.stringify(segment)}`);
    }
  }
  // `origin` leaves out any user:password@ part, and the trailing slash is dropped so that
  // `https://host/client/v4/` and `https://host/client/v4` give the same URLs.
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  // Only numbers (page, per_page): nothing a user types reaches the query.
  const search = new URLSearchParams(
    Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  const path = `${baseUrl.origin}${basePath}/${segments.map(encodeURIComponent).join('/')}`;
  return search === '' ? path : `${path}?${search}`;
}
