import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEMO_NOW,
  FLEX_DEVICE_TYPES,
  TEST_BILLING_ACCOUNT,
  createFlexDemo,
  type DemoDevice,
} from '../../src/demo/index.js';

const all = (demo: ReturnType<typeof createFlexDemo>, batchSize?: number): DemoDevice[] => [...demo.devices(batchSize)].flat();

describe('createFlexDemo', () => {
  it('gives the same data for the same options and different data for another seed', () => {
    const a = createFlexDemo();
    const b = createFlexDemo();
    expect(JSON.stringify([a.billingAccounts, a.orders, all(a)])).toBe(JSON.stringify([b.billingAccounts, b.orders, all(b)]));
    const c = createFlexDemo({ seed: 'another' });
    expect(c.orders.map((o) => o.id)).not.toEqual(a.orders.map((o) => o.id));
    expect(all(c).map((d) => d.serialNumber)).not.toEqual(all(a).map((d) => d.serialNumber));
  });

  it('defaults to 48 orders and 600 devices counted back from a fixed date', () => {
    const demo = createFlexDemo();
    expect(demo.now.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(demo.orders).toHaveLength(48);
    expect(all(demo)).toHaveLength(600);
  });

  it('always includes the test billing account, and covers USD, EUR, JPY and GBP', () => {
    for (const seed of ['consumo-demo', 'x', 'y', 'z']) {
      const { billingAccounts } = createFlexDemo({ seed });
      expect(billingAccounts).toContainEqual(expect.objectContaining(TEST_BILLING_ACCOUNT));
      expect(new Set(billingAccounts.map((a) => a.currency))).toEqual(new Set(['USD', 'EUR', 'JPY', 'GBP']));
      expect(new Set(billingAccounts.map((a) => a.id)).size).toBe(billingAccounts.length);
      for (const a of billingAccounts) expect(a.id).toMatch(/^HP-(AMS|APJ|APUS|EMEA)-\d{3}-[A-Z]{2,3}-\d{5}$/);
    }
  });

  it('keeps billing accounts and orders stable when only the device count changes', () => {
    const small = createFlexDemo({ devices: 10 });
    const large = createFlexDemo({ devices: 5000, orders: 48 });
    expect(large.billingAccounts).toEqual(small.billingAccounts);
    expect(large.orders).toEqual(small.orders);
    expect(createFlexDemo({ orders: 200 }).billingAccounts).toEqual(small.billingAccounts);
  });

  it('makes orders with unique SOW ids, multi-year terms, some ended, and plausible channels', () => {
    const { orders, billingAccounts } = createFlexDemo({ orders: 400 });
    const now = DEFAULT_DEMO_NOW.getTime();
    const accountIds = new Set(billingAccounts.map((a) => a.id));
    expect(new Set(orders.map((o) => o.sowId)).size).toBe(orders.length);
    expect(new Set(orders.map((o) => o.billingAccountId))).toEqual(accountIds);
    for (const o of orders) {
      expect(o.sowId).toMatch(/^OPE-\d{10}$/);
      expect(accountIds.has(o.billingAccountId)).toBe(true);
      const years = (o.orderEndDate.getUTCFullYear() - o.orderStartDate.getUTCFullYear());
      expect(years).toBeGreaterThanOrEqual(3);
      expect(years).toBeLessThanOrEqual(10);
      expect(o.createdAt.getTime()).toBeLessThan(now);
      expect(o.updatedAt.getTime()).toBeGreaterThanOrEqual(o.createdAt.getTime());
      expect(o.updatedAt.getTime()).toBeLessThanOrEqual(now);
      expect(o.generation).toBeGreaterThanOrEqual(1);
      expect(o.generation).toBeLessThanOrEqual(3);
      if (o.resellerName === null && o.distributorName === null) expect(o.partnerName).toBeNull();
    }
    expect(orders.some((o) => o.orderEndDate.getTime() < now)).toBe(true);
    expect(orders.some((o) => o.resellerName === null && o.distributorName === null)).toBe(true);
    expect(orders.some((o) => o.resellerName === '1st Street Resellers')).toBe(true);
    expect(orders.some((o) => o.distributorName === 'HPE Distributions')).toBe(true);
    expect(orders.some((o) => o.partnerName !== null && o.partnerName !== o.resellerName && o.partnerName !== o.distributorName)).toBe(true);
  });

  it('yields a device stream that does not depend on the batch size, a small demo being a prefix of a larger one', () => {
    const demo = createFlexDemo({ devices: 3000 });
    const byFive = all(demo, 5);
    expect(JSON.stringify(all(demo, 1000))).toBe(JSON.stringify(byFive));
    expect([...demo.devices(1000)].map((b) => b.length)).toEqual([1000, 1000, 1000]);
    expect(JSON.stringify(all(createFlexDemo({ devices: 600 })))).toBe(JSON.stringify(byFive.slice(0, 600)));
  });

  it('makes devices consistent with their order, catalog and the enum', () => {
    const demo = createFlexDemo({ devices: 20_000 });
    const orders = new Map(demo.orders.map((o) => [o.id, o]));
    const types = new Set<string>(FLEX_DEVICE_TYPES);
    const serials = new Set<string>();
    const macs = new Set<string>();
    const now = DEFAULT_DEMO_NOW.getTime();
    // Collect violations rather than asserting per device: 20,000 × a dozen expect() calls is slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, d: DemoDevice) => {
      if (!ok && problems.length < 10) problems.push(`${what}: ${JSON.stringify(d)}`);
    };
    for (const d of all(demo)) {
      const order = orders.get(d.orderId);
      check(d.resourceId === d.id, 'resourceId', d);
      check(order?.billingAccountId === d.billingAccountId && order.billingAccountName === d.billingAccountName, 'account', d);
      check(types.has(d.deviceType), 'deviceType', d);
      check(/^[A-Z]{2}\d{3}[A-Z]{2}\d{2}$/.test(d.serialNumber), 'serialNumber', d);
      check(/^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/.test(d.macAddress), 'macAddress', d);
      check(d.model.startsWith(d.make), 'model', d);
      check(d.tags.length <= 4 && new Set(d.tags.map((t) => t.name)).size === d.tags.length, 'tags', d);
      check(d.createdAt.getTime() <= d.updatedAt.getTime() && d.updatedAt.getTime() <= now, 'times', d);
      serials.add(d.serialNumber);
      macs.add(d.macAddress);
    }
    expect(problems).toEqual([]);
    expect(new Set(all(demo).map((d) => d.orderId)).size).toBe(demo.orders.length);
    expect(serials.size).toBe(20_000);
    expect(macs.size).toBe(20_000);
  });

  it('weights the fleet toward compute, storage and networking, mostly HPE and Aruba', () => {
    const devices = all(createFlexDemo({ devices: 10_000 }));
    const share = (p: (d: DemoDevice) => boolean) => devices.filter(p).length / devices.length;
    expect(share((d) => d.deviceType === 'COMPUTE')).toBeGreaterThan(0.2);
    expect(share((d) => ['STORAGE', 'DHCI_STORAGE'].includes(d.deviceType))).toBeGreaterThan(0.1);
    expect(share((d) => d.make === 'HPE' || d.make === 'Aruba')).toBeGreaterThan(0.85);
    expect(share((d) => d.name !== null)).toBeGreaterThan(0.7);
    expect(share((d) => d.name === null)).toBeGreaterThan(0.1);
    expect(new Set(devices.map((d) => d.billingTier))).toContain('HPE Distributions');
  });

  it('rejects impossible counts', () => {
    expect(() => createFlexDemo({ orders: -1 })).toThrow(RangeError);
    expect(() => createFlexDemo({ devices: 1.5 })).toThrow(RangeError);
    expect(() => createFlexDemo({ devices: 2 ** 26 + 1 })).toThrow(RangeError);
    expect(() => createFlexDemo({ orders: 0, devices: 1 })).toThrow(RangeError);
    expect(createFlexDemo({ orders: 0, devices: 0 }).orders).toEqual([]);
  });
});
