/**
 * The token endpoints' throttle on failed attempts, per source address and per client id, in the
 * shared rate-limit store (so several processes share it; ADR 0002). Each attempt is counted up
 * front — so a burst of concurrent attempts cannot all get past before the first one fails — and
 * a successful one is taken back: only failures spend the budget.
 *
 * - An address over its budget is refused (429) until its window ends, before any secret is checked.
 * - A client id over its budget is refused only to addresses that have failed in their window: an
 *   attacker guessing a known id from many addresses does not lock the legitimate client out,
 *   which asks from a clean address (and whose remembered secret skips the throttle altogether).
 */
import { type RateLimitStore, retryAfterSeconds } from '../rate-limit/index.js';

export interface TokenThrottleLimits {
  /** Failed attempts one source address may make per window. */
  failuresPerAddress: number;
  /** Failed attempts on one client id per window, from all addresses together. */
  failuresPerClient: number;
  /** Window length (default one minute). */
  windowMs?: number;
}

/** An admitted attempt: what to take back if it succeeds. */
export interface TokenAttempt {
  keys: string[];
  nowMs: number;
}

export type Admission = { admitted: true; attempt: TokenAttempt } | { admitted: false; retryAfterSeconds: string };

export class TokenThrottle {
  readonly #windowMs: number;

  constructor(
    private readonly store: RateLimitStore,
    private readonly now: () => number,
    private readonly limits: TokenThrottleLimits,
  ) {
    this.#windowMs = limits.windowMs ?? 60_000;
  }

  /** Counts an attempt from `address` on `clientKey` (the id as presented); refuses when over budget. */
  async admit(address: string, clientKey: string): Promise<Admission> {
    const nowMs = this.now();
    const addressKey = `token:address:${address}`;
    const clientKeyed = `token:client:${clientKey}`;
    let byAddress;
    let byClient;
    try {
      byAddress = await this.store.hit(addressKey, this.#windowMs, nowMs);
      if (byAddress.count > this.limits.failuresPerAddress) {
        return { admitted: false, retryAfterSeconds: retryAfterSeconds(byAddress.resetAtMs, nowMs) };
      }
      byClient = await this.store.hit(clientKeyed, this.#windowMs, nowMs);
    } catch {
      // A store that cannot count (closed, or Redis down with no fallback) must not stop logins.
      return { admitted: true, attempt: { keys: [], nowMs } };
    }
    // This attempt is the address's first in its window (its successes were taken back): let it try.
    if (byClient.count > this.limits.failuresPerClient && byAddress.count > 1) {
      return { admitted: false, retryAfterSeconds: retryAfterSeconds(byClient.resetAtMs, nowMs) };
    }
    return { admitted: true, attempt: { keys: [addressKey, clientKeyed], nowMs } };
  }

  /** The attempt succeeded: it spends nothing. */
  async forgive(attempt: TokenAttempt): Promise<void> {
    await Promise.all(attempt.keys.map((key) => this.store.release(key, this.#windowMs, attempt.nowMs).catch(() => undefined)));
  }
}
