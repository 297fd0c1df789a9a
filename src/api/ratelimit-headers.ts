/**
 * Cloudflare's rate-limit headers, in the IETF draft's structured-field form:
 * `Ratelimit: "default";r=<remaining>;t=<seconds until reset>` and
 * `Ratelimit-Policy: "default";q=<quota>;w=<window seconds>`.
 */

export interface RateLimitState {
  remaining: number;
  resetSeconds: number;
}

export interface RateLimitPolicy {
  quota: number;
  windowSeconds: number;
}

/**
 * The tightest budget the `Ratelimit` header states (it may list several policies, comma
 * separated), or undefined when the header is absent or unreadable.
 */
export function parseRateLimit(value: string | undefined): RateLimitState | undefined {
  let tightest: RateLimitState | undefined;
  for (const item of listItems(value)) {
    const remaining = parameter(item, 'r');
    const resetSeconds = parameter(item, 't');
    if (remaining === undefined || resetSeconds === undefined) continue;
    if (tightest === undefined || remaining < tightest.remaining) {
      tightest = { remaining, resetSeconds };
    }
  }
  return tightest;
}

/** The first complete policy of `Ratelimit-Policy`, or undefined. */
export function parseRateLimitPolicy(value: string | undefined): RateLimitPolicy | undefined {
  for (const item of listItems(value)) {
    const quota = parameter(item, 'q');
    const windowSeconds = parameter(item, 'w');
    if (quota !== undefined && windowSeconds !== undefined) return { quota, windowSeconds };
  }
  return undefined;
}

function listItems(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',');
}

type ParameterName = 'r' | 't' | 'q' | 'w';

/** `;name=<non-negative integer>`, compiled once: every response is read. */
const PARAMETERS: Record<ParameterName, RegExp> = {
  r: /;\s*r=(\d+)\s*(?=;|$)/,
  t: /;\s*t=(\d+)\s*(?=;|$)/,
  q: /;\s*q=(\d+)\s*(?=;|$)/,
  w: /;\s*w=(\d+)\s*(?=;|$)/,
};

function parameter(item: string, name: ParameterName): number | undefined {
  const digits = PARAMETERS[name].exec(item)?.[1];
  return digits === undefined ? undefined : Number(digits);
}
