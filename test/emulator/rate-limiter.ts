/**
 * Per-credential rate limiting as the real API documents it (a quota per window, a 429 and a
 * block once it is exceeded), in either kind of window, since Cloudflare does not say which:
 * - fixed: a window opens with a credential's first request after the previous window ended
 *   and resets whole; `t` is the time until that reset;
 * - sliding: each request leaves the budget `windowSeconds` after it was counted; `t` is the
 *   time until the oldest counted request leaves.
 * The request that exceeds the quota gets a 429 and starts a block during which every request
 * gets a 429.
 */
import type { RateWindow } from './types.js';

export interface RateLimitPolicy {
  quota: number;
  windowSeconds: number;
  blockSeconds: number;
  window: RateWindow;
}

export type RateDecision =
  | { allowed: true; remaining: number; resetSeconds: number }
  | { allowed: false; retryAfter: number };

interface Bucket {
  /** When each request still in the budget was counted (oldest first); fixed: the window's. */
  counted: number[];
  /** Fixed windows: when the current window opened. */
  windowStart: number;
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
    bucket.counted.push(now);
    if (bucket.counted.length > this.policy.quota) {
      bucket.blockedUntil = now + this.policy.blockSeconds * 1000;
      return { allowed: false, retryAfter: this.policy.blockSeconds };
    }
    const windowMs = this.policy.windowSeconds * 1000;
    const resetAt =
      this.policy.window === 'fixed'
        ? bucket.windowStart + windowMs
        : (bucket.counted[0] ?? now) + windowMs;
    return {
      allowed: true,
      remaining: this.policy.quota - bucket.counted.length,
      resetSeconds: toSeconds(resetAt - now),
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
    if (existing && !this.expired(existing, now)) {
      if (this.policy.window === 'sliding') this.dropLeft(existing, now);
      return existing;
    }
    const fresh: Bucket = { counted: [], windowStart: now, blockedUntil: 0 };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** Sliding windows: requests counted a whole window ago have left the budget. */
  private dropLeft(bucket: Bucket, now: number): void {
    const windowMs = this.policy.windowSeconds * 1000;
    let left = 0;
    while (left < bucket.counted.length && (bucket.counted[left] ?? now) + windowMs <= now) {
      left += 1;
    }
    if (left > 0) bucket.counted.splice(0, left);
  }

  /** A block that ended also ends its window, or the next request would re-block at once. */
  private expired(bucket: Bucket, now: number): boolean {
    if (bucket.blockedUntil > 0) return now >= bucket.blockedUntil;
    return (
      this.policy.window === 'fixed' && now >= bucket.windowStart + this.policy.windowSeconds * 1000
    );
  }
}

/** Whole seconds, rounded up, never 0 (a client told "retry in 0 s" would spin). */
function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
