/** RedisRateLimitStore: the RateLimitStore several server processes share through REDIS_URL. */
import { Redis } from 'ioredis';
import {
  type RateLimitHit,
  type RateLimitStore,
  RateLimitStoreClosedError,
  type RateLimitStoreObserver,
  RateLimitStoreUnavailableError,
  fixedWindow,
} from '../rate-limit-store.js';
import { CircuitBreaker } from './circuit-breaker.js';

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (default `consumo:rl:`); tests use a random one per run. */
  keyPrefix?: string;
  /**
   * Upper bound on one hit when the store creates its own client (default 500 ms). Ignored for a
   * client passed in: its owner chose its options.
   */
  commandTimeoutMs?: number;
  /**
   * Where hits go while Redis is unavailable (the circuit is open), closed with this store; the
   * server passes a per-process MemoryRateLimitStore (ADR 0002). Without one, such hits reject at once.
   */
  fallback?: RateLimitStore;
  /** Time between probes of an unavailable Redis, in the callers' clock (default 1 s). */
  retryMs?: number;
}

// INCR and PEXPIRE in one script: one round trip per hit, and a key can never be left without
// an expiry (a crash between two separate commands could leave one behind forever).
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

// DECR only a key that exists and is above 0: a release never creates a key without an expiry.
const RELEASE_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then return redis.call('DECR', KEYS[1]) end
return 0
`;

// Keys outlive their window by this much so that a process whose clock runs slightly behind
// still finds the count instead of starting a fresh one just after Redis expired it.
const CLOCK_SKEW_GRACE_MS = 5_000;

type ScriptedRedis = Redis & {
  consumoRateLimitHit(key: string, ttlMs: number): Promise<number>;
  consumoRateLimitRelease(key: string): Promise<number>;
};

export class RedisRateLimitStore implements RateLimitStore {
  readonly #client: ScriptedRedis;
  readonly #ownsClient: boolean;
  readonly #keyPrefix: string;
  readonly #breaker: CircuitBreaker;
  readonly #fallback: RateLimitStore | undefined;
  /** The last `nowMs` a hit carried: connection events have no clock of their own. */
  #lastNowMs = 0;
  #closed = false;
  readonly #onConnectionLost = (): void => {
    if (!this.#closed) this.#breaker.fail(this.#lastNowMs, new Error('connection to Redis lost'));
  };
  readonly #onReady = (): void => {
    if (!this.#closed) this.#breaker.succeed();
  };

  constructor(urlOrClient: string | Redis, options: RedisRateLimitStoreOptions = {}) {
    this.#keyPrefix = options.keyPrefix ?? 'consumo:rl:';
    this.#ownsClient = typeof urlOrClient === 'string';
    this.#breaker = new CircuitBreaker({ retryMs: options.retryMs });
    this.#fallback = options.fallback;
    const client = typeof urlOrClient === 'string' ? createClient(urlOrClient, options) : urlOrClient;
    // defineCommand sends EVALSHA and falls back to EVAL once if Redis lost the script cache.
    client.defineCommand('consumoRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    client.defineCommand('consumoRateLimitRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    // A dropped connection opens the circuit before any hit has to wait for it; a (re)connected
    // one closes it: ioredis keeps reconnecting in the background.
    client.on('close', this.#onConnectionLost);
    client.on('ready', this.#onReady);
    this.#client = client as ScriptedRedis;
  }

  /** Whether hits currently reach Redis (false while the circuit is open). */
  get available(): boolean {
    return !this.#breaker.isOpen;
  }

  observe(observer: RateLimitStoreObserver): void {
    this.#breaker.observe(observer);
  }

  async hit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHit> {
    if (this.#closed) throw new RateLimitStoreClosedError();
    const { startMs, endMs } = fixedWindow(windowMs, nowMs);
    this.#lastNowMs = nowMs;
    if (this.#breaker.isOpen) {
      this.#probeIfDue(nowMs);
      return this.#fallBack(key, windowMs, nowMs);
    }
    const ttlMs = Math.max(1, endMs - nowMs) + CLOCK_SKEW_GRACE_MS;
    let count: number;
    try {
      count = await this.#client.consumoRateLimitHit(`${this.#keyPrefix}${key}:${startMs}`, ttlMs);
    } catch (err) {
      if (this.#closed) throw new RateLimitStoreClosedError();
      this.#breaker.fail(nowMs, err);
      return this.#fallBack(key, windowMs, nowMs);
    }
    return { count, resetAtMs: endMs };
  }

  async release(key: string, windowMs: number, nowMs: number): Promise<void> {
    if (this.#closed) throw new RateLimitStoreClosedError();
    const { startMs } = fixedWindow(windowMs, nowMs);
    if (this.#breaker.isOpen) {
      if (!this.#fallback) throw new RateLimitStoreUnavailableError();
      return this.#fallback.release(key, windowMs, nowMs);
    }
    try {
      await this.#client.consumoRateLimitRelease(`${this.#keyPrefix}${key}:${startMs}`);
    } catch (err) {
      if (this.#closed) throw new RateLimitStoreClosedError();
      this.#breaker.fail(nowMs, err);
      if (!this.#fallback) throw err;
    }
  }

  #fallBack(key: string, windowMs: number, nowMs: number): Promise<RateLimitHit> {
    if (!this.#fallback) return Promise.reject(new RateLimitStoreUnavailableError());
    this.#breaker.fellBack();
    return this.#fallback.hit(key, windowMs, nowMs);
  }

  /** A PING in the background, never a client's request: the first to answer closes the circuit. */
  #probeIfDue(nowMs: number): void {
    if (!this.#breaker.probeDue(nowMs)) return;
    this.#client.ping().then(
      () => this.#breaker.probeSettled(this.#lastNowMs, true),
      (err: unknown) => this.#breaker.probeSettled(this.#lastNowMs, false, err),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#client.off('close', this.#onConnectionLost);
    this.#client.off('ready', this.#onReady);
    await this.#fallback?.close();
    if (!this.#ownsClient) return;
    // QUIT lets in-flight hits finish; when Redis is unreachable there is nothing to wait for.
    if (this.#client.status === 'ready') {
      try {
        await this.#client.quit();
        return;
      } catch {
        // fall through to a hard disconnect
      }
    }
    this.#client.disconnect();
  }
}

/**
 * A client tuned to fail fast instead of hang. The offline queue stays on so hits made while the
 * first connection (or a reconnection) is under way still go through; `commandTimeout` bounds
 * every hit, and `maxRetriesPerRequest: 1` rejects queued hits as soon as a reconnection fails.
 * A failed hit opens the store's circuit breaker: later hits skip Redis at once and go to the
 * fallback (the server's per-process memory store, ADR 0002) instead of each waiting for the
 * time-out. The client keeps reconnecting in the background; its `ready` (or a background PING)
 * closes the circuit, so shared limits resume with Redis.
 */
function createClient(url: string, options: RedisRateLimitStoreOptions): Redis {
  const client = new Redis(url, {
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
  });
  // Connection errors already surface as rejected hits; without a listener ioredis would also
  // print every reconnection failure to stderr.
  client.on('error', () => {});
  return client;
}
