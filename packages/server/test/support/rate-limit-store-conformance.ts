/** The one conformance suite every RateLimitStore implementation must pass (memory and Redis). */
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitStore } from '../../src/platform/rate-limit/index.js';

const MINUTE = 60_000;
// A window boundary (a multiple of one minute since the epoch), so offsets below read plainly.
const T0 = 28_333_334 * MINUTE;

export function describeRateLimitStoreConformance(name: string, make: () => Promise<RateLimitStore>): void {
  describe(`RateLimitStore conformance: ${name}`, () => {
    const opened: RateLimitStore[] = [];
    const open = async (): Promise<RateLimitStore> => {
      const store = await make();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('counts hits on one key upwards from 1', async () => {
      const store = await open();
      const counts: number[] = [];
      for (let i = 0; i < 5; i += 1) counts.push((await store.hit('ws-a|GET /orders', MINUTE, T0 + 1_000 + i)).count);
      expect(counts).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps workspaces and endpoints independent', async () => {
      const store = await open();
      const now = T0 + 5_000;
      await store.hit('ws-a|GET /orders', MINUTE, now);
      await store.hit('ws-a|GET /orders', MINUTE, now);
      await store.hit('ws-a|GET /orders', MINUTE, now);
      expect((await store.hit('ws-b|GET /orders', MINUTE, now)).count).toBe(1);
      expect((await store.hit('ws-a|GET /usage', MINUTE, now)).count).toBe(1);
      expect((await store.hit('ws-a|GET /orders', MINUTE, now)).count).toBe(4);
      expect((await store.hit('ws-b|GET /orders', MINUTE, now)).count).toBe(2);
    });

    it('starts a new count in the next window, exactly at the boundary', async () => {
      const store = await open();
      await store.hit('ws-a|GET /orders', MINUTE, T0);
      expect((await store.hit('ws-a|GET /orders', MINUTE, T0 + MINUTE - 1)).count).toBe(2);
      expect((await store.hit('ws-a|GET /orders', MINUTE, T0 + MINUTE)).count).toBe(1);
      expect((await store.hit('ws-a|GET /orders', MINUTE, T0 + 3 * MINUTE + 7)).count).toBe(1);
    });

    it('reports the end of the epoch-aligned window as resetAtMs', async () => {
      const store = await open();
      expect(await store.hit('k1', MINUTE, T0)).toEqual({ count: 1, resetAtMs: T0 + MINUTE });
      expect(await store.hit('k1', MINUTE, T0 + 12_345)).toEqual({ count: 2, resetAtMs: T0 + MINUTE });
      expect(await store.hit('k1', MINUTE, T0 + MINUTE - 1)).toEqual({ count: 3, resetAtMs: T0 + MINUTE });
      // Other window sizes align to their own multiples of the epoch.
      expect((await store.hit('k2', 1_000, T0 + 12_345)).resetAtMs).toBe(T0 + 13_000);
      expect((await store.hit('k3', 7_000, 20_000)).resetAtMs).toBe(21_000);
    });

    it('counts 200 concurrent hits exactly once each', async () => {
      const store = await open();
      const now = T0 + 30_000;
      const hits = await Promise.all(Array.from({ length: 200 }, () => store.hit('ws-a|GET /orders', MINUTE, now)));
      const counts = hits.map((h) => h.count).sort((a, b) => a - b);
      expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect((await store.hit('ws-a|GET /orders', MINUTE, now)).count).toBe(201);
    });

    it('releases one hit of the current window, never below 0, never another window', async () => {
      const store = await open();
      const now = T0 + 10_000;
      await store.hit('ws-a|token', MINUTE, now);
      await store.hit('ws-a|token', MINUTE, now);
      await store.release('ws-a|token', MINUTE, now + 1);
      expect((await store.hit('ws-a|token', MINUTE, now + 2)).count).toBe(2);
      await store.release('ws-a|token', MINUTE, now);
      await store.release('ws-a|token', MINUTE, now);
      await store.release('ws-a|token', MINUTE, now);
      expect((await store.hit('ws-a|token', MINUTE, now)).count).toBe(1);
      // A release in the next window leaves it alone, and a release of an unknown key is harmless.
      await store.release('ws-a|token', MINUTE, T0 + MINUTE);
      await store.release('never-hit', MINUTE, now);
      expect((await store.hit('never-hit', MINUTE, now)).count).toBe(1);
      expect((await store.hit('ws-a|token', MINUTE, T0 + MINUTE)).count).toBe(1);
    });

    it('counts 100 concurrent hits and 40 concurrent releases exactly', async () => {
      const store = await open();
      const now = T0 + 20_000;
      await Promise.all(Array.from({ length: 100 }, () => store.hit('k', MINUTE, now)));
      await Promise.all(Array.from({ length: 40 }, () => store.release('k', MINUTE, now)));
      expect((await store.hit('k', MINUTE, now)).count).toBe(61);
    });

    it('rejects an invalid window instead of counting it', async () => {
      const store = await open();
      await expect(store.hit('k', 0, T0)).rejects.toThrow(RangeError);
      await expect(store.hit('k', 1.5, T0)).rejects.toThrow(RangeError);
    });

    it('closes once or twice, and rejects hits afterwards', async () => {
      const store = await open();
      await store.hit('k', MINUTE, T0);
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.hit('k', MINUTE, T0)).rejects.toThrow(/closed/);
    });
  });
}
