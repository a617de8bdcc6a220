import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisRateLimitStore, createRateLimitStore } from '../../../../src/platform/rate-limit/index.js';
import { describeRateLimitStoreConformance } from '../../../support/rate-limit-store-conformance.js';
import { redactUrl, redisReachable, testRedisUrl } from '../../../support/test-redis.js';

const redisUrl = testRedisUrl;
// Parallel runs (and parallel test files) against one Redis must never share a counter.
const runPrefix = `consumo:rl:test:${randomUUID()}:`;
let stores = 0;
const freshPrefix = (): string => `${runPrefix}${(stores += 1)}:`;

const available = await redisReachable(redisUrl);
if (!available) process.stderr.write(`[skip] Redis conformance suite: no Redis at ${redactUrl(redisUrl)}\n`);
const describeRedis = available ? describe : describe.skip;

describeRedis('redis', () => {
  describeRateLimitStoreConformance('redis', async () => new RedisRateLimitStore(redisUrl, { keyPrefix: freshPrefix() }));

  describe('RedisRateLimitStore', () => {
    const clients: Redis[] = [];
    const client = (): Redis => {
      const c = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      clients.push(c);
      return c;
    };
    afterAll(async () => {
      // Keys expire on their own within about a minute; deleting them keeps a shared Redis tidy.
      const cleaner = client();
      for await (const keys of cleaner.scanStream({ match: `${runPrefix}*`, count: 500 })) {
        if ((keys as string[]).length > 0) await cleaner.del(...(keys as string[]));
      }
      await Promise.all(clients.map((c) => c.quit()));
    });

    it('shares one budget between two processes (two clients, two stores)', async () => {
      const keyPrefix = freshPrefix();
      const a = new RedisRateLimitStore(client(), { keyPrefix });
      const b = new RedisRateLimitStore(client(), { keyPrefix });
      const now = 1_700_000_010_000;
      const hits = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).hit('ws-a|GET /orders', 60_000, now)),
      );
      expect(Math.max(...hits.map((h) => h.count))).toBe(60);
      expect(new Set(hits.map((h) => h.count)).size).toBe(60);
      expect((await b.hit('ws-a|GET /orders', 60_000, now)).count).toBe(61);
      await Promise.all([a.close(), b.close()]);
    });

    it('leaves a client it was given open after close()', async () => {
      const c = client();
      const store = new RedisRateLimitStore(c, { keyPrefix: freshPrefix() });
      await store.hit('k', 60_000, 0);
      await store.close();
      expect(await c.ping()).toBe('PONG');
    });

    it('stores one key per window that expires shortly after the window ends', async () => {
      const keyPrefix = freshPrefix();
      const store = new RedisRateLimitStore(client(), { keyPrefix });
      const now = 1_700_000_010_000; // 30 s before the end of the window starting at ..._980_000
      await store.hit('ws-a|GET /orders', 60_000, now);
      await store.hit('ws-a|GET /orders', 60_000, now + 1_000);
      const key = `${keyPrefix}ws-a|GET /orders:1699999980000`;
      const c = client();
      expect(await c.get(key)).toBe('2');
      const ttl = await c.pttl(key);
      // Set once, on the first hit: the remaining 30 s plus the clock-skew grace, never renewed.
      expect(ttl).toBeGreaterThan(30_000);
      expect(ttl).toBeLessThanOrEqual(35_000);
      await store.close();
    });

    it('is what createRateLimitStore returns for a Redis URL', async () => {
      const store = createRateLimitStore(redisUrl);
      expect(store).toBeInstanceOf(RedisRateLimitStore);
      expect((await store.hit(`${freshPrefix()}k`, 60_000, 0)).count).toBe(1);
      await store.close();
    });
  });
});

// Runs with or without a Redis server: the failure mode is the point.
describe('RedisRateLimitStore without a reachable Redis', () => {
  it('rejects hits quickly instead of hanging, and still closes', async () => {
    const store = new RedisRateLimitStore('redis://127.0.0.1:1', { keyPrefix: freshPrefix() });
    const started = Date.now();
    await expect(store.hit('ws-a|GET /orders', 60_000, 0)).rejects.toThrow();
    await expect(store.hit('ws-a|GET /orders', 60_000, 0)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    await store.close();
  });
});
