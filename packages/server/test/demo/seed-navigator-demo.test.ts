/** The Navigator demo: a provider's three tenants, their VMware catalogs and 90 rated days, the commitment, safe re-seeding, other workspaces untouched. */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_SUBCATEGORY_PARENT } from '@consumo/focus';
import { seedMeteringDemo, seedNavigatorDemo } from '../../src/demo/index.js';
import { NAVIGATOR_COMMITMENT_ID, NAVIGATOR_PRICES, createNavigatorDemo, navigatorTenantId } from '../../src/demo/navigator.demo.js';
import { isWorkspaceId } from '../../src/platform/tenancy/ids.js';
import { tenantsOf as listTenants } from '../../src/platform/tenancy/workspaces.repository.js';
import type { Db } from '../../src/storage/database.js';
import { suiteDatabase } from '../support/demo-fixtures.js';
import { testEngines } from '../support/test-databases.js';

const UNTIL = new Date('2026-11-20T09:30:00Z');
const PROVIDER = 'c1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER = 'c2b2c3d4e5f60718293a4b5c6d7e8f90';
/** A full seed (3 × 90 days rated) takes a few seconds; room for a busy machine. */
const SEEDING = 120_000;

/** Counts and sums of a workspace's metering tables, to compare before and after. */
async function totals(db: Db, workspaceId: string) {
  const { rows } = await sql<{ records: number; billed: string | null; rollups: number; events: number; resources: number; accounts: number }>`
    select (select count(*)::int from cost_records where workspace_id = ${workspaceId}) as records,
      (select sum(billed_cost)::text from cost_records where workspace_id = ${workspaceId}) as billed,
      (select count(*)::int from cost_rollups_daily where workspace_id = ${workspaceId}) as rollups,
      (select count(*)::int from usage_events where workspace_id = ${workspaceId}) as events,
      (select count(*)::int from metering_resources where workspace_id = ${workspaceId}) as resources,
      (select count(*)::int from billing_accounts where workspace_id = ${workspaceId}) as accounts`.execute(db);
  return rows[0]!;
}

const tenantsOf = (db: Db, parentId: string) =>
  db.selectFrom('workspaces').select(['id', 'name', 'company_name', 'anniversary_billing_date']).where('parent_id', '=', parentId).orderBy('name').execute();

