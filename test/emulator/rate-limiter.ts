/**
 * Per-credential fixed-window rate limiting, as the real API does it: a window opens with a
 * credential's first request after the previous window ended; the request that exceeds the
 * quota gets a 429 and starts a block during which every request gets a 429.
 */

export interface RateLimitPolicy {
  quota: number;
  windowSeconds: number;
  blockSeconds: number;
}

export type RateDecision =
  | { allowed: true; remaining: number; resetSeconds: number }
  | { allowed: false; retryAfter: number };

interface Bucket {
  windowStart: number;
  count: number;
  /** Epoch ms until which every request is refused; 0 when not blocked. */
  blockedUntil: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly now: () => number,
  ) {}

  /** Counts one request against `key` and says whether it may proceed. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.currentBucket(key, now);
    if (now < bucket.blockedUntil) {
      return { allowed: false, retryAfter: toSeconds(bucket.blockedUntil - now) };
    }
    bucket.count += 1;
    if (bucket.count > this.policy.quota) {
      bucket.blockedUntil = now + this.policy.blockSeconds * 1000;
      return { allowed: false, retryAfter: this.policy.blockSeconds };
    }
    const windowEnd = bucket.windowStart + this.policy.windowSeconds * 1000;
    return {
      allowed: true,
      remaining: this.policy.quota - bucket.count,
      resetSeconds: toSeconds(windowEnd - now),
    };
  }

  /** `Ratelimit`, `Ratelimit-Policy` and, when refused, `Retry-After`. */
  headers(decision: RateDecision): Record<string, string> {
    const { quota, windowSeconds } = this.policy;
    const policy = `"default";q=${quota};w=${windowSeconds}`;
    if (decision.allowed) {
      const limit = `"default";r=${decision.remaining};t=${decision.resetSeconds}`;
      return { Ratelimit: limit, 'Ratelimit-Policy': policy };
    }
    const limit = `"default";r=0;t=${decision.retryAfter}`;
    return {
      Ratelimit: limit,
      'Ratelimit-Policy': policy,
      'Retry-After': String(decision.retryAfter),
    };
  }

  private currentBucket(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing && !this.expired(existing, now)) return existing;
    const fresh: Bucket = { windowStart: now, count: 0, blockedUntil: 0 };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** A block that ended also ends its window, or the next request would re-block at once. */
  private expired(bucket: Bucket, now: number): boolean {
    if (bucket.blockedUntil > 0) return now >= bucket.blockedUntil;
    return now >= bucket.windowStart + this.policy.windowSeconds * 1000;
  }
}

/** Whole seconds, rounded up, never 0 (a client told "retry in 0 s" would spin). */
function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
