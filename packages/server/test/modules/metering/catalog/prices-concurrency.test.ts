/**
 * Issue 15 point 3: price versions under 20-way races (ADR 0012's rule: the same effectiveFrom
 * replaces, a later one closes an open-ended earlier version, any other overlap is a 409). Whatever
 * order the 20 PUTs land in, no version is duplicated and the SKU's versions never overlap.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { seedCatalog } from '../../../support/metering-fixtures.js';

const RACERS = 20;
const DAY = 86_400_000;
const BASE = new Date('2025-01-01T00:00:00.000Z').getTime();
/** Midnight UTC `n` days after 2025-01-01, as the API answers times. */
const day = (n: number) => new Date(BASE + n * DAY).toISOString();

interface PriceItem {
  skuId: string;
  listUnitPrice: string;
  effectiveFrom: string;
  effectiveTo?: string;
}

describe.each(testEngines())('price versions under 20-way races (%s)', (engine) => {
  let t: TestApp;
  let token: string;
  useTestApp(engine, async (app) => {
    t = app;
    const tenant = await t.tenant(['metering-admin'], 'price-race');
    token = tenant.token;
    await seedCatalog(t, { workspaceId: tenant.workspaceId });
  });

  const body = (price: string, effectiveFrom: string, effectiveTo?: string) => ({
    meterId: 'cpu',
    publisherName: 'HPE',
    providerName: 'HPE',
    invoiceIssuerName: 'HPE',
    pricingUnit: 'CUs',
    listUnitPrice: price,
    currency: 'USD',
    effectiveFrom,
    ...(effectiveTo !== undefined && { effectiveTo }),
  });
  const race = (sku: string, bodies: Record<string, unknown>[]) =>
    Promise.all(bodies.map((payload) => t.call({ method: 'PUT', url: `/metering/v1/prices/${sku}`, token, payload })));
  const versions = async (sku: string): Promise<PriceItem[]> => {
    const res = await t.call({ method: 'GET', url: `/metering/v1/prices/${sku}/versions?limit=100`, token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(res.json().items.length);
    return res.json().items as PriceItem[];
  };
  const priceOf = (i: number) => `0.${String(i + 1).padStart(2, '0')}`;

  it('same effectiveFrom: one 201 and 19 × 200 (replaced), one version, holding one writer’s values', async () => {
    const sku = 'SKU-RACE-SAME';
    const results = await race(sku, Array.from({ length: RACERS }, (_, i) => body(priceOf(i), day(0))));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RACERS - 1);

    const stored = await versions(sku);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ skuId: sku, effectiveFrom: day(0) });
    expect(stored[0]).not.toHaveProperty('effectiveTo');
    // The stored version is what one of the writers was told it wrote (the last one to commit).
    const writer = results.find((r) => r.json().listUnitPrice === stored[0]!.listUnitPrice);
    expect(writer).toBeDefined();
    expect(stored[0]).toEqual(writer!.json());
  });

  it('distinct open-ended effectiveFroms: each PUT is 201 or the documented 409; the versions that exist chain without overlap', async () => {
    const sku = 'SKU-RACE-OPEN';
    const results = await race(sku, Array.from({ length: RACERS }, (_, i) => body(priceOf(i), day(i))));
    const created = results.flatMap((r, i) => (r.statusCode === 201 ? [i] : []));
    for (const r of results) {
      expect([201, 409], r.body).toContain(r.statusCode);
      if (r.statusCode === 409) {
        expect(r.json()).toMatchObject({
          httpStatusCode: 409,
          errorCode: 'HPE_GL_ERROR_CONFLICT',
          errorDetails: [{ type: 'hpe.greenlake.metadata', metadata: { overlappingVersion: { effectiveFrom: expect.any(String) } } }],
        });
      }
    }
    // The latest start overlaps nothing that could refuse it.
    expect(created).toContain(RACERS - 1);

    const stored = await versions(sku);
    // One version per 201, none duplicated, each with the values its PUT sent.
    expect(stored.map((v) => v.effectiveFrom)).toEqual(created.map((i) => day(i)));
    expect(stored.map((v) => v.listUnitPrice)).toEqual(created.map((i) => priceOf(i)));
    // Each version ends where the next starts; only the last is open-ended.
    stored.forEach((v, k) => {
      if (k === stored.length - 1) expect(v).not.toHaveProperty('effectiveTo');
      else expect(v.effectiveTo).toBe(stored[k + 1]!.effectiveFrom);
    });
  });

  it('distinct disjoint closed ranges: all 20 PUTs are 201 and exactly 20 versions exist', async () => {
    const sku = 'SKU-RACE-CLOSED';
    const results = await race(sku, Array.from({ length: RACERS }, (_, i) => body(priceOf(i), day(2 * i), day(2 * i + 1))));
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    const stored = await versions(sku);
    expect(stored.map((v) => [v.effectiveFrom, v.effectiveTo, v.listUnitPrice])).toEqual(
      Array.from({ length: RACERS }, (_, i) => [day(2 * i), day(2 * i + 1), priceOf(i)]),
    );
  });
});