describe('createNavigatorDemo', () => {
  it('derives three tenant ids from the provider’s, the same every time', () => {
    const demo = createNavigatorDemo(PROVIDER, { until: UNTIL, days: 3 });
    expect(demo.map((t) => t.name)).toEqual(['Coke', 'Acme Retail', 'Globex Research']);
    for (const t of demo) expect(isWorkspaceId(t.id)).toBe(true);
    expect(new Set(demo.map((t) => t.id)).size).toBe(3);
    expect(createNavigatorDemo(PROVIDER, { until: UNTIL, days: 3 }).map((t) => t.id)).toEqual(demo.map((t) => t.id));
    expect(navigatorTenantId(OTHER, 'coke')).not.toBe(navigatorTenantId(PROVIDER, 'coke'));
  });

  it('ends its usage at the instant given and counts its events exactly', () => {
    for (const tenant of createNavigatorDemo(PROVIDER, { until: UNTIL, days: 3 })) {
      expect([tenant.usage.from, tenant.usage.to]).toEqual(['2026-11-18', '2026-11-21']);
      const events = [...tenant.usage.eventsByDay()].flat();
      expect(events.length).toBe(tenant.usage.eventCount);
      expect(Math.max(...events.map((e) => e.time.getTime()))).toBeLessThan(UNTIL.getTime());
      expect(new Set(events.map((e) => `${e.source}|${e.id}`)).size).toBe(events.length);
      for (const e of events) expect(e.value).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it('uses VMware services under FOCUS categories with their own subcategories, and VMware-style SKUs', () => {
    const demo = createNavigatorDemo(PROVIDER, { until: UNTIL, days: 1 });
    const services = new Set<string>();
    for (const tenant of demo) {
      const own = new Set(tenant.catalog.resources.map((r) => r.serviceName));
      expect(own.size).toBeGreaterThanOrEqual(2);
      for (const r of tenant.catalog.resources) {
        expect(SERVICE_SUBCATEGORY_PARENT[r.serviceSubcategory!]).toBe(r.serviceCategory);
        services.add(r.serviceName);
      }
    }
    expect([...services].sort()).toEqual([
      'VMware Cloud Director service', 'VMware Cloud on AWS', 'VMware Log Intelligence', 'VMware NSX Advanced Load Balancer',
    ]);
    expect(NAVIGATOR_PRICES.find((p) => p.skuId === 'VMC-AWS-I3-HOST-OD')).toMatchObject({ listUnitPrice: '8.3681', pricingUnit: 'Hours', currency: 'USD' });
  });

  it('gives one tenant an anniversary billing date, eight months back on the 15th, and bills it from that day', () => {
    const dated = createNavigatorDemo(PROVIDER, { until: UNTIL, days: 1 }).filter((t) => t.anniversaryBillingDate !== null);
    expect(dated.map((t) => [t.name, t.anniversaryBillingDate, t.billingAccount.accountingDay])).toEqual([['Globex Research', '2026-03-15', 15]]);
  });

  it('refuses sizes out of range', () => {
    expect(() => createNavigatorDemo(PROVIDER, { days: 0 })).toThrow(RangeError);
    expect(() => createNavigatorDemo(PROVIDER, { days: 3651 })).toThrow(RangeError);
  });
});

describe.each(testEngines())('seedNavigatorDemo (%s)', (engine) => {
  const database = suiteDatabase(engine, [PROVIDER, OTHER]);
  let other: Awaited<ReturnType<typeof totals>>;
  beforeAll(async () => {
    await seedMeteringDemo(database.db, OTHER, { usageDays: 3, resources: 4, until: UNTIL });
    other = await totals(database.db, OTHER);
  });

  it('creates three tenants under the provider, one of them with an anniversary billing date', async () => {
    const result = await seedNavigatorDemo(database.db, PROVIDER, { until: UNTIL });
    expect(result).toMatchObject({ tenants: 3, resources: 10 });
    expect(result.events).toBeGreaterThan(20_000);
    expect(result.records).toBeGreaterThan(0);
    const tenants = await tenantsOf(database.db, PROVIDER);
    expect(tenants.map((t) => [t.name, t.company_name])).toEqual([
      ['Acme Retail', 'Acme Retail Inc.'],
      ['Coke', 'The Coca-Cola Company'],
      ['Globex Research', 'Globex Corporation'],
    ]);
    // Dated when each joined, before its usage: the provider's tenant list reads Coke first.
    const listed = await listTenants(database.db, PROVIDER);
    expect(listed.map((t) => [t.name, t.created_at.toISOString()])).toEqual([
      ['Coke', '2025-09-01T09:00:00.000Z'],
      ['Acme Retail', '2025-12-01T09:00:00.000Z'],
      ['Globex Research', '2026-02-01T09:00:00.000Z'],
    ]);
    expect(tenants.filter((t) => t.anniversary_billing_date !== null).map((t) => [t.name, t.anniversary_billing_date])).toEqual([['Globex Research', '2026-03-15']]);
    const records = await Promise.all(tenants.map(async (t) => (await totals(database.db, t.id)).records));
    expect(records.reduce((a, b) => a + b, 0)).toBe(result.records);
  }, SEEDING);

  it('rates 90 days of at least two VMware services in every tenant, with a billed cost above zero', async () => {
    for (const tenant of await tenantsOf(database.db, PROVIDER)) {
      const services = await database.db
        .selectFrom('cost_rollups_daily')
        .select(['service_name', sql<number>`count(distinct day)::int`.as('days'), sql<string>`min(day)::text`.as('first'), sql<string>`max(day)::text`.as('last')])
        .where('workspace_id', '=', tenant.id)
        .where('service_name', 'like', 'VMware %')
        .groupBy('service_name')
        .execute();
      expect(services.length).toBeGreaterThanOrEqual(2);
      for (const s of services) expect(s).toMatchObject({ days: 90, first: '2026-08-23', last: '2026-11-20' });
      const { billed } = await database.db
        .selectFrom('cost_rollups_daily')
        .select(sql<string>`sum(billed_cost)::text`.as('billed'))
        .where('workspace_id', '=', tenant.id)
        .executeTakeFirstOrThrow();
      expect(billed).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(billed)).toBeGreaterThan(0);
    }
  });

  it('consumes Coke’s commitment on its i3 hosts at the contracted rate, with a shortfall on quiet days', async () => {
    const coke = navigatorTenantId(PROVIDER, 'coke');
    const committed = await database.db
      .selectFrom('cost_records')
      .select(['workspace_id', 'commitment_discount_status', 'sku_id', 'list_unit_price', 'contracted_unit_price'])
      .where('commitment_discount_id', 'is not', null)
      .where('workspace_id', 'in', [coke, navigatorTenantId(PROVIDER, 'acme'), navigatorTenantId(PROVIDER, 'globex')])
      .execute();
    expect(committed.length).toBeGreaterThan(90);
    expect(new Set(committed.map((r) => r.workspace_id))).toEqual(new Set([coke]));
    const used = committed.filter((r) => r.commitment_discount_status === 'Used');
    expect(used.length).toBe(90);
    expect(used[0]).toMatchObject({ sku_id: 'VMC-AWS-I3-HOST-OD', list_unit_price: '8.3681', contracted_unit_price: '5.8577' });
    expect(committed.some((r) => r.commitment_discount_status === 'Unused')).toBe(true);
    const ids = await database.db.selectFrom('cost_records').select('commitment_discount_id').distinct().where('workspace_id', '=', coke).where('commitment_discount_id', 'is not', null).execute();
    expect(ids).toEqual([{ commitment_discount_id: NAVIGATOR_COMMITMENT_ID }]);
  });

  it('starts the anniversary tenant’s billing periods on the 15th', async () => {
    const starts = await database.db
      .selectFrom('cost_records')
      .select(sql<number>`extract(day from billing_period_start at time zone 'UTC')::int`.as('day'))
      .distinct()
      .where('workspace_id', '=', navigatorTenantId(PROVIDER, 'globex'))
      .execute();
    expect(starts).toEqual([{ day: 15 }]);
  });

  it('re-seeds without duplicating tenants or records, and leaves the provider’s and other workspaces’ data alone', async () => {
    const tenants = await tenantsOf(database.db, PROVIDER);
    const before = await Promise.all(tenants.map((t) => totals(database.db, t.id)));
    const again = await seedNavigatorDemo(database.db, PROVIDER, { until: UNTIL });
    expect(again.tenants).toBe(3);
    expect(await tenantsOf(database.db, PROVIDER)).toEqual(tenants);
    expect(await Promise.all(tenants.map((t) => totals(database.db, t.id)))).toEqual(before);
    expect(await totals(database.db, OTHER)).toEqual(other);
    expect(await totals(database.db, PROVIDER)).toMatchObject({ records: 0, events: 0, resources: 0, accounts: 0 });
    const all = await database.db.selectFrom('workspaces').select('id').execute();
    expect(all).toHaveLength(5);
  }, SEEDING);

  it('makes no tenants under a tenant: one level only', async () => {
    const coke = navigatorTenantId(PROVIDER, 'coke');
    expect(await seedNavigatorDemo(database.db, coke, { until: UNTIL, days: 2 })).toEqual({ tenants: 0, resources: 0, events: 0, records: 0 });
    expect(await tenantsOf(database.db, coke)).toEqual([]);
  });
});
