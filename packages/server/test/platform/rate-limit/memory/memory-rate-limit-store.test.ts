import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, createRateLimitStore } from '../../../../src/platform/rate-limit/index.js';
import { describeRateLimitStoreConformance } from '../../../support/rate-limit-store-conformance.js';

describeRateLimitStoreConformance('memory', async () => new MemoryRateLimitStore());

describe('MemoryRateLimitStore', () => {
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
