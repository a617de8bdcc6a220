/**
 * CircuitBreaker: remembers that a remote dependency (the shared rate-limit Redis) is down, so
 * callers stop waiting on it. Closed: calls go through. One failed call (or a lost connection)
 * opens it: calls skip the dependency at once. While open, a probe — never a client's request —
 * is allowed every `retryMs` (in the callers' clock); the probe's success, or the dependency's own
 * "ready" signal, closes it again. No timers: nothing keeps the process alive.
 */
import type { RateLimitStoreObserver } from '../rate-limit-store.js';

export interface CircuitBreakerOptions {
  /** Time between probes while open, in the callers' clock (default 1 s). */
  retryMs?: number;
}

export class CircuitBreaker {
  readonly #retryMs: number;
  readonly #observers: RateLimitStoreObserver[] = [];
  #open = false;
  #nextProbeAtMs = 0;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#retryMs = options.retryMs ?? 1_000;
    if (!Number.isSafeInteger(this.#retryMs) || this.#retryMs <= 0) {
      throw new RangeError(`retryMs must be a positive integer, got ${this.#retryMs}`);
    }
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Adds an observer; one added while the circuit is already open hears of the outage at once. */
  observe(observer: RateLimitStoreObserver): void {
    this.#observers.push(observer);
    if (this.#open) observer.unavailable(new Error('rate-limit store unavailable before it was observed'));
  }

  /** A call (or the connection) failed at `nowMs`: open, telling observers once per outage. */
  fail(nowMs: number, cause: unknown): void {
    this.#nextProbeAtMs = nowMs + this.#retryMs;
    if (this.#open) return;
    this.#open = true;
    for (const o of this.#observers) o.unavailable(cause);
  }

  /** A call or probe succeeded, or the connection is ready again: close. */
  succeed(): void {
    if (!this.#open) return;
    this.#open = false;
    for (const o of this.#observers) o.recovered();
  }

  /** While open, whether a probe may start now (one at a time, every `retryMs`); the caller must settle it. */
  probeDue(nowMs: number): boolean {
    if (!this.#open || this.#probing || nowMs < this.#nextProbeAtMs) return false;
    this.#probing = true;
    return true;
  }

  /** The probe started by `probeDue` ended: closes on success, stays open (next probe later) on failure. */
  probeSettled(nowMs: number, ok: boolean, cause?: unknown): void {
    this.#probing = false;
    if (ok) this.succeed();
    else this.fail(nowMs, cause);
  }

  /** A hit the dependency could not take, counted by the fallback. */
  fellBack(): void {
    for (const o of this.#observers) o.fallbackHit();
  }
}
