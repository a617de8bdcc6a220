/**
 * GET /metering/v1/cost-summary: day and month buckets of the daily rollups, grouped by up to five
 * dimensions and always by currency, with exact decimal sums; the range rules and every 400.
 */
import { describe, expect, it } from 'vitest';
import { costRecord, costRollup, insertCostRecords, insertRollups } from '../../../support/cost-record-fixtures.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';

interface Item {
  periodStart: string;
  periodEnd: string;
  [field: string]: unknown;
}
interface SummaryBody {
  granularity: string;
  groupBy: string[];
  from: string;
  to: string;
  items: Item[];
  count: number;
}

const costs = (value: string | null) => ({ list_cost: value, contracted_cost: value, effective_cost: value, billed_cost: value });
const STORAGE = { service_name: 'Block Storage', service_category: 'Storage', resource_type: 'Disk', sku_id: 'STOR', billing_currency: 'EUR' };

describe.each(testEngines())('GET /metering/v1/cost-summary on %s', (engine) => {
  let t: TestApp;
  let main: string;
  let other: { workspaceId: string; token: string };

  const summary = (params: Record<string, string>, token?: string) =>
    t.call({ method: 'GET', url: withQuery('/metering/v1/cost-summary', params), ...(token !== undefined && { token }) });
  const body = (res: { json(): unknown }) => res.json() as SummaryBody;

  useTestApp(engine, async (app) => {
    t = app;
    main = t.admin.workspaceId;
    other = await t.tenant(['cost-viewer'], 'other');
    await insertRollups(t.db, [
      // Outside [2026-04-01, 2026-06-01) on both sides.
      costRollup(main, { day: '2026-03-31', ...costs('7') }),
      costRollup(main, { day: '2026-06-01', ...costs('1000') }),
      // 2026-04-01: VM in USD on two accounts (one without region or sub account), storage in EUR.
      costRollup(main, {
        list_cost: '0.35312696', contracted_cost: '0.30000000', effective_cost: '0.30000000', billed_cost: '0.30000001',
        consumed_quantity: '11.7708984375', pricing_quantity: '0.392363281250000',
      }),
      costRollup(main, {
        billing_account_id: 'BA-2', sub_account_id: null, region_id: null, ...costs('4.266666666666670'),
        consumed_quantity: '100', pricing_quantity: '4.266666666666670', records: 2,
      }),
      costRollup(main, { ...STORAGE, ...costs('1.5'), consumed_quantity: '500', pricing_quantity: '0.5' }),
      // 2026-04-02: a priced and an unpriced VM rollup of the same dimensions.
      costRollup(main, { day: '2026-04-02', ...costs('0.10000000'), consumed_quantity: '1', pricing_quantity: '0.1' }),
      costRollup(main, { day: '2026-04-02', ...costs(null), consumed_quantity: '3', pricing_quantity: null, records: 2, unpriced_records: 2 }),
      // 2026-04-03: storage whose every cost is unknown.
      costRollup(main, { day: '2026-04-03', ...STORAGE, ...costs(null), consumed_quantity: '10', pricing_quantity: null, unpriced_records: 1 }),
      // May.
      costRollup(main, { day: '2026-05-01', ...costs('10'), consumed_quantity: '2', pricing_quantity: '0.2' }),
      costRollup(main, { day: '2026-05-31', billing_account_id: 'BA-2', ...costs('0.00000001') }),
      // Bucket ends that roll over a year and a leap day.
      costRollup(main, { day: '2026-12-31', ...costs('1') }),
      costRollup(main, { day: '2028-02-29', ...costs('2') }),
    ]);
    await insertRollups(t.db, [costRollup(other.workspaceId, { ...costs('99') })]);
    // Records the rollups do not reflect: the summary must not read them.
    await insertCostRecords(t.db, [costRecord(main, { billed_cost: '1000', list_cost: '1000', resource_id: 'not-rolled-up' })]);
  });

  const APRIL_TO_JUNE = { from: '2026-04-01', to: '2026-06-01' };
  /** The same value for the four costs. */
  const same = (cost: string | null) => [cost, cost, cost, cost];
  /** An expected item: its bucket's first and next day, its group values, the four costs, the two quantities and the record counts. */
  const item = (
    [start, end]: [string, string],
    groups: Record<string, string>,
    [ListCost, ContractedCost, EffectiveCost, BilledCost]: (string | null)[],
    [ConsumedQuantity, PricingQuantity]: (string | null)[],
    [records, unpricedRecords]: [number, number],
  ) => ({
    periodStart: `${start}T00:00:00Z`,
    periodEnd: `${end}T00:00:00Z`,
    ...groups,
    ListCost,
    ContractedCost,
    EffectiveCost,
    BilledCost,
    ConsumedQuantity,
    PricingQuantity,
    records,
    unpricedRecords,
  });

  it('sums by day and currency when nothing is grouped by', async () => {
    const res = await summary(APRIL_TO_JUNE);
    expect(res.statusCode, res.body).toBe(200);
    const b = body(res);
    expect(Object.keys(b)).toEqual(['granularity', 'groupBy', 'from', 'to', 'items', 'count']);
    expect(b).toMatchObject({ granularity: 'DAY', groupBy: [], from: '2026-04-01', to: '2026-06-01', count: 6 });
    expect(b.items).toEqual([
      item(['2026-04-01', '2026-04-02'], { BillingCurrency: 'EUR' }, same('1.5'), ['500', '0.5'], [1, 0]),
      item(['2026-04-01', '2026-04-02'], { BillingCurrency: 'USD' }, ['4.619793626666670', '4.566666666666670', '4.566666666666670', '4.566666676666670'], ['111.7708984375', '4.659029947916670'], [3, 0]),
      item(['2026-04-02', '2026-04-03'], { BillingCurrency: 'USD' }, same('0.10000000'), ['4', '0.1'], [3, 2]),
      item(['2026-04-03', '2026-04-04'], { BillingCurrency: 'EUR' }, same(null), ['10', null], [1, 1]),
      item(['2026-05-01', '2026-05-02'], { BillingCurrency: 'USD' }, same('10'), ['2', '0.2'], [1, 0]),
      item(['2026-05-31', '2026-06-01'], { BillingCurrency: 'USD' }, same('0.00000001'), ['11.7708984375', '0.392363281250000'], [1, 0]),
    ]);
    expect(Object.keys(b.items[0]!)).toEqual([
      'periodStart', 'periodEnd', 'BillingCurrency', 'ListCost', 'ContractedCost', 'EffectiveCost', 'BilledCost', 'ConsumedQuantity',
      'PricingQuantity', 'records', 'unpricedRecords',
    ]);
    // The decimal text travels untouched, not through a JS number.
    expect(res.body).toContain('"ListCost":"4.619793626666670"');
  });

  it('sums by calendar month', async () => {
    const b = body(await summary({ ...APRIL_TO_JUNE, granularity: 'MONTH', groupBy: 'ServiceName' }));
    expect(b).toMatchObject({ granularity: 'MONTH', groupBy: ['ServiceName'], count: 3 });
    expect(b.items).toEqual([
      item(['2026-04-01', '2026-05-01'], { ServiceName: 'Block Storage', BillingCurrency: 'EUR' }, same('1.5'), ['510', '0.5'], [2, 1]),
      item(['2026-04-01', '2026-05-01'], { ServiceName: 'VM', BillingCurrency: 'USD' }, ['4.719793626666670', '4.666666666666670', '4.666666666666670', '4.666666676666670'], ['115.7708984375', '4.759029947916670'], [6, 2]),
      item(['2026-05-01', '2026-06-01'], { ServiceName: 'VM', BillingCurrency: 'USD' }, same('10.00000001'), ['13.7708984375', '0.592363281250000'], [2, 0]),
    ]);
  });

  it('a month only partly inside the range sums only its days inside, under the calendar month bounds', async () => {
    const b = body(await summary({ from: '2026-04-02', to: '2026-05-02', granularity: 'MONTH' }));
    expect(b.items.map((i) => [i.periodStart, i.periodEnd, i.BillingCurrency, i.BilledCost, i.records])).toEqual([
      ['2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', 'EUR', null, 1],
      ['2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', 'USD', '0.10000000', 3],
      ['2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z', 'USD', '10', 1],
    ]);
  });

  it('orders by period, then the group fields in the order asked, then currency; items carry them in a fixed order', async () => {
    const byAccount = body(await summary({ from: '2026-04-01', to: '2026-04-02', groupBy: 'BillingAccountId,ServiceName' }));
    expect(byAccount.groupBy).toEqual(['BillingAccountId', 'ServiceName']);
    expect(byAccount.items.map((i) => [i.BillingAccountId, i.ServiceName, i.BillingCurrency, i.ListCost])).toEqual([
      ['BA-1', 'Block Storage', 'EUR', '1.5'],
      ['BA-1', 'VM', 'USD', '0.35312696'],
      ['BA-2', 'VM', 'USD', '4.266666666666670'],
    ]);
    expect(Object.keys(byAccount.items[0]!).slice(0, 5)).toEqual(['periodStart', 'periodEnd', 'ServiceName', 'BillingAccountId', 'BillingCurrency']);

    const byService = body(await summary({ from: '2026-04-01', to: '2026-04-03', groupBy: 'ServiceName,BillingAccountId' }));
    expect(byService.items.map((i) => [i.periodStart.slice(0, 10), i.ServiceName, i.BillingAccountId, i.BilledCost])).toEqual([
      ['2026-04-01', 'Block Storage', 'BA-1', '1.5'],
      ['2026-04-01', 'VM', 'BA-1', '0.30000001'],
      ['2026-04-01', 'VM', 'BA-2', '4.266666666666670'],
      ['2026-04-02', 'VM', 'BA-1', '0.10000000'],
    ]);
  });

  it('groups a missing value as null, after the values', async () => {
    const b = body(await summary({ from: '2026-04-01', to: '2026-04-02', groupBy: 'RegionId' }));
    expect(b.items.map((i) => [i.RegionId, i.BillingCurrency, i.ListCost])).toEqual([
      ['eu-west', 'EUR', '1.5'],
      ['eu-west', 'USD', '0.35312696'],
      [null, 'USD', '4.266666666666670'],
    ]);
  });

  it('takes five group fields, and BillingCurrency named explicitly once', async () => {
    const five = await summary({ from: '2026-04-01', to: '2026-04-02', groupBy: 'SubAccountId,ResourceType,SkuId,ChargeCategory,ServiceCategory' });
    expect(five.statusCode, five.body).toBe(200);
    expect(body(five).items.map((i) => [i.ServiceCategory, i.SubAccountId, i.ResourceType, i.SkuId, i.ChargeCategory, i.BillingCurrency])).toEqual([
      ['Storage', 'SA-1', 'Disk', 'STOR', 'Usage', 'EUR'],
      ['Compute', 'SA-1', 'Virtual Machine', 'VCPU', 'Usage', 'USD'],
      ['Compute', null, 'Virtual Machine', 'VCPU', 'Usage', 'USD'],
    ]);
    const currency = body(await summary({ ...APRIL_TO_JUNE, groupBy: 'BillingCurrency' }));
    const plain = body(await summary(APRIL_TO_JUNE));
    expect(currency.groupBy).toEqual(['BillingCurrency']);
    expect(currency.items).toEqual(plain.items);
  });

  it('ends a bucket at the next day or month across year ends and leap days', async () => {
    const bounds = async (granularity: string) =>
      body(await summary({ from: '2026-12-01', to: '2028-03-01', granularity })).items.map((i) => [i.periodStart, i.periodEnd]);
    expect(await bounds('DAY')).toEqual([
      ['2026-12-31T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2028-02-29T00:00:00Z', '2028-03-01T00:00:00Z'],
    ]);
    expect(await bounds('MONTH')).toEqual([
      ['2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z'],
    ]);
  });

  it('answers an empty range with no items', async () => {
    expect(body(await summary({ from: '2027-01-01', to: '2027-02-01' }))).toMatchObject({ items: [], count: 0 });
  });

  it("reads only the caller's workspace", async () => {
    const b = body(await summary({ from: '2026-04-01', to: '2026-04-02' }, other.token));
    expect(b.items).toEqual([
      expect.objectContaining({ periodStart: '2026-04-01T00:00:00Z', BillingCurrency: 'USD', BilledCost: '99', records: 1 }),
    ]);
  });

  it(`allows 732 days by DAY, and any range by MONTH`, async () => {
    expect((await summary({ from: '2026-01-01', to: '2028-01-03' })).statusCode).toBe(200);
    expect((await summary({ from: '2020-01-01', to: '2030-01-01', granularity: 'MONTH' })).statusCode).toBe(200);
  });

  it('sums only what `filter` holds for, over any dimension, a null one included', async () => {
    const vm = body(await summary({ ...APRIL_TO_JUNE, granularity: 'MONTH', filter: "ServiceName eq 'VM' and BillingAccountId in ('BA-2', 'BA-3')" }));
    expect(vm.items.map((i) => [i.periodStart, i.BillingCurrency, i.BilledCost, i.records])).toEqual([
      ['2026-04-01T00:00:00Z', 'USD', '4.266666666666670', 2],
      ['2026-05-01T00:00:00Z', 'USD', '0.00000001', 1],
    ]);
    const noRegion = body(await summary({ from: '2026-04-01', to: '2026-04-02', groupBy: 'ServiceName', filter: 'RegionId eq null' }));
    expect(noRegion.items.map((i) => [i.ServiceName, i.ListCost])).toEqual([['VM', '4.266666666666670']]);
    // `ne` is true for a null dimension (two-valued logic, as in the list APIs).
    const notEuWest = body(await summary({ from: '2026-04-01', to: '2026-04-02', filter: "RegionId ne 'eu-west'" }));
    expect(notEuWest.items.map((i) => [i.BillingCurrency, i.ListCost])).toEqual([['USD', '4.266666666666670']]);
    expect(body(await summary({ ...APRIL_TO_JUNE, filter: "ServiceName eq 'VM' and ServiceCategory eq 'Storage'" })).items).toEqual([]);
  });

  it('a filter never reaches another workspace', async () => {
    const b = body(await summary({ from: '2026-04-01', to: '2026-04-02', filter: "ServiceName eq 'VM' or ServiceName ne 'VM'" }, other.token));
    expect(b.items.map((i) => i.BilledCost)).toEqual(['99']);
  });

  it.each([
    ["Tags eq 'x'", "unknown field 'Tags'"],
    ["ServiceName eq 'VM' and", ''],
    ['ServiceName gt 5', ''],
  ])('refuses the filter %j with a 400 naming `filter`', async (filter, description) => {
    const res = await summary({ ...APRIL_TO_JUNE, filter });
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
    expect(issuesOf(res).map((i) => i.subject)).toEqual(['filter']);
    expect(issuesOf(res)[0]!.description).toContain(description);
  });

  describe('400s, each naming its parameter', () => {
    it.each([
      [{ to: '2026-05-01' }, ['from'], 'Required parameter is missing'],
      [{}, ['from', 'to'], 'Required parameter is missing'],
      [{ from: '2026-02-30', to: '2026-05-01' }, ['from'], "got '2026-02-30'"],
      [{ from: '2026-4-01', to: '2026-05-01' }, ['from'], 'ISO date (YYYY-MM-DD)'],
      [{ from: '2026-04-01T00:00:00Z', to: '2026-05-01' }, ['from'], 'ISO date'],
      [{ from: '0000-01-01', to: '2026-05-01' }, ['from'], 'ISO date'],
      [{ from: '2026-04-01', to: '2026-13-01' }, ['to'], 'ISO date'],
      [{ from: '2025-02-29', to: 'tomorrow' }, ['from', 'to'], 'ISO date'],
      [{ from: '2026-04-01', to: '2026-04-01' }, ['to'], 'Must be after from'],
      [{ from: '2026-04-02', to: '2026-04-01' }, ['to'], 'Must be after from'],
      [{ from: '2026-01-01', to: '2028-01-04' }, ['to'], 'at most 732 days'],
      [{ ...APRIL_TO_JUNE, granularity: 'WEEK' }, ['granularity'], 'Must be one of: DAY, MONTH'],
      [{ ...APRIL_TO_JUNE, granularity: 'day' }, ['granularity'], 'Must be one of: DAY, MONTH'],
      [{ ...APRIL_TO_JUNE, groupBy: 'Foo' }, ['groupBy'], "Cannot group by 'Foo'"],
      [{ ...APRIL_TO_JUNE, groupBy: 'Tags' }, ['groupBy'], "Cannot group by 'Tags'"],
      [{ ...APRIL_TO_JUNE, groupBy: 'serviceName' }, ['groupBy'], 'groupable fields: ServiceName'],
      [{ ...APRIL_TO_JUNE, groupBy: 'ServiceName,ServiceName' }, ['groupBy'], 'appears twice'],
      [{ ...APRIL_TO_JUNE, groupBy: 'ServiceName,' }, ['groupBy'], 'comma-separated'],
      [{ ...APRIL_TO_JUNE, groupBy: '' }, ['groupBy'], 'comma-separated'],
      [
        { ...APRIL_TO_JUNE, groupBy: 'ServiceName,ServiceCategory,BillingAccountId,SubAccountId,RegionId,SkuId' },
        ['groupBy'],
        'At most 5 fields, got 6',
      ],
    ])('%j', async (params, subjects, description) => {
      const res = await summary(params as Record<string, string>);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
      expect(issuesOf(res).map((i) => i.subject)).toEqual(subjects);
      expect(issuesOf(res).every((i) => i.source === 'query.parameter')).toBe(true);
      expect(issuesOf(res)[0]!.description).toContain(description);
    });
  });

  it('is a 403 without metering.costs.view', async () => {
    const ingester = await t.tenant(['metering-ingester'], 'ingester');
    const res = await summary(APRIL_TO_JUNE, ingester.token);
    expect(res.statusCode).toBe(403);
    expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_FORBIDDEN');
  });
});
