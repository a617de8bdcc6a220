/**
 * The services usage report, its file and subscriptions against real rated usage of a provider's
 * tenants: shapes and key order as the vendor's example, epoch seconds and milliseconds, rounding to
 * billing periods (calendar and anniversary), the six-period rule, the refusals, and every amount and
 * quantity against the cost records it sums, in exact decimal.
 */
import { Decimal as DecimalJs } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { LOGS, type Org, VMC, addCatalog, addOrg, addUsage } from '../../support/navigator-fixtures.js';
import { CSV_HEADER } from '../../../src/modules/navigator/billing/usage-report-csv.js';
import { serviceDefIdOf } from '../../../src/modules/navigator/billing/navigator-ids.js';
import { usageReportFile, usageReportJson } from '../../../src/modules/navigator/billing/billing.service.js';
import { type OrgPeriod, type ReportFigures, reportFigures } from '../../../src/modules/navigator/billing/usage-report.repository.js';
import { rollupPieces } from '../../../src/modules/navigator/billing/period-rollups.js';

const Decimal = DecimalJs.clone({ precision: 60 });
const dashed = (id: string) => `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** What the tests read at [0]: an empty array there fails the test at the property read. */
type NonEmpty<T> = [T, ...T[]];

interface SkuJson {
  skuName: string;
  billableUsageTimestamp: number;
  price: string;
  usageQuantity: string;
  commitQuantity: string;
  billableQuantity: string;
  [key: string]: unknown;
}
interface SubscriptionJson {
  skuData: { skus: NonEmpty<SkuJson>; pageSize: number };
  subscriptionStartTime: number;
  anniversaryBillingTime: number;
  [key: string]: unknown;
}
interface ServiceJson {
  serviceName: string;
  serviceUsageAmount: string;
  serviceBillableUsageAmount: string;
  subscriptions: NonEmpty<SubscriptionJson>;
  [key: string]: unknown;
}
interface OrgJson {
  orgId: string;
  orgName: string;
  services: NonEmpty<ServiceJson>;
  orgUsageAmount: string;
  orgBillableUsageAmount: string;
  [key: string]: unknown;
}

/** The body with every decimal number turned into a string, so amounts are compared exactly. */
function exact(body: string): NonEmpty<OrgJson> {
  return JSON.parse(body.replace(/([:[,])(-?\d+\.\d+)(?=[,}\]])/g, '$1"$2"')) as NonEmpty<OrgJson>;
}

interface RecordSums { list: string; billed: string; usage: string; billable: string; }

async function recordSums(t: TestApp, workspaceId: string, from: Date, to: Date, by: 'service' | 'sku'): Promise<Map<string, RecordSums>> {
  const group = by === 'service' ? sql`service_name` : sql`service_name || '|' || coalesce(sku_id, '')`;
  const { rows } = await sql<{ k: string; list: string; billed: string; usage: string | null; billable: string | null }>`
    select ${group} as k, coalesce(sum(list_cost), 0)::text as list, coalesce(sum(billed_cost), 0)::text as billed,
      coalesce(sum(pricing_quantity) filter (where resource_type is distinct from 'Commitment'), 0)::text as usage,
      coalesce(sum(pricing_quantity), 0)::text as billable
    from cost_records where workspace_id = ${workspaceId} and charge_period_start >= ${from} and charge_period_start < ${to}
    group by 1`.execute(t.db);
  return new Map(rows.map((r) => [r.k, { list: r.list, billed: r.billed, usage: r.usage ?? '0', billable: r.billable ?? '0' }]));
}

const same = (a: DecimalJs.Value, b: DecimalJs.Value) => new Decimal(a).eq(new Decimal(b));

describe.each(testEngines())('Navigator usage report on %s', (engine) => {
  let t: TestApp;
  let provider: Org;
  let a: Org; // calendar months, a commitment
  let b: Org; // anniversary date on the 15th
  let c: Org; // no service at all
  let today: Date;
  const days: Date[] = [];

  useTestApp(engine, async (app) => {
    t = app;
    const now = new Date(t.now());
    today = utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    for (let i = 75; i >= 1; i--) days.push(new Date(today.getTime() - i * 86_400_000));
    provider = await addOrg(t, 'Provider', { roles: ['provider-administrator', 'provider-operations-administrator', 'provider-billing-user', 'customer-administrator'] });
    a = await addOrg(t, 'Coke', { parentId: provider.workspaceId, roles: ['customer-administrator', 'customer-billing-user', 'customer-user', 'provider-administrator'] });
    b = await addOrg(t, 'Acme', { parentId: provider.workspaceId, abd: '2025-03-15', roles: ['customer-administrator'] });
    c = await addOrg(t, 'Empty', { parentId: provider.workspaceId, roles: ['customer-administrator'] });
    await addCatalog(t, a.workspaceId, { commitHours: '30' });
    await addCatalog(t, b.workspaceId);
    await addUsage(t, a, days);
    await addUsage(t, b, days);
    // 75 days of history through ingest: a backfill, so the event-time window is widened as an operator would (ADR 0012).
  }, { timeout: 120_000, config: { eventMaxAgeDays: 100 } });

  const report = (org: Org, role: string, orgId: string, query: string, header: 'csp' | 'bearer' = 'csp') =>
    t.app.inject({
      method: 'GET',
      url: `/cphub/api/billing/v1/orgs/${orgId}/usage-report?${query}`,
      headers: header === 'csp' ? { 'csp-auth-token': org.tokens[role]! } : { authorization: `Bearer ${org.tokens[role]!}` },
    });

  const monthStart = (offset: number) => utc(today.getUTCFullYear(), today.getUTCMonth() + offset, 1);

  it('answers the documented shape, keys in the vendor example\'s order, for one tenant over the last full month', async () => {
    const res = await report(provider, 'provider-administrator', dashed(provider.workspaceId), `startTime=${seconds(monthStart(-1)) + 86_400 * 12}&endTime=${seconds(monthStart(0)) + 60_000}&tenantId=${dashed(a.workspaceId)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = exact(res.body);
    expect(body).toHaveLength(1);
    const org = body[0];
    expect(Object.keys(org)).toEqual(['createTimestamp', 'updateTimestamp', 'orgId', 'orgName', 'services', 'orgUsageAmount', 'orgBillableUsageAmount']);
    expect(org.orgId).toBe(dashed(a.workspaceId));
    expect(org.orgName).toBe('Coke');
    expect(org.services.map((s) => s.serviceName)).toEqual([VMC, LOGS]);
    const service = org.services[0];
    expect(Object.keys(service)).toEqual(['serviceDefId', 'serviceName', 'serviceDescription', 'serviceUsageAmount', 'serviceBillableUsageAmount', 'subscriptions']);
    expect(service.serviceDefId).toBe(serviceDefIdOf(VMC));
    const subscription = service.subscriptions[0];
    expect(Object.keys(subscription)).toEqual(['sid', 'subscriptionUuid', 'skuData', 'subscriptionStartTime', 'subscriptionEndTime', 'anniversaryBillingTime', 'status', 'subscriptionType']);
    expect(subscription).toMatchObject({ subscriptionEndTime: 0, anniversaryBillingTime: 0, status: 'ACTIVE', subscriptionType: 'ON_DEMAND' });
    expect(subscription.subscriptionStartTime).toBeLessThanOrEqual(days[0]!.getTime());
    expect(Object.keys(subscription.skuData)).toEqual(['skus', 'pageSize']);
    expect(subscription.skuData.pageSize).toBe(subscription.skuData.skus.length);
    const sku = subscription.skuData.skus[0];
    expect(Object.keys(sku)).toEqual([
      'skuName', 'skuDescription', 'crossReferenceSku', 'geo', 'regionCode', 'currency', 'paymentType', 'unitPrice', 'productFamily', 'customerSegment',
      'dataCenter', 'billableUsageTimestamp', 'usageQuantity', 'commitQuantity', 'billableQuantity', 'price',
    ]);
    expect(sku).toMatchObject({ skuName: 'VMC-AWS-I3-HOST-OD', skuDescription: 'VMC on AWS i3 host, on demand', dataCenter: 'eu-central-1,us-west-2', currency: 'USD', unitPrice: '8.3681', productFamily: 'Compute', billableUsageTimestamp: monthStart(-1).getTime() });
    // Amounts are JSON numbers with at least one decimal place (the vendor's 0.0).
    expect(res.body).toMatch(/"orgUsageAmount":-?\d+\.\d+,/);
  });

  it('sums every amount and quantity exactly from the cost records, per service and per SKU, with the Flex capacity rule', async () => {
    const from = monthStart(-2);
    const to = monthStart(0);
    const res = await report(a, 'customer-administrator', dashed(a.workspaceId), `startTime=${seconds(from)}&endTime=${seconds(to)}`);
    expect(res.statusCode).toBe(200);
    const [org] = exact(res.body);
    let orgList = new Decimal(0);
    let orgBilled = new Decimal(0);
    for (const service of org.services) {
      const bySku = new Map<string, { list: DecimalJs; billed: DecimalJs; usage: DecimalJs; billable: DecimalJs }>();
      for (let p = 0; p < 2; p++) {
        const start = monthStart(-2 + p);
        const end = monthStart(-1 + p);
        const expected = await recordSums(t, a.workspaceId, start, end, 'sku');
        const lines = service.subscriptions[0].skuData.skus.filter((s) => s.billableUsageTimestamp === start.getTime());
        for (const line of lines) {
          const sums = expected.get(`${service.serviceName}|${line.skuName}`)!;
          expect(same(line.price, sums.billed)).toBe(true);
          expect(same(line.usageQuantity, sums.usage)).toBe(true);
          expect(same(line.billableQuantity, sums.billable)).toBe(true);
          if (line.skuName === 'VMC-AWS-I3-HOST-OD') {
            const ratedDays = days.filter((d) => d >= start && d < end).length;
            expect(same(line.commitQuantity, 30 * ratedDays)).toBe(true);
            // Billable is Σ max(usage, 30) a day: never below the commitment, above usage where a day fell short.
            expect(new Decimal(line.billableQuantity).gte(line.commitQuantity)).toBe(true);
            expect(new Decimal(line.billableQuantity).gt(line.usageQuantity)).toBe(true);
          } else {
            expect(same(line.commitQuantity, 0)).toBe(true);
          }
          const seen = bySku.get(line.skuName) ?? { list: new Decimal(0), billed: new Decimal(0), usage: new Decimal(0), billable: new Decimal(0) };
          bySku.set(line.skuName, { ...seen, billed: seen.billed.plus(line.price) });
        }
      }
      const serviceSums = await recordSums(t, a.workspaceId, from, to, 'service');
      expect(same(service.serviceUsageAmount, serviceSums.get(service.serviceName)!.list)).toBe(true);
      expect(same(service.serviceBillableUsageAmount, serviceSums.get(service.serviceName)!.billed)).toBe(true);
      orgList = orgList.plus(service.serviceUsageAmount);
      orgBilled = orgBilled.plus(service.serviceBillableUsageAmount);
    }
    expect(orgBilled.gt(0)).toBe(true);
    expect(same(org.orgUsageAmount, orgList)).toBe(true);
    expect(same(org.orgBillableUsageAmount, orgBilled)).toBe(true);
  });

  it('reads epoch seconds and milliseconds alike, and rounds both ends down to their billing periods', async () => {
    const start = new Date(monthStart(-2).getTime() + 9 * 86_400_000 + 12_345_000);
    const end = new Date(monthStart(-1).getTime() + 16 * 86_400_000);
    const inSeconds = await report(a, 'customer-administrator', a.workspaceId, `startTime=${seconds(start)}&endTime=${seconds(end)}`);
    const inMs = await report(a, 'customer-administrator', a.workspaceId, `startTime=${start.getTime()}&endTime=${end.getTime()}`);
    expect(inSeconds.statusCode).toBe(200);
    expect(inMs.body).toBe(inSeconds.body);
    const timestamps = new Set<number>();
    for (const s of exact(inMs.body)[0].services) for (const sku of s.subscriptions[0].skuData.skus) timestamps.add(sku.billableUsageTimestamp);
    // The mid-month end rounds down to its month's start and ends the range there: one month.
    expect([...timestamps]).toEqual([monthStart(-2).getTime()]);
  });

  it('only startTime runs through the current period', async () => {
    const res = await report(a, 'customer-administrator', a.workspaceId, `startTime=${seconds(monthStart(-2))}`);
    expect(res.statusCode).toBe(200);
    const timestamps = new Set<number>();
    for (const s of exact(res.body)[0].services) for (const sku of s.subscriptions[0].skuData.skus) timestamps.add(sku.billableUsageTimestamp);
    expect([...timestamps].sort()).toEqual([monthStart(-2), monthStart(-1), monthStart(0)].map((d) => d.getTime()));
  });

  it('bills a tenant with an anniversary date in periods starting on its day, unless abd=false', async () => {
    const start = utc(today.getUTCFullYear(), today.getUTCMonth() - 2, 20);
    const res = await report(provider, 'provider-billing-user', provider.workspaceId, `startTime=${seconds(start)}&tenantId=${b.workspaceId}`);
    expect(res.statusCode).toBe(200);
    const [org] = exact(res.body);
    expect(org.services[0].subscriptions[0].anniversaryBillingTime).toBe(Date.parse('2025-03-15T00:00:00Z'));
    const timestamps = new Set<number>();
    for (const s of org.services) for (const sku of s.subscriptions[0].skuData.skus) timestamps.add(sku.billableUsageTimestamp);
    const first = utc(today.getUTCFullYear(), today.getUTCMonth() - 2, 15);
    expect([...timestamps].sort()[0]).toBe(first.getTime());
    for (const ts of timestamps) expect(new Date(ts).getUTCDate()).toBe(15);
    // The period 15th → 15th sums exactly what its days cost.
    const next = utc(today.getUTCFullYear(), today.getUTCMonth() - 1, 15);
    const sums = await recordSums(t, b.workspaceId, first, next, 'service');
    const lines = org.services[0].subscriptions[0].skuData.skus.filter((s) => s.billableUsageTimestamp === first.getTime());
    const billed = lines.reduce((sum: DecimalJs, l) => sum.plus(l.price), new Decimal(0));
    expect(same(billed, sums.get(VMC)!.billed)).toBe(true);

    const calendar = await report(provider, 'provider-billing-user', provider.workspaceId, `startTime=${seconds(start)}&tenantId=${b.workspaceId}&abd=false`);
    const calendarStamps = new Set<number>();
    for (const s of exact(calendar.body)[0].services) for (const sku of s.subscriptions[0].skuData.skus) calendarStamps.add(sku.billableUsageTimestamp);
    for (const ts of calendarStamps) expect(new Date(ts).getUTCDate()).toBe(1);
  });

  it('covers every tenant of a provider without tenantId, the provider alone with providerReport=true, and the summary without SKUs', async () => {
    const all = await report(provider, 'provider-administrator', provider.workspaceId, `startTime=${seconds(monthStart(-1))}`);
    expect(all.statusCode).toBe(200);
    expect(exact(all.body).map((o) => o.orgName)).toEqual(['Coke', 'Acme', 'Empty']);
    expect(exact(all.body)[2]).toMatchObject({ services: [], orgUsageAmount: '0.0', orgBillableUsageAmount: '0.0' });
    const summary = exact((await report(provider, 'provider-administrator', provider.workspaceId, `startTime=${seconds(monthStart(-1))}&detailView=true`)).body);
    expect(summary[0].services[0].subscriptions[0].skuData).toEqual({ skus: [], pageSize: 0 });
    expect(summary[0].services[0].serviceUsageAmount).toBe(exact(all.body)[0].services[0].serviceUsageAmount);
    const own = await report(provider, 'provider-administrator', provider.workspaceId, `startTime=${seconds(monthStart(-1))}&providerReport=true&tenantId=${a.workspaceId}`);
    // The provider itself has no service: Navigator's refusal, in the CSP shape.
    expect(own.statusCode).toBe(400);
    expect(own.json()).toMatchObject({ statusCode: 400, errorCode: 'no_active_service' });
  });

  it('answers each tenant in an all-tenants report over six periods (the periods as arrays) exactly as its own report (as a list)', async () => {
    const query = `startTime=${seconds(monthStart(-5))}`;
    const all = await report(provider, 'provider-administrator', provider.workspaceId, query);
    expect(all.statusCode).toBe(200);
    const orgs = JSON.parse(all.body) as unknown[];
    // 3 tenants × 6 periods: more than the statement lists, so they went as arrays.
    expect(orgs).toHaveLength(3);
    for (const [i, tenant] of [a, b].entries()) {
      const own = await report(provider, 'provider-administrator', provider.workspaceId, `${query}&tenantId=${tenant.workspaceId}`);
      expect(own.statusCode).toBe(200);
      expect(exact(all.body)[i]).toEqual(exact(own.body)[0]);
      expect(exact(own.body)[0].services[0].subscriptions[0].skuData.skus.length).toBeGreaterThan(0);
    }
  });

  it('reads one organization and its figures in one statement, answering exactly as the general path does', async () => {
    const statements: string[] = [];
    const counted = t.db.withPlugin({
      transformQuery: ({ node }) => { statements.push(node.kind); return node; },
      transformResult: async ({ result }) => result,
    });
    const call = (orgId: string, query: Record<string, string>) => ({ callerWorkspaceId: provider.workspaceId, orgId, query, nowMs: t.now() });
    const startTime = String(seconds(monthStart(-5)));
    for (const abd of [{}, { abd: 'false' }] as Record<string, string>[]) {
      // The general path: every tenant, organizations and figures read apart.
      const all = exact(await usageReportJson(t.db, call(provider.workspaceId, { startTime, ...abd })));
      for (const [i, tenant] of [a, b].entries()) {
        statements.length = 0;
        const own = exact(await usageReportJson(counted, call(dashed(provider.workspaceId), { startTime, tenantId: tenant.workspaceId, ...abd })));
        expect(statements).toHaveLength(1);
        expect(own).toEqual([all[i]]);
      }
    }
    // The anniversary tenant's periods start on the 15th, the other's on the 1st, by one statement's choice.
    const stamps = (orgs: OrgJson[]) => new Set(orgs.flatMap((o) => o.services.flatMap((s) => s.subscriptions[0].skuData.skus.map((k) => new Date(k.billableUsageTimestamp).getUTCDate()))));
    expect(stamps(exact(await usageReportJson(t.db, call(provider.workspaceId, { startTime, tenantId: b.workspaceId }))))).toEqual(new Set([15]));
    expect(stamps(exact(await usageReportJson(t.db, call(provider.workspaceId, { startTime, tenantId: a.workspaceId }))))).toEqual(new Set([1]));
    // A tenant's own organization, and its provider's alone, in one statement too.
    statements.length = 0;
    const self = await usageReportJson(counted, { callerWorkspaceId: a.workspaceId, orgId: a.workspaceId, query: { startTime, providerReport: 'true' }, nowMs: t.now() });
    expect(statements).toHaveLength(1);
    expect(exact(self)[0].orgName).toBe('Coke');
  });

  it('reads whole months from the monthly rollups and the rest from the daily ones, with exactly the daily rollups\' figures', async () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const months = (ws: string) => Array.from({ length: 6 }, (_, i): OrgPeriod => ({ workspaceId: ws, period: i, start: day(monthStart(-5 + i)), end: day(monthStart(-4 + i)) }));
    const anniversary = (ws: string) => Array.from({ length: 3 }, (_, i): OrgPeriod => ({
      workspaceId: ws, period: i, start: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 3 + i, 15)), end: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 2 + i, 15)),
    }));
    // One period from the 20th over two whole months to the 10th: months and days in one period.
    const mixed = (ws: string): OrgPeriod[] => [{ workspaceId: ws, period: 0, start: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 3, 20)), end: day(utc(today.getUTCFullYear(), today.getUTCMonth(), 10)) }];
    // Periods read as months less their days outside them (ADR 0020 point 29): from the 5th, within one month, and to the 28th.
    const complements = (ws: string): OrgPeriod[] => [
      { workspaceId: ws, period: 0, start: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 2, 5)), end: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 1, 5)) },
      { workspaceId: ws, period: 1, start: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 1, 3)), end: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 1, 27)) },
      { workspaceId: ws, period: 2, start: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 2, 28)), end: day(utc(today.getUTCFullYear(), today.getUTCMonth() - 1, 28)) },
    ];
    const sorted = (f: ReportFigures) => ({
      lines: [...f.lines].sort((x, y) => `${x.workspace_id}|${x.period}|${x.service_name}|${x.sku_id}`.localeCompare(`${y.workspace_id}|${y.period}|${y.service_name}|${y.sku_id}`)),
      services: [...f.services].sort((x, y) => `${x.workspace_id}|${x.service_name}`.localeCompare(`${y.workspace_id}|${y.service_name}`)),
    });
    const scopes: [string[], OrgPeriod[]][] = [
      // Every tenant over six calendar months: more than the statement lists, so the pieces go as arrays.
      [[a.workspaceId, b.workspaceId, c.workspaceId], [a, b, c].flatMap((o) => months(o.workspaceId))],
      [[a.workspaceId], months(a.workspaceId)],
      [[b.workspaceId], anniversary(b.workspaceId)],
      [[a.workspaceId], mixed(a.workspaceId)],
      [[a.workspaceId, b.workspaceId], [...anniversary(a.workspaceId), ...mixed(b.workspaceId)]],
      [[a.workspaceId], complements(a.workspaceId)],
      [[a.workspaceId, b.workspaceId, c.workspaceId], [a, b, c].flatMap((o) => [...complements(o.workspaceId), ...months(o.workspaceId).map((m) => ({ ...m, period: m.period + 3 }))])],
    ];
    // Each of those periods has a monthly piece that starts or ends inside its month.
    expect(rollupPieces(complements(a.workspaceId)).filter((p) => p.monthly && !(p.start.endsWith('-01') && p.end.endsWith('-01')))).toHaveLength(3);
    // Rows only on days a monthly piece takes away (the 1st and the 28th of last month), in a region and a category of their
    // own, kept in the monthly rollups as rating keeps them: they must not show in those periods, not even as a zero or a region.
    const cols = sql.raw('billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id, charge_category, billing_currency, records, list_cost, contracted_cost, effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records');
    const outside = [1, 28].map((d) => day(utc(today.getUTCFullYear(), today.getUTCMonth() - 1, d)));
    for (const d of outside) {
      await sql`insert into cost_rollups_daily (workspace_id, day, ${cols})
        select workspace_id, ${d}::date, billing_account_id, sub_account_id, service_name, 'AAA outside', ${`zz-outside-${d}`}, resource_type, sku_id,
          charge_category, billing_currency, records, list_cost, contracted_cost, effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records
        from cost_rollups_daily where workspace_id = ${a.workspaceId} and sku_id = 'LINT-GB-INGEST' limit 1`.execute(t.db);
      await sql`insert into cost_rollups_monthly (workspace_id, month, ${cols})
        select workspace_id, ${`${d.slice(0, 7)}-01`}::date, ${cols} from cost_rollups_daily where workspace_id = ${a.workspaceId} and region_id = ${`zz-outside-${d}`}`.execute(t.db);
    }
    try {
      for (const [ids, periods] of scopes) {
        const planned = await reportFigures(t.db, ids, periods);
        const daily = await reportFigures(t.db, ids, periods, 'daily');
        expect(planned.lines.length).toBeGreaterThan(0);
        expect(sorted(planned)).toEqual(sorted(daily));
      }
      // Shown in the periods holding their day, and only there: the 1st in the first and the last complement, the 28th in none.
      const regionsOf = async (periods: OrgPeriod[]) => (await reportFigures(t.db, [a.workspaceId], periods)).lines
        .flatMap((l) => l.regions.split(',').filter((r) => r.startsWith('zz-outside')).map((r) => `${l.period} ${r.slice(11)}`)).sort();
      expect(await regionsOf(complements(a.workspaceId))).toEqual([`0 ${outside[0]}`, `2 ${outside[0]}`]);
      expect(await regionsOf(months(a.workspaceId))).toEqual([`4 ${outside[0]}`, `4 ${outside[1]}`]);
    } finally {
      await sql`delete from cost_rollups_daily where workspace_id = ${a.workspaceId} and region_id like 'zz-outside-%'`.execute(t.db);
      await sql`delete from cost_rollups_monthly where workspace_id = ${a.workspaceId} and region_id like 'zz-outside-%'`.execute(t.db);
    }
    // The whole months are the monthly rollups' rows: a change there (and there only) shows in the planned figures.
    const month = day(monthStart(-2));
    const { numUpdatedRows } = await t.db.updateTable('cost_rollups_monthly').set((eb) => ({ billed_cost: sql`${eb.ref('billed_cost')} + 1` }))
      .where('workspace_id', '=', a.workspaceId).where('month', '=', month).where('sku_id', '=', 'LINT-GB-INGEST').executeTakeFirstOrThrow();
    try {
      expect(Number(numUpdatedRows)).toBeGreaterThan(0);
      const periods = months(a.workspaceId);
      const [planned, daily] = [await reportFigures(t.db, [a.workspaceId], periods), await reportFigures(t.db, [a.workspaceId], periods, 'daily')];
      for (const line of planned.lines) {
        const other = daily.lines.find((l) => l.period === line.period && l.sku_id === line.sku_id)!;
        const bumped = line.period === 3 && line.sku_id === 'LINT-GB-INGEST';
        expect(new Decimal(line.billed_cost!).minus(other.billed_cost!).toNumber(), `${line.period} ${line.sku_id}`).toBe(bumped ? Number(numUpdatedRows) : 0);
      }
    } finally {
      await t.db.updateTable('cost_rollups_monthly').set((eb) => ({ billed_cost: sql`${eb.ref('billed_cost')} - 1` }))
        .where('workspace_id', '=', a.workspaceId).where('month', '=', month).where('sku_id', '=', 'LINT-GB-INGEST').execute();
    }
  });

  it('refuses one organization whose own calendar covers more than six periods, where calendar months would not', async () => {
    // 10th of six months ago → 20th of this month: six calendar months, but seven periods from the 15th.
    const query = `startTime=${seconds(utc(today.getUTCFullYear(), today.getUTCMonth() - 6, 10))}&endTime=${seconds(utc(today.getUTCFullYear(), today.getUTCMonth(), 20))}`;
    const calendar = await report(provider, 'provider-administrator', provider.workspaceId, `${query}&tenantId=${a.workspaceId}`);
    expect(calendar.statusCode).toBe(200);
    const anniversary = await report(provider, 'provider-administrator', provider.workspaceId, `${query}&tenantId=${b.workspaceId}`);
    expect(anniversary.statusCode).toBe(400);
    expect(anniversary.json()).toMatchObject({ errorCode: 'range_too_long' });
    expect(anniversary.json().message).toContain(dashed(b.workspaceId));
    // Calendar months for it too: six periods again.
    expect((await report(provider, 'provider-administrator', provider.workspaceId, `${query}&tenantId=${b.workspaceId}&abd=false`)).statusCode).toBe(200);
  });

  it('filters by service definition id', async () => {
    const res = await report(a, 'customer-administrator', a.workspaceId, `startTime=${seconds(monthStart(-1))}&serviceIds=${serviceDefIdOf(LOGS)}`);
    expect(res.statusCode).toBe(200);
    expect(exact(res.body)[0].services.map((s) => s.serviceName)).toEqual([LOGS]);
  });

  it.each([
    ['more than six periods', (q: { s: number }) => `startTime=${q.s - 86_400 * 31 * 7}`, 'range_too_long'],
    ['an end before the start', (q: { s: number }) => `startTime=${q.s}&endTime=${q.s - 1}`, 'invalid_request'],
    ['no startTime', () => 'endTime=1538411969', 'invalid_request'],
    ['a start in the future', (q: { s: number }) => `startTime=${q.s + 86_400 * 40}`, 'invalid_request'],
    ['a startTime that is not a number', () => 'startTime=yesterday', 'invalid_request'],
    ['a startTime past year 9999', () => 'startTime=9999999999999999', 'invalid_request'],
    ['an unknown service', (q: { s: number }) => `startTime=${q.s}&serviceIds=${serviceDefIdOf('No such service')}`, 'unknown_service'],
    ['a service id that is not a UUID', (q: { s: number }) => `startTime=${q.s}&serviceIds=abc`, 'invalid_request'],
    ['a bad boolean', (q: { s: number }) => `startTime=${q.s}&detailView=yes`, 'invalid_request'],
    ['a repeated startTime', (q: { s: number }) => `startTime=${q.s}&startTime=${q.s}`, 'invalid_request'],
    ['an unknown tenant', (q: { s: number }) => `startTime=${q.s}&tenantId=00000000-0000-0000-0000-000000000000`, 'unknown_tenant'],
    ['a tenantId that is not an id', (q: { s: number }) => `startTime=${q.s}&tenantId=%00`, 'invalid_request'],
  ])('refuses %s with a CSP 400', async (_name, query, errorCode) => {
    const res = await report(provider, 'provider-administrator', provider.workspaceId, query({ s: seconds(monthStart(-1)) }));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['statusCode', 'errorCode', 'message', 'requestId', 'cspErrorCode', 'moduleCode']);
    expect(body).toMatchObject({ statusCode: 400, errorCode });
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('refuses a tenant without an active service', async () => {
    const res = await report(c, 'customer-administrator', c.workspaceId, `startTime=${seconds(monthStart(-1))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errorCode: 'no_active_service' });
  });

  it('keeps tenants apart: a tenant never reads its provider or a sibling (404), nor names a sibling as tenant (400)', async () => {
    const q = `startTime=${seconds(monthStart(-1))}`;
    for (const target of [provider.workspaceId, b.workspaceId, '0123456789abcdef0123456789abcdef']) {
      for (const path of ['usage-report', 'usage-report/file', 'subscriptions']) {
        const res = await t.app.inject({ method: 'GET', url: `/cphub/api/billing/v1/orgs/${dashed(target)}/${path}?${q}`, headers: { 'csp-auth-token': a.tokens['provider-administrator']! } });
        expect(res.statusCode, `${path} of ${target}`).toBe(404);
        expect(res.json()).toMatchObject({ statusCode: 404, errorCode: 'not_found' });
      }
    }
    const sibling = await report(a, 'customer-administrator', a.workspaceId, `${q}&tenantId=${b.workspaceId}`);
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json()).toMatchObject({ errorCode: 'unknown_tenant' });
    expect(sibling.body).not.toContain('Acme');
    // The provider reads a tenant through the tenant's own org id as well.
    const direct = await report(provider, 'provider-administrator', b.workspaceId, q);
    expect(direct.statusCode).toBe(200);
    expect(exact(direct.body)[0].orgName).toBe('Acme');
  });

  it('answers the file as CSV with the documented header and quoting, one line per SKU per period, all tenants without tenantId', async () => {
    const q = `startTime=${seconds(monthStart(-2))}&endTime=${seconds(monthStart(0))}`;
    const res = await t.app.inject({ method: 'GET', url: `/cphub/api/billing/v1/orgs/${dashed(provider.workspaceId)}/usage-report/file?${q}`, headers: { 'csp-auth-token': provider.tokens['provider-billing-user']! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="usage-report-[0-9a-f]{32}-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('"Org Id","Org Name","Org Status","Tag","Service Id","Service Name","Subscription Id","Sku Name","Sku Description","Datacenter","Billable Usage Timestamp","Price ()","Usage Qty","Commit Qty","Billable Qty","Product Family","Customer Segment","Cross Reference Sku"');
    expect(CSV_HEADER).toHaveLength(18);
    const json = exact((await report(provider, 'provider-administrator', provider.workspaceId, q)).body);
    const skuCount = json.reduce((n: number, o) => n + o.services.reduce((m: number, s) => m + s.subscriptions[0].skuData.skus.length, 0), 0);
    expect(lines.length - 1).toBe(skuCount);
    const orgsInFile = new Set(lines.slice(1).map((l) => l.split('","')[1]));
    expect(orgsInFile).toEqual(new Set(['Coke', 'Acme']));
    // The file's prices sum to the JSON's billable amounts.
    const filePrice = lines.slice(1).reduce((sum, l) => sum.plus(l.split('","')[11]!), new Decimal(0));
    const jsonBilled = json.reduce((sum: DecimalJs, o) => sum.plus(o.orgBillableUsageAmount), new Decimal(0));
    expect(filePrice.eq(jsonBilled)).toBe(true);
    for (const l of lines) expect(l).toMatch(/^"([^"]|"")*"(,"([^"]|"")*"){17}$/);
  });

  it('writes the same file batch by batch as in one statement, and refuses a bad call before the first byte either way', async () => {
    const call = (query: Record<string, string>) => ({ callerWorkspaceId: provider.workspaceId, orgId: provider.workspaceId, query, nowMs: t.now() });
    const read = async (file: Awaited<ReturnType<typeof usageReportFile>>) => {
      let text = '';
      for await (const chunk of file.chunks) text += chunk;
      return text;
    };
    const query = { startTime: String(seconds(monthStart(-2))) };
    const whole = await read(await usageReportFile(t.db, call(query)));
    const batched = await read(await usageReportFile(t.db, call(query), 1));
    expect(whole.split('\r\n').length).toBeGreaterThan(3);
    expect(batched).toBe(whole);
    for (const size of [undefined, 1]) {
      await expect(usageReportFile(t.db, call({ ...query, serviceIds: serviceDefIdOf('No Such Service') }), size)).rejects.toMatchObject({ errorCode: 'unknown_service' });
    }
  });

  it('quotes a name with quotes and commas in the file', async () => {
    await t.db.updateTable('workspaces').set({ name: 'Coke, "Classic"' }).where('id', '=', a.workspaceId).execute();
    try {
      const res = await t.app.inject({ method: 'GET', url: `/cphub/api/billing/v1/orgs/${a.workspaceId}/usage-report/file?startTime=${seconds(monthStart(-1))}`, headers: { 'csp-auth-token': a.tokens['customer-billing-user']! } });
      expect(res.statusCode).toBe(200);
      expect(res.body.split('\r\n')[1]).toContain(`"${dashed(a.workspaceId)}","Coke, ""Classic""","ACTIVE"`);
    } finally {
      await t.db.updateTable('workspaces').set({ name: 'Coke' }).where('id', '=', a.workspaceId).execute();
    }
  });

  it('lists subscriptions in the same shape with their SKUs, for a tenant, all tenants, or the provider', async () => {
    const url = (q: string) => `/cphub/api/billing/v1/orgs/${provider.workspaceId}/subscriptions?${q}`;
    const one = await t.app.inject({ method: 'GET', url: url(`tenantId=${a.workspaceId}`), headers: { 'csp-auth-token': provider.tokens['provider-operations-administrator']! } });
    expect(one.statusCode).toBe(200);
    const [org] = exact(one.body);
    expect(org.orgName).toBe('Coke');
    const sub = org.services[0].subscriptions[0];
    expect(sub).toMatchObject({ status: 'ACTIVE', subscriptionType: 'ON_DEMAND' });
    expect(sub.skuData.skus.length).toBeGreaterThan(0);
    expect(Object.keys(sub.skuData.skus[0])).toEqual(['skuName', 'skuDescription', 'crossReferenceSku', 'geo', 'regionCode', 'currency', 'paymentType', 'unitPrice', 'productFamily', 'customerSegment']);
    const all = await t.app.inject({ method: 'GET', url: url('allTenants=true'), headers: { 'csp-auth-token': provider.tokens['provider-administrator']! } });
    expect(exact(all.body).map((o) => o.orgName)).toEqual(['Coke', 'Acme', 'Empty']);
    const own = await t.app.inject({ method: 'GET', url: url(''), headers: { 'csp-auth-token': provider.tokens['provider-administrator']! } });
    expect(own.statusCode).toBe(400);
    expect(own.json()).toMatchObject({ errorCode: 'no_active_service' });
  });

  it('accepts the organization id in either form, any case, and a bearer token as well as csp-auth-token', async () => {
    const q = `startTime=${seconds(monthStart(-1))}`;
    const forms = [a.workspaceId, dashed(a.workspaceId), dashed(a.workspaceId).toUpperCase()];
    const bodies = await Promise.all(forms.map(async (id) => (await report(a, 'customer-administrator', id, q)).body));
    expect(new Set(bodies).size).toBe(1);
    expect((await report(a, 'customer-administrator', a.workspaceId, q, 'bearer')).body).toBe(bodies[0]);
    expect((await report(a, 'customer-administrator', 'not-an-org', q)).statusCode).toBe(404);
  });

  it('never answers 5xx to a hostile query', async () => {
    const hostile = ['startTime=%00', 'startTime=1e20', 'startTime=-5', `startTime=${'9'.repeat(400)}`, 'tenantId[]=x&startTime=1', 'serviceIds=' + ',a'.repeat(500), 'startTime=1&endTime=1&abd=%FF'];
    for (const q of hostile) {
      const res = await report(provider, 'provider-administrator', provider.workspaceId, q);
      expect(res.statusCode, q).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, q).toBeLessThan(500);
      expect(res.json(), q).toHaveProperty('errorCode');
    }
  });
});
