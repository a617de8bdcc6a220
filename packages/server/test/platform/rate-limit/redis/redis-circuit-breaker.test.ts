/**
 * The Redis store's circuit breaker (issue 15 point 3, ADR 0002): with Redis unreachable, hits no
 * longer wait for the command time-out each — they go to the per-process fallback at once, are
 * logged and counted — and when Redis answers again, hits reach it again.
 */
import { randomUUID } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, createConnection, createServer } from 'node:net';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MemoryRateLimitStore,
  RateLimitStoreUnavailableError,
  RedisRateLimitStore,
  type RateLimitStoreObserver,
} from '../../../../src/platform/rate-limit/index.js';
import { observeRateLimitStore } from '../../../../src/platform/observability/rate-limit-observer.js';
import { startTestApp } from '../../../support/test-app.js';
import { redactUrl, redisReachable, testRedisUrl } from '../../../support/test-redis.js';

/** A local port nothing listens on: connections are refused, as when Redis is down. */
const UNREACHABLE = 'redis://127.0.0.1:1';
const MINUTE = 60_000;
const T0 = 28_333_334 * MINUTE;
const runPrefix = `consumo:rl:test:breaker:${randomUUID()}:`;

function recorder() {
  const events: string[] = [];
  const observer: RateLimitStoreObserver = {
    unavailable: () => events.push('unavailable'),
    recovered: () => events.push('recovered'),
    fallbackHit: () => events.push('fallback'),
  };
  return { events, observer };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('RedisRateLimitStore circuit breaker, Redis unreachable', () => {
  it('fails fast to the per-process fallback, counting exactly, and reports the outage once', async () => {
    const store = new RedisRateLimitStore(UNREACHABLE, { keyPrefix: runPrefix, fallback: new MemoryRateLimitStore() });
    const { events, observer } = recorder();
    store.observe(observer);
    // The first hit may wait for the refused connection; after it, the circuit is open.
    await store.hit('ws-a|flex', MINUTE, T0);
    expect(store.available).toBe(false);
    const started = performance.now();
    const counts: number[] = [];
    for (let i = 0; i < 200; i++) counts.push((await store.hit('ws-a|flex', MINUTE, T0 + i)).count);
    // Before the breaker each of these waited for the 500 ms command time-out (or rejected).
    expect(performance.now() - started).toBeLessThan(500);
    expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(events.filter((e) => e === 'unavailable')).toHaveLength(1);
    expect(events.filter((e) => e === 'fallback').length).toBeGreaterThanOrEqual(200);
    expect(events).not.toContain('recovered');
    await store.close();
  });

  it('logs one warning per outage, not one per request', async () => {
    const store = new RedisRateLimitStore(UNREACHABLE, { keyPrefix: runPrefix, fallback: new MemoryRateLimitStore() });
    const lines: { level: string; message: string }[] = [];
    observeRateLimitStore(store, new Registry(), {
      warn: (_details, message) => lines.push({ level: 'warn', message }),
      info: (_details, message) => lines.push({ level: 'info', message }),
    });
    for (let i = 0; i < 50; i++) await store.hit('k', MINUTE, T0 + i);
    expect(lines).toEqual([{ level: 'warn', message: expect.stringMatching(/^rate-limit store unavailable/) }]);
    await store.close();
  });

  it('without a fallback, rejects at once with RateLimitStoreUnavailableError while open', async () => {
    const store = new RedisRateLimitStore(UNREACHABLE, { keyPrefix: runPrefix });
    await store.hit('k', MINUTE, T0).catch(() => undefined);
    expect(store.available).toBe(false);
    const started = performance.now();
    for (let i = 0; i < 50; i++) await expect(store.hit('k', MINUTE, T0 + i)).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(250);
    await store.close();
  });

  // The app's start on the embedded database is most of this test's time on a loaded machine: a generous timeout, the assertions as they were.
  it('serves a rate-limited route fast, still limited, and counts the outage in /metrics', { timeout: 120_000 }, async () => {
    const t = await startTestApp('pglite', { config: { redisUrl: UNREACHABLE } });
    try {
      const token = await t.token();
      t.advance(MINUTE - (t.now() % MINUTE));
      const call = () => t.call({ method: 'GET', url: '/flex/v1beta1/devices/0b7c2a61-95a4-4f0c-9b53-d8e3c1f0a999', token });
      await call(); // trips the breaker
      const started = performance.now();
      for (let i = 2; i <= 100; i++) {
        const res = await call();
        expect(res.statusCode, `call ${i}`).toBe(404);
        expect(res.headers['x-ratelimit-remaining']).toBe(String(100 - i));
      }
      // 99 requests, each of which waited ~500 ms for Redis before the breaker (~50 s): far below, even on a loaded machine.
      expect(performance.now() - started).toBeLessThan(20_000);
      const refused = await call();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      const metrics = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
      expect(metrics).toMatch(/^consumo_rate_limit_store_unavailable_total 1$/m);
      expect(metrics).toMatch(/^consumo_rate_limit_store_available 0$/m);
      expect(metrics).toMatch(/^consumo_rate_limit_fallback_hits_total (\d+)$/m);
      expect(Number(/^consumo_rate_limit_fallback_hits_total (\d+)$/m.exec(metrics)![1])).toBeGreaterThanOrEqual(100);
    } finally {
      await t.close();
    }
  });
});

/** A TCP proxy in front of the real Redis that the test can take down and bring back on the same port. */
class Outage {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

const available = await redisReachable(testRedisUrl);
if (!available) process.stderr.write(`[skip] Redis circuit-breaker recovery: no Redis at ${redactUrl(testRedisUrl)}\n`);

describe.skipIf(!available)('RedisRateLimitStore circuit breaker, Redis going away and coming back', () => {
  const direct = available ? new Redis(testRedisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  afterAll(async () => {
    if (!direct) return;
    for await (const keys of direct.scanStream({ match: `${runPrefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await direct.del(...(keys as string[]));
    }
    await direct.quit();
  });

  it('falls back while Redis is away and counts in Redis again once it is back', async () => {
    const target = new URL(testRedisUrl);
    const outage = new Outage({ host: target.hostname, port: Number(target.port || 6379) });
    await outage.up();
    const via = new URL(testRedisUrl);
    via.hostname = '127.0.0.1';
    via.port = String(outage.port);
    const keyPrefix = `${runPrefix}recovery:`;
    const store = new RedisRateLimitStore(via.toString(), { keyPrefix, fallback: new MemoryRateLimitStore(), retryMs: 50 });
    const { events, observer } = recorder();
    store.observe(observer);
    const now = Date.now();
    const startMs = Math.floor(now / MINUTE) * MINUTE;
    try {
      expect((await store.hit('ws', MINUTE, now)).count).toBe(1);
      expect((await store.hit('ws', MINUTE, now)).count).toBe(2);
      expect(await direct!.get(`${keyPrefix}ws:${startMs}`)).toBe('2');

      await outage.down();
      await waitFor(() => !store.available, 2_000);
      const started = performance.now();
      for (let i = 0; i < 20; i++) await store.hit('ws', MINUTE, now);
      expect(performance.now() - started).toBeLessThan(250);
      // Counted by the process meanwhile, not by Redis.
      expect(await direct!.get(`${keyPrefix}ws:${startMs}`)).toBe('2');
      expect(events).toContain('unavailable');

      await outage.up();
      // ioredis reconnects on its own (its back-off is at most 2 s); hits then reach Redis again.
      await waitFor(() => store.available, 6_000);
      expect(events.at(-1)).toBe('recovered');
      expect((await store.hit('ws', MINUTE, now)).count).toBe(3);
      expect(await direct!.get(`${keyPrefix}ws:${startMs}`)).toBe('3');
    } finally {
      await store.close();
      await outage.down();
    }
  }, 15_000);

  it('recovers through a background probe when Redis answers again without a reconnection', async () => {
    // A store whose hits time out while the connection stays up: the probe, not 'ready', closes it.
    const client = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
    const keyPrefix = `${runPrefix}probe:`;
    const store = new RedisRateLimitStore(client, { keyPrefix, fallback: new MemoryRateLimitStore(), retryMs: 100 });
    try {
      await client.ping();
      // One hit fails as a time-out would, while the connection itself stays ready.
      const original = (client as unknown as { consumoRateLimitHit: (...a: unknown[]) => Promise<number> }).consumoRateLimitHit;
      (client as unknown as { consumoRateLimitHit: () => Promise<number> }).consumoRateLimitHit = () => Promise.reject(new Error('Command timed out'));
      expect((await store.hit('ws', MINUTE, T0)).count).toBe(1);
      expect(store.available).toBe(false);
      (client as unknown as { consumoRateLimitHit: typeof original }).consumoRateLimitHit = original;
      // Not yet due: no probe, still the fallback.
      expect((await store.hit('ws', MINUTE, T0 + 50)).count).toBe(2);
      // Due: this hit still goes to the fallback, and a PING in the background closes the circuit.
      expect((await store.hit('ws', MINUTE, T0 + 150)).count).toBe(3);
      await waitFor(() => store.available, 2_000);
      expect((await store.hit('ws', MINUTE, T0 + 200)).count).toBe(1);
    } finally {
      await store.close();
      await client.quit();
    }
  });
});
