/** Rate-limit policy: turns a store hit and a limit into a decision and the X-RateLimit-* headers. */
import type { RateLimitHit } from './rate-limit-store.js';

export interface RateLimitHeaders {
  'X-RateLimit-Limit': string;
  'X-RateLimit-Remaining': string;
  /** Whole seconds until the window ends, as the GreenLake API standard defines it. */
  'X-RateLimit-Reset': string;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: RateLimitHeaders;
}

export function evaluate(hit: RateLimitHit, limit: number, nowMs: number): RateLimitDecision {
  // A NaN or fractional limit would otherwise leak into the headers as "NaN" or "99.5".
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
  const remaining = Math.max(0, limit - hit.count);
  // Rounded up so a client that waits that long is past the window; a window with 1 ms left
  // still says 1, never 0, which clients would read as "retry now".
  const resetSeconds = Math.max(0, Math.ceil((hit.resetAtMs - nowMs) / 1000));
  return {
    allowed: hit.count <= limit,
    headers: {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(resetSeconds),
    },
  };
}

/**
 * The `Retry-After` of a refused request (RFC 9110 §10.2.3): whole seconds until the window that
 * refused it ends, at least 1 — a 429 never tells a client to retry at once.
 */
export function retryAfterSeconds(resetAtMs: number, nowMs: number): string {
  return String(Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000)));
}
