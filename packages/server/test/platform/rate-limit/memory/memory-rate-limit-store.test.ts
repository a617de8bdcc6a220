import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, RateLimitStoreClosedError, createRateLimitStore } from '../../../../src/platform/rate-limit/index.js';
import { describeRateLimitStoreConformance } from '../../../support/rate-limit-store-conformance.js';

describeRateLimitStoreConformance('memory', async () => new MemoryRateLimitStore());

describe('MemoryRateLimitStore', () => {
  it('answers hitNow at once, on the same counter as hit (the guard takes no promise for it)', async () => {
    const store = new MemoryRateLimitStore();
    const minute = 60_000;
    const t0 = 28_333_334 * minute;
    expect(store.hitNow('ws-a|GET /devices', minute, t0 + 2_000)).toEqual({ count: 1, resetAtMs: t0 + minute });
    expect((await store.hit('ws-a|GET /devices', minute, t0 + 2_000)).count).toBe(2);
    expect(store.hitNow('ws-a|GET /devices', minute, t0 + 3_000)).toEqual({ count: 3, resetAtMs: t0 + minute });
    expect(store.hitNow('ws-a|GET /devices', minute, t0 + minute).count).toBe(1);
    await store.close();
    expect(() => store.hitNow('ws-a|GET /devices', minute, t0 + minute)).toThrow(RateLimitStoreClosedError);
  });

  it('sweeps ended windows so memory stays bounded by the active keys', async () => {
    const store = new MemoryRateLimitStore({ sweepIntervalMs: 60_000 });
    for (let i = 0; i < 1_000; i += 1) await store.hit(`ws-${i}|GET /orders`, 60_000, 1_000);
    expect(store.size).toBe(1_000);
    // The first hit after the interval, once those windows have ended, drops them all.
    await store.hit('ws-new|GET /orders', 60_000, 61_000);
    expect(store.size).toBe(1);
    await store.close();
    expect(store.size).toBe(0);
  });

  it('does not sweep a window that is still running', async () => {
    const store = new MemoryRateLimitStore({ sweepIntervalMs: 1 });
    await store.hit('long', 3_600_000, 1_000);
    await store.hit('other', 60_000, 120_000);
    expect((await store.hit('long', 3_600_000, 120_001)).count).toBe(2);
    await store.close();
  });

  it('is what createRateLimitStore returns without a Redis URL', async () => {
    const unset = createRateLimitStore();
    const empty = createRateLimitStore('  ');
    expect(unset).toBeInstanceOf(MemoryRateLimitStore);
    expect(empty).toBeInstanceOf(MemoryRateLimitStore);
    await Promise.all([unset.close(), empty.close()]);
  });
});
