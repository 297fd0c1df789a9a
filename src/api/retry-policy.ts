/**
 * When to try again and how long to wait first. Pure functions: the HTTP client supplies the
 * clock and the random source, so tests can assert exact decisions and delays.
 */

export const FIRST_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8000;

/**
 * 408 (the server gave up waiting for us), 429 (slow down) and 5xx (the server or the edge
 * failed) are worth another attempt; any other 4xx would fail the same way again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The `x-should-retry` response header, when the server sent a clear `true`/`false`: it knows
 * better than a status-based guess (Cloudflare's own SDKs obey it the same way).
 */
export function serverRetryVerdict(headers: Readonly<Record<string, string>>): boolean | undefined {
  const value = headers['x-should-retry']?.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Whether an HTTP answer should be retried: the server's verdict first, then the status. */
export function shouldRetryResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
): boolean {
  return serverRetryVerdict(headers) ?? isRetryableStatus(status);
}

/**
 * The API answered without acting on the request, so even a POST may be sent again: 408 and 429
 * are refusals before processing; a 5xx only when the server says so (`x-should-retry: true`
 * or a `Retry-After`, which an origin that failed half-way would not send). An HTML 502 from
 * the edge says nothing about what the origin did.
 */
export function answeredBeforeActing(
  status: number,
  headers: Readonly<Record<string, string>>,
): boolean {
  if (serverRetryVerdict(headers) === false) return false;
  if (status === 408 || status === 429) return true;
  if (status < 500) return false;
  return serverRetryVerdict(headers) === true || headers['retry-after'] !== undefined;
}

/**
 * Exponential backoff before retry number `retryNumber` (1 for the first retry): 0.5, 1, 2, 4,
 * 8, 8... seconds, times a jitter factor between 0.75 and 1 so that many clients that failed
 * together do not come back together. Never more than `capMs` (the user's --max-retry-wait).
 */
export function backoffDelayMs(retryNumber: number, random: () => number, capMs: number): number {
  const exponential = Math.min(FIRST_BACKOFF_MS * 2 ** (retryNumber - 1), MAX_BACKOFF_MS);
  const jittered = exponential * (0.75 + 0.25 * clampUnit(random()));
  return Math.round(Math.min(jittered, capMs));
}

/**
 * The wait the server asked for: `retry-after-ms` (milliseconds, Cloudflare's SDK convention),
 * else `Retry-After` as seconds or as an HTTP date. Unparseable or negative values count as
 * absent; a date in the past means "now".
 */
export function serverRequestedDelayMs(
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): number | undefined {
  const milliseconds = parseNonNegativeNumber(headers['retry-after-ms']);
  if (milliseconds !== undefined) return milliseconds;
  const retryAfter = headers['retry-after']?.trim();
  if (!retryAfter) return undefined;
  const seconds = parseNonNegativeNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** "1.0 s", as in "retrying in 1.0 s". */
export function formatDelay(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "14:05:00 UTC": when a wait that starts now ends. */
export function formatUtcClockTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}

function parseNonNegativeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
}
