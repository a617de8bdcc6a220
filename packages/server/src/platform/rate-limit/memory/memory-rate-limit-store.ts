/** MemoryRateLimitStore: the in-process RateLimitStore, used when no REDIS_URL is configured. */
import {
  type RateLimitHit,
  type RateLimitStore,
  RateLimitStoreClosedError,
  fixedWindow,
} from '../rate-limit-store.js';

export interface MemoryRateLimitStoreOptions {
  /** Minimum time between sweeps of ended windows, in the callers' clock (default one minute). */
  sweepIntervalMs?: number;
}

interface Entry {
  count: number;
  resetAtMs: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  // One entry per key (not per key and window): a new window overwrites the old one in place.
  readonly #entries = new Map<string, Entry>();
  readonly #sweepIntervalMs: number;
  #nextSweepAtMs = Number.NEGATIVE_INFINITY;
  #closed = false;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  }

  /** Live entries; exposed so tests can check that ended windows are swept. */
  get size(): number {
    return this.#entries.size;
  }

  async hit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHit> {
    return this.hitNow(key, windowMs, nowMs);
  }

  hitNow(key: string, windowMs: number, nowMs: number): RateLimitHit {
    if (this.#closed) throw new RateLimitStoreClosedError();
    const { endMs } = fixedWindow(windowMs, nowMs);
    this.#sweepIfDue(nowMs);
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.resetAtMs === endMs) {
      entry.count += 1;
      return { count: entry.count, resetAtMs: endMs };
    }
    this.#entries.set(key, { count: 1, resetAtMs: endMs });
    return { count: 1, resetAtMs: endMs };
  }

  async release(key: string, windowMs: number, nowMs: number): Promise<void> {
    if (this.#closed) throw new RateLimitStoreClosedError();
    const { endMs } = fixedWindow(windowMs, nowMs);
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.resetAtMs === endMs && entry.count > 0) entry.count -= 1;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
  }

  // Opportunistic rather than on a timer: the store has no clock of its own, nothing keeps the
  // process alive, and a key that is never hit again is dropped by the next sweep. Sweeping at
  // most once per interval keeps hits O(1) amortized while memory stays bounded by the keys
  // active within roughly one interval plus one window.
  #sweepIfDue(nowMs: number): void {
    if (nowMs < this.#nextSweepAtMs) return;
    this.#nextSweepAtMs = nowMs + this.#sweepIntervalMs;
    for (const [key, entry] of this.#entries) {
      if (entry.resetAtMs <= nowMs) this.#entries.delete(key);
    }
  }
}
