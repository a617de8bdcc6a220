/** RedisRateLimitStore: the RateLimitStore several server processes share through REDIS_URL. */
import { Redis } from 'ioredis';
import {
  type RateLimitHit,
  type RateLimitStore,
  RateLimitStoreClosedError,
  fixedWindow,
} from '../rate-limit-store.js';

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (default `consumo:rl:`); tests use a random one per run. */
  keyPrefix?: string;
  /**
   * Upper bound on one hit when the store creates its own client (default 500 ms). Ignored for a
   * client passed in: its owner chose its options.
   */
  commandTimeoutMs?: number;
}

// INCR and PEXPIRE in one script: one round trip per hit, and a key can never be left without
// an expiry (a crash between two separate commands could leave one behind forever).
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

// Keys outlive their window by this much so that a process whose clock runs slightly behind
// still finds the count instead of starting a fresh one just after Redis expired it.
const CLOCK_SKEW_GRACE_MS = 5_000;

type ScriptedRedis = Redis & {
  consumoRateLimitHit(key: string, ttlMs: number): Promise<number>;
};

export class RedisRateLimitStore implements RateLimitStore {
  readonly #client: ScriptedRedis;
  readonly #ownsClient: boolean;
  readonly #keyPrefix: string;
  #closed = false;

  constructor(urlOrClient: string | Redis, options: RedisRateLimitStoreOptions = {}) {
    this.#keyPrefix = options.keyPrefix ?? 'consumo:rl:';
    this.#ownsClient = typeof urlOrClient === 'string';
    const client = typeof urlOrClient === 'string' ? createClient(urlOrClient, options) : urlOrClient;
    // defineCommand sends EVALSHA and falls back to EVAL once if Redis lost the script cache.
    client.defineCommand('consumoRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.#client = client as ScriptedRedis;
  }

  async hit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHit> {
    if (this.#closed) throw new RateLimitStoreClosedError();
    const { startMs, endMs } = fixedWindow(windowMs, nowMs);
    const ttlMs = Math.max(1, endMs - nowMs) + CLOCK_SKEW_GRACE_MS;
    const count = await this.#client.consumoRateLimitHit(`${this.#keyPrefix}${key}:${startMs}`, ttlMs);
    return { count, resetAtMs: endMs };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
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
 * A rejected hit is the caller's decision point: the rate-limit hook fails open (lets the request
 * through and logs a warning), because an outage of the shared counter must not become an outage
 * of the API. The client keeps reconnecting in the background, so limits resume with Redis.
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
