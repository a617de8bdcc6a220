/** RateLimitStore: the fixed-window counter every rate-limited API family shares (memory or Redis). */

/** The state of one key's window right after a hit. */
export interface RateLimitHit {
  /** How many hits the key has had in the current window, this one included. */
  count: number;
  /** Absolute epoch milliseconds at which the current window ends. */
  resetAtMs: number;
}

/**
 * Counts hits per key in fixed windows aligned to multiples of `windowMs` since the epoch, so
 * several processes sharing one store agree on window boundaries without talking to each other.
 * Time is passed in (`nowMs`) so tests can drive it; a store never reads the clock itself.
 * The caller builds the key (e.g. workspace + endpoint); the store treats it as opaque.
 */
export interface RateLimitStore {
  /** Counts one hit; rejects (never hangs) when the backing store is unavailable. */
  hit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHit>;
  /**
   * The same as `hit`, answered at once, by a store that keeps its counts in this process (the
   * memory store): the guard then takes no promise per request (ADR 0036). Throws where `hit` rejects.
   */
  hitNow?(key: string, windowMs: number, nowMs: number): RateLimitHit;
  /**
   * Takes back one hit of the key's current window (never below 0; nothing once the window has
   * ended). Counters that count attempts up front and forgive the good ones use it (the token
   * endpoints' failed-attempt throttle).
   */
  release(key: string, windowMs: number, nowMs: number): Promise<void>;
  /** Releases what the store holds; later hits reject. Safe to call twice. */
  close(): Promise<void>;
  /** Stores that depend on a remote service (Redis) report its outages and recoveries here. */
  observe?(observer: RateLimitStoreObserver): void;
}

/** What a store backed by a remote service reports, for logs and metrics (ADR 0002). */
export interface RateLimitStoreObserver {
  /** The shared store stopped answering: hits skip it (fail fast) until it answers again. */
  unavailable(cause: unknown): void;
  /** The shared store answers again; hits reach it from now on. */
  recovered(): void;
  /** One hit counted by the per-process fallback because the shared store was unavailable. */
  fallbackHit(): void;
}

/** The fixed window containing `nowMs`: [startMs, endMs). */
export interface FixedWindow {
  startMs: number;
  endMs: number;
}

export function fixedWindow(windowMs: number, nowMs: number): FixedWindow {
  // A zero, fractional or non-finite window would make keys and expiries meaningless: fail loudly.
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
    throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
  }
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be finite, got ${nowMs}`);
  const startMs = Math.floor(nowMs / windowMs) * windowMs;
  return { startMs, endMs: startMs + windowMs };
}

/** The error a closed store rejects with, the same for every implementation. */
export class RateLimitStoreClosedError extends Error {
  override readonly name = 'RateLimitStoreClosedError';
  constructor() {
    super('rate-limit store is closed');
  }
}

/** The error a store rejects a hit with while its backing service is known to be down (and it has no fallback). */
export class RateLimitStoreUnavailableError extends Error {
  override readonly name = 'RateLimitStoreUnavailableError';
  constructor() {
    super('rate-limit store is unavailable (circuit open)');
  }
}
