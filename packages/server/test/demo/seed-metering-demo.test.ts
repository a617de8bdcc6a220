/** The metering demo: catalog, usage ending on the given day, rated records, determinism, safe re-seeding. */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_SUBCATEGORY_PARENT } from '@consumo/focus';
import { DEMO_COMMITMENT_ID, createMeteringDemo, seedFlexDemo, seedMeteringDemo } from '../../src/demo/index.js';
import type { Db } from '../../src/storage/database.js';
import { suiteDatabase } from '../support/demo-fixtures.js';
import { testEngines } from '../support/test-databases.js';

const UNTIL = new Date('2026-11-20T09:30:00Z');

async function totals(db: Db, workspaceId: string) {
  const { rows } = await sql<{ records: number; billed: string; consumed: string; events: number; usage: string }>`
    select (select count(*)::int from cost_records where workspace_id = ${workspaceId}) as records,
      (select sum(billed_cost)::text from cost_records where workspace_id = ${workspaceId}) as billed,
      (select sum(consumed_quantity)::text from cost_records where workspace_id = ${workspaceId} and x_meter_id = 'esxi-cu') as consumed,
      (select count(*)::int from usage_events where workspace_id = ${workspaceId}) as events,
      (select sum(value)::text from usage_events where workspace_id = ${workspaceId} and meter_id = 'esxi-cu') as usage`.execute(db);
  return rows[0]!;
}

describe('createMeteringDemo', () => {
  it('ends its usage at the instant given and counts its events exactly', () => {
    const demo = createMeteringDemo({ usageDays: 3, resources: 8, until: UNTIL });
    expect(demo.from).toBe('2026-11-18');
    expect(demo.to).toBe('2026-11-21');
    const events = [...demo.eventsByDay()].flat();
    expect(events.length).toBe(demo.eventCount);
    expect(Math.max(...events.map((e) => e.time.getTime()))).toBeLessThan(UNTIL.getTime());
    expect(new Set(events.map((e) => `${e.source}|${e.id}`)).size).toBe(events.length);
  });

  it('uses FOCUS service categories with their own subcategories, and the seed’s CU-priced VM SKU', () => {
    const demo = createMeteringDemo({ resources: 16, until: UNTIL });
    for (const r of demo.resources) expect(SERVICE_SUBCATEGORY_PARENT[r.serviceSubcategory]).toBe(r.serviceCategory);
    expect(demo.prices.find((p) => p.skuId === 'VM20_000000-0000-0000-0000-000000000012')).toMatchObject({
      listUnitPrice: '0.9',
      pricingQuantityDivisor: '30',
      pricingUnit: 'CUs',
    });
  });

  it('refuses sizes out of range', () => {
    expect(() => createMeteringDemo({ usageDays: 0 })).toThrow(RangeError);
    expect(() => createMeteringDemo({ resources: 100_001 })).toThrow(RangeError);
  });
});

describe.each(testEngines())('seedMeteringDemo (%s)', (engine) => {
  const ws = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const database = suiteDatabase(engine, [ws]);
  beforeAll(async () => {
    await seedFlexDemo(database.db, ws, {});
  });

  it('fills the catalog, ingests usage and rates every day into cost records that carry all the usage', async () => {
    const result = await seedMeteringDemo(database.db, ws, { usageDays: 10, resources: 16, until: UNTIL });
    expect(result).toMatchObject({ resources: 16, days: 10 });
    const t = await totals(database.db, ws);
    expect(t.events).toBe(result.events);
    expect(t.records).toBe(result.records);
    expect(t.consumed).toBe(t.usage);
    const days = await database.db.selectFrom('cost_rollups_daily').select('day').distinct().where('workspace_id', '=', ws).orderBy('day').execute();
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-11-${String(11 + i).padStart(2, '0')}`));
    const tied = await database.db
      .selectFrom('metering_resources as r')
      .innerJoin('flex_devices as d', (j) => j.onRef('d.workspace_id', '=', 'r.workspace_id').onRef('d.resource_id', '=', 'r.device_id'))
      .select('r.id')
      .where('r.workspace_id', '=', ws)
      .execute();
    expect(tied.length).toBeGreaterThan(8);
    const run = await database.db.selectFrom('rating_runs').selectAll().where('workspace_id', '=', ws).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ trigger: 'seed', status: 'SUCCEEDED', days_done: 10, days_total: 10 });
  });

  it('prices with the contracted rate and bills the commitment’s shortfall on quiet days', async () => {
    const vm = await database.db
      .selectFrom('cost_records')
      .select(['list_unit_price', 'contracted_unit_price', 'commitment_discount_id'])
      .where('workspace_id', '=', ws)
      .where('x_meter_id', '=', 'esxi-cu')
      .where('commitment_discount_status', '=', 'Used')
      .executeTakeFirstOrThrow();
    expect(vm).toEqual({ list_unit_price: '0.9', contracted_unit_price: '0.85', commitment_discount_id: DEMO_COMMITMENT_ID });
    const shortfalls = await database.db
      .selectFrom('cost_records')
      .select(['resource_id', 'consumed_quantity'])
      .where('workspace_id', '=', ws)
      .where('commitment_discount_status', '=', 'Unused')
      .execute();
    expect(shortfalls.length).toBeGreaterThan(0);
    expect(shortfalls.every((s) => s.resource_id === DEMO_COMMITMENT_ID && s.consumed_quantity === null)).toBe(true);
  });

  it('gives the same data for the same seed and day, and re-seeding replaces instead of adding', async () => {
    const first = await totals(database.db, ws);
    await seedMeteringDemo(database.db, ws, { usageDays: 10, resources: 16, until: UNTIL });
    expect(await totals(database.db, ws)).toEqual(first);
  });

  it('lets the Flex demo be re-seeded while metering data names its billing account', async () => {
    await seedFlexDemo(database.db, ws, { devices: 50 });
    const account = await database.db.selectFrom('billing_accounts').select('name').where('workspace_id', '=', ws).where('id', '=', 'HP-AMS-999-USA-99999').executeTakeFirst();
    expect(account?.name).toBe('Test Company');
    expect((await totals(database.db, ws)).records).toBeGreaterThan(0);
  });
});
