/**
 * GET /metering/v1/cost-records: FOCUS items (column order, decimal strings, date/times, JSON),
 * filter over string, decimal, timestamp and uuid columns, filter-tags, sort, select, paging,
 * workspace isolation and the permission.
 */
import { describe, expect, it } from 'vitest';
import { FOCUS_1_2_COLUMNS } from '@consumo/focus';
import { COST_RECORD_COLUMNS } from '../../../../src/modules/cost-records/index.js';
import { costRecord, insertCostRecords } from '../../../support/cost-record-fixtures.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const RUN_ID = '0f1e2d3c-4b5a-4697-8877-665544332211';

/** Nulls every price and cost column, as rating writes a line it found no price for. */
const unpriced = {
  billed_cost: null, contracted_cost: null, effective_cost: null, list_cost: null, contracted_unit_price: null, list_unit_price: null,
  pricing_currency_contracted_unit_price: null, pricing_currency_effective_cost: null, pricing_currency_list_unit_price: null,
  pricing_quantity: null, pricing_unit: null, sku_price_id: null, charge_description: null, pricing_category: null,
  x_rating_status: 'NO_PRICE', x_price_effective_from: null, sku_price_details: null,
};

interface Item {
  [column: string]: unknown;
}
interface ListBody {
  items: Item[];
  count: number;
  offset: number;
  total: number;
}

describe.each(testEngines())('GET /metering/v1/cost-records on %s', (engine) => {
  let t: TestApp;
  let main: string;
  let other: { workspaceId: string; token: string };

  /** Short names of the six records of the main workspace, stored in their InvoiceId. */
  const R = {
    vm1Mem: 'R2', vm1Cpu: 'R1', vm2Cpu: 'R3', disk: 'R4', vm1NoPrice: 'R5', may: 'R6',
  } as const;

  const url = (params: Record<string, string | number> = {}) => withQuery('/metering/v1/cost-records', params);
  const list = (params: Record<string, string | number> = {}, token?: string) =>
    t.call({ method: 'GET', url: url(params), ...(token !== undefined && { token }) });
  const body = (res: { json(): unknown }) => res.json() as ListBody;
  /** The short names of a page's records, in page order. */
  const names = (res: { json(): unknown }) => body(res).items.map((i) => i.InvoiceId);
  /** A 400 whose first issue names the query parameter and says what is wrong with it. */
  const expectRefused = (res: Awaited<ReturnType<typeof list>>, subject: string, description: string) => {
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)[0]).toMatchObject({ source: 'query.parameter', subject });
    expect(issuesOf(res)[0]!.description).toContain(description);
  };
  /** One test per case: the value of the query parameter is such a 400. */
  const itRefuses = (parameter: 'sort' | 'select', cases: [value: string, description: string][]) =>
    it.each(cases)(`%j is a 400 naming ${parameter}`, async (value, description) => {
      expectRefused(await list({ [parameter]: value }), parameter, description);
    });

  useTestApp(engine, async (app) => {
    t = app;
    main = t.admin.workspaceId;
    other = await t.tenant(['cost-viewer'], 'other');
    // InvoiceId is used as a label: each record's short name, so orders and matches read plainly.
    await insertCostRecords(t.db, [
      costRecord(main, { invoice_id: R.vm1Cpu, x_rating_run_id: RUN_ID }),
      costRecord(main, {
        invoice_id: R.vm1Mem, sku_id: 'MEM', sku_price_id: 'MEM@2026-01-01', billed_cost: '1.60000000', list_cost: '1.60000000',
        contracted_cost: '1.60000000', effective_cost: '1.60000000', pricing_quantity: '4.266666666666670', consumed_unit: 'GiB-Hours',
        tags: { env: 'prod', Team: 'Memory' },
      }),
      costRecord(main, { invoice_id: R.vm2Cpu, resource_id: 'vm-2', resource_name: 'vm-2', region_id: 'us-east', billed_cost: '2.5', tags: { env: 'dev' } }),
      costRecord(main, {
        invoice_id: R.disk, charge_period_start: day('2026-04-02'), resource_id: 'disk-1', resource_name: 'disk-1', resource_type: 'Disk',
        service_name: 'Block Storage', service_category: 'Storage', service_subcategory: 'Block Storage', sku_id: 'STOR',
        sku_price_id: 'STOR@2026-01-01', billed_cost: '1.5', tags: null, sub_account_id: null, sub_account_name: null, sub_account_type: null,
      }),
      costRecord(main, { invoice_id: R.vm1NoPrice, charge_period_start: day('2026-04-02'), ...unpriced, line_key: 'cpu-hours' }),
      costRecord(main, {
        invoice_id: R.may, charge_period_start: day('2026-05-01'), billing_period_start: day('2026-05-01'), billing_period_end: day('2026-06-01'),
        billed_cost: '10', x_rated_at: new Date('2026-05-02T00:00:00.999Z'),
      }),
    ]);
    await insertCostRecords(t.db, [costRecord(other.workspaceId, { invoice_id: 'OTHER', billed_cost: '99' })]);
  });

  /** The default order: ChargePeriodStart, ResourceId, SkuPriceId (nulls last). */
  const ORDER = [R.vm1Mem, R.vm1Cpu, R.vm2Cpu, R.disk, R.vm1NoPrice, R.may];
  const only = (...keys: string[]) => ORDER.filter((k) => keys.includes(k));
  const except = (...keys: string[]) => ORDER.filter((k) => !keys.includes(k));

  describe('items', () => {
    it('lists the workspace records in the default order, in the page envelope', async () => {
      const res = await list();
      expect(res.statusCode).toBe(200);
      expect(Object.keys(body(res))).toEqual(['items', 'count', 'offset', 'total']);
      expect(body(res)).toMatchObject({ count: 6, offset: 0, total: 6 });
      expect(names(res)).toEqual(ORDER);
    });

    it('keys each item by FOCUS column name, in FOCUS 1.2 order followed by the x_ columns', async () => {
      const item = body(await list({ limit: 1 })).items[0]!;
      const focus = FOCUS_1_2_COLUMNS.map((c) => c.name);
      expect(Object.keys(item)).toEqual([...focus, 'x_MeterId', 'x_RatingStatus', 'x_PriceEffectiveFrom', 'x_RatedAt', 'x_RatingRunId']);
      expect(Object.keys(item)).toEqual(COST_RECORD_COLUMNS.map((c) => c.name));
    });

    it('writes decimals as stored, date/times in FOCUS form, JSON as objects and missing values as null', async () => {
      const item = body(await list({ filter: `InvoiceId eq '${R.vm1Cpu}'` })).items[0]!;
      expect(item).toEqual({
        AvailabilityZone: 'zone-a',
        BilledCost: '0.35312696',
        BillingAccountId: 'BA-1',
        BillingAccountName: 'Acme Corp',
        BillingAccountType: 'Billing Account',
        BillingCurrency: 'USD',
        BillingPeriodEnd: '2026-05-01T00:00:00Z',
        BillingPeriodStart: '2026-04-01T00:00:00Z',
        CapacityReservationId: null,
        CapacityReservationStatus: null,
        ChargeCategory: 'Usage',
        ChargeClass: null,
        ChargeDescription: '0.9 vCPU-hours vm-1',
        ChargeFrequency: 'Usage-Based',
        ChargePeriodEnd: '2026-04-02T00:00:00Z',
        ChargePeriodStart: '2026-04-01T00:00:00Z',
        CommitmentDiscountCategory: null,
        CommitmentDiscountId: null,
        CommitmentDiscountName: null,
        CommitmentDiscountQuantity: null,
        CommitmentDiscountStatus: null,
        CommitmentDiscountType: null,
        CommitmentDiscountUnit: null,
        ConsumedQuantity: '11.7708984375',
        ConsumedUnit: 'vCPU-Hours',
        ContractedCost: '0.35312696',
        ContractedUnitPrice: '0.9',
        EffectiveCost: '0.35312696',
        InvoiceId: R.vm1Cpu,
        InvoiceIssuerName: 'HPE',
        ListCost: '0.35312696',
        ListUnitPrice: '0.9',
        PricingCategory: 'Standard',
        PricingCurrency: 'USD',
        PricingCurrencyContractedUnitPrice: '0.9',
        PricingCurrencyEffectiveCost: '0.35312696',
        PricingCurrencyListUnitPrice: '0.9',
        PricingQuantity: '0.392363281250000',
        PricingUnit: 'vCPU-Hours',
        ProviderName: 'HPE',
        PublisherName: 'HPE',
        RegionId: 'eu-west',
        RegionName: 'Europe West',
        ResourceId: 'vm-1',
        ResourceName: 'vm-1',
        ResourceType: 'Virtual Machine',
        ServiceCategory: 'Compute',
        ServiceName: 'VM',
        ServiceSubcategory: 'Virtual Machines',
        SkuId: 'VCPU',
        SkuMeter: 'cpu-hours',
        SkuPriceDetails: { CoreCount: 4 },
        SkuPriceId: 'VCPU@2026-01-01',
        SubAccountId: 'SA-1',
        SubAccountName: 'Project One',
        SubAccountType: 'Sub Account',
        Tags: { env: 'prod', team: 'core' },
        x_MeterId: 'cpu-hours',
        x_RatingStatus: 'PRICED',
        x_PriceEffectiveFrom: '2026-01-01T00:00:00Z',
        x_RatedAt: '2026-04-02T03:04:05Z',
        x_RatingRunId: RUN_ID,
      });
    });

    it('keeps every digit and trailing zero of a decimal, as a string', async () => {
      const item = body(await list({ filter: `InvoiceId eq '${R.vm1Mem}'` })).items[0]!;
      expect(item.PricingQuantity).toBe('4.266666666666670');
      expect(item.BilledCost).toBe('1.60000000');
      const raw = (await list({ filter: `InvoiceId eq '${R.vm1Mem}'`, select: 'PricingQuantity,BilledCost' })).body;
      expect(raw).toContain('"PricingQuantity":"4.266666666666670"');
      expect(raw).toContain('"BilledCost":"1.60000000"');
    });

    it('drops the milliseconds of a date/time instead of rounding', async () => {
      const item = body(await list({ filter: `InvoiceId eq '${R.may}'` })).items[0]!;
      expect(item.x_RatedAt).toBe('2026-05-02T00:00:00Z');
      expect(item.ChargePeriodStart).toBe('2026-05-01T00:00:00Z');
    });

    it('writes an unpriced line with null prices and costs and null JSON', async () => {
      const item = body(await list({ filter: "x_RatingStatus eq 'NO_PRICE'" })).items[0]!;
      expect(item).toMatchObject({ InvoiceId: R.vm1NoPrice, BilledCost: null, ListUnitPrice: null, SkuPriceId: null, SkuPriceDetails: null });
      expect(item.ConsumedQuantity).toBe('11.7708984375');
    });
  });

  describe('filter', () => {
    const cases: [string, string[]][] = [
      // strings
      ["ServiceName eq 'VM'", except(R.disk)],
      ["ServiceName ne 'VM'", only(R.disk)],
      ["ServiceCategory in ('Storage', 'Databases')", only(R.disk)],
      ["ResourceId eq 'vm-1' and SkuId eq 'VCPU'", only(R.vm1Cpu, R.vm1NoPrice, R.may)],
      ['SubAccountId eq null', only(R.disk)],
      ["SkuPriceId ne 'VCPU@2026-01-01'", only(R.vm1Mem, R.disk, R.vm1NoPrice)],
      ["x_RatingStatus eq 'NO_PRICE'", only(R.vm1NoPrice)],
      // decimals compare as numbers: 10 > 2.5 > 1.6 > 1.5 > 0.35312696, and null never compares
      ['BilledCost gt 1.5', only(R.vm1Mem, R.vm2Cpu, R.may)],
      ['BilledCost ge 1.5', only(R.vm1Mem, R.vm2Cpu, R.disk, R.may)],
      ['BilledCost lt 1.6', only(R.vm1Cpu, R.disk)],
      ['BilledCost le 1.6', only(R.vm1Mem, R.vm1Cpu, R.disk)],
      ['BilledCost eq 1.6', only(R.vm1Mem)],
      ['BilledCost eq 0.353126960', only(R.vm1Cpu)],
      ["BilledCost gt '9.99'", only(R.may)],
      ['BilledCost eq null', only(R.vm1NoPrice)],
      ['not BilledCost gt 1', only(R.vm1Cpu, R.vm1NoPrice)],
      ['PricingQuantity eq 4.26666666666667', only(R.vm1Mem)],
      // timestamps
      ["ChargePeriodStart ge '2026-04-02T00:00:00Z'", only(R.disk, R.vm1NoPrice, R.may)],
      ['ChargePeriodStart lt 2026-04-02T00:00:00Z', only(R.vm1Mem, R.vm1Cpu, R.vm2Cpu)],
      ["ChargePeriodStart eq '2026-04-02T02:00:00+02:00'", only(R.disk, R.vm1NoPrice)],
      ['BillingPeriodStart eq 2026-05-01T00:00:00Z', only(R.may)],
      ['x_PriceEffectiveFrom eq null', only(R.vm1NoPrice)],
      ['x_RatedAt gt 2026-05-02T00:00:00.5Z', only(R.may)],
      // uuid
      [`x_RatingRunId eq '${RUN_ID.toUpperCase()}'`, only(R.vm1Cpu)],
      ['x_RatingRunId ne null', only(R.vm1Cpu)],
      // the brief's example
      ["ServiceName eq 'VM' and BilledCost gt 1.5 and ChargePeriodStart ge '2026-04-01T00:00:00Z'", only(R.vm1Mem, R.vm2Cpu, R.may)],
      ["ServiceName eq 'Block Storage' or BilledCost gt 5", only(R.disk, R.may)],
    ];
    it.each(cases)('%s', async (filter, expected) => {
      const res = await list({ filter });
      expect(res.statusCode, res.body).toBe(200);
      expect(names(res)).toEqual(expected);
      expect(body(res).total).toBe(expected.length);
    });

    it.each([
      ["ServiceName eq 'VM", 'unterminated string'],
      ["ServiceName eq 'VM' and", 'expected a property name'],
      ["serviceName eq 'VM'", "unknown field 'serviceName'"],
      ["Tags eq 'x'", "unknown field 'Tags'"],
      ["SkuPriceDetails eq 'x'", "unknown field 'SkuPriceDetails'"],
      ["BilledCost gt 'lots'", "field 'BilledCost' takes a number"],
      ['BilledCost gt 1e3', 'at position'],
      ["ChargePeriodStart ge '2026-04-01'", "field 'ChargePeriodStart' takes an RFC 3339 timestamp"],
      ["ServiceName gt 'VM'", "operator 'gt' does not apply to the string field 'ServiceName'"],
      ["x_RatingRunId eq 'not-a-uuid'", "field 'x_RatingRunId' takes a quoted UUID"],
    ])('%j is a 400 naming filter', async (filter, description) => {
      const res = await list({ filter });
      expectRefused(res, 'filter', description);
      expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
      expect(issuesOf(res)).toHaveLength(1);
    });
  });

  describe('filter-tags', () => {
    it.each([
      ["'env' eq 'prod'", except(R.vm2Cpu, R.disk)],
      ["'ENV' eq 'PROD'", except(R.vm2Cpu, R.disk)],
      ["'env' ne 'prod'", only(R.vm2Cpu)],
      ["'team' eq 'memory'", only(R.vm1Mem)],
      ["'env' in ('dev', 'test')", only(R.vm2Cpu)],
      ["'team' in keys", except(R.vm2Cpu, R.disk)],
      ["not 'env' in keys", only(R.disk)],
    ])('%s', async (filterTags, expected) => {
      const res = await list({ 'filter-tags': filterTags });
      expect(res.statusCode, res.body).toBe(200);
      expect(names(res)).toEqual(expected);
    });

    it('combines with filter', async () => {
      expect(names(await list({ 'filter-tags': "'env' eq 'prod'", filter: 'BilledCost gt 1' }))).toEqual(only(R.vm1Mem, R.may));
    });

    it('is a 400 naming filter-tags when malformed', async () => {
      const res = await list({ 'filter-tags': "'env' gt 'prod'" });
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)[0]).toMatchObject({ source: 'query.parameter', subject: 'filter-tags' });
    });
  });

  describe('sort', () => {
    it.each([
      ['ChargePeriodStart desc', [R.may, R.disk, R.vm1NoPrice, R.vm1Mem, R.vm1Cpu, R.vm2Cpu]],
      // PostgreSQL puts nulls last ascending and first descending.
      ['ServiceName asc, BilledCost desc', [R.disk, R.vm1NoPrice, R.may, R.vm2Cpu, R.vm1Mem, R.vm1Cpu]],
      ['BilledCost', [R.vm1Cpu, R.disk, R.vm1Mem, R.vm2Cpu, R.may, R.vm1NoPrice]],
      ['ResourceId desc, ChargePeriodStart desc', [R.vm2Cpu, R.may, R.vm1NoPrice, R.vm1Mem, R.vm1Cpu, R.disk]],
      ['SkuId, ResourceId', [R.vm1Mem, R.disk, R.vm1Cpu, R.vm1NoPrice, R.may, R.vm2Cpu]],
    ])('%s', async (sort, expected) => {
      const res = await list({ sort });
      expect(res.statusCode, res.body).toBe(200);
      expect(names(res)).toEqual(expected);
    });

    it('breaks ties on the primary key, so paging one by one reads every record once', async () => {
      for (const sort of ['ServiceName', 'BillingCurrency desc', 'ChargeCategory']) {
        const whole = names(await list({ sort }));
        const paged: unknown[] = [];
        for (let offset = 0; offset < 6; offset++) paged.push(...names(await list({ sort, limit: 1, offset })));
        expect(paged).toEqual(whole);
        expect(new Set(paged).size).toBe(6);
      }
    });

    itRefuses('sort', [
      ['serviceName', "Cannot sort by 'serviceName'"],
      ['Tags', "Cannot sort by 'Tags'"],
      ['BilledCost up', 'Direction must be asc or desc'],
      ['BilledCost, BilledCost desc', "Field 'BilledCost' appears twice"],
      ['', 'Must name at least one field'],
    ]);
  });

  describe('select', () => {
    it('returns only the selected columns, in FOCUS order whatever order they were named in', async () => {
      const res = await list({ select: 'ResourceId, BilledCost,ChargePeriodStart,x_RatedAt', limit: 2 });
      expect(res.statusCode).toBe(200);
      expect(body(res).items).toEqual([
        { BilledCost: '1.60000000', ChargePeriodStart: '2026-04-01T00:00:00Z', ResourceId: 'vm-1', x_RatedAt: '2026-04-02T03:04:05Z' },
        { BilledCost: '0.35312696', ChargePeriodStart: '2026-04-01T00:00:00Z', ResourceId: 'vm-1', x_RatedAt: '2026-04-02T03:04:05Z' },
      ]);
      expect(Object.keys(body(res).items[0]!)).toEqual(['BilledCost', 'ChargePeriodStart', 'ResourceId', 'x_RatedAt']);
    });

    it('selects JSON columns, keeps nulls, and works with filter and sort on unselected columns', async () => {
      const res = await list({ select: 'Tags,SkuPriceDetails', filter: "ServiceName eq 'Block Storage' or BilledCost eq null", sort: 'BilledCost' });
      expect(body(res).items).toEqual([
        { SkuPriceDetails: { CoreCount: 4 }, Tags: null },
        { SkuPriceDetails: null, Tags: { env: 'prod', team: 'core' } },
      ]);
    });

    itRefuses('select', [
      ['billedCost', "Unknown field 'billedCost'"],
      ['BilledCost,', 'Must be a comma-separated list'],
      ['workspace_id', "Unknown field 'workspace_id'"],
    ]);
  });

  describe('paging', () => {
    it('limit and offset pick a page; total counts every match', async () => {
      const res = await list({ limit: 2, offset: 1 });
      expect(body(res)).toMatchObject({ count: 2, offset: 1, total: 6 });
      expect(names(res)).toEqual(ORDER.slice(1, 3));
      expect(body(await list({ limit: 2, offset: 5 }))).toMatchObject({ count: 1, offset: 5, total: 6 });
      expect(body(await list({ offset: 6 }))).toEqual({ items: [], count: 0, offset: 6, total: 6 });
    });

    it('limit=0 answers the total alone', async () => {
      expect(body(await list({ limit: 0, filter: "ServiceName eq 'VM'" }))).toEqual({ items: [], count: 0, offset: 0, total: 5 });
    });

    it('total counts matches after the filter, not the page', async () => {
      expect(body(await list({ limit: 1, filter: 'BilledCost ge 1.5' }))).toMatchObject({ count: 1, total: 4 });
    });

    it.each([
      [{ limit: 1001 }, 'limit'],
      [{ limit: -1 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ offset: '1.5' }, 'offset'],
    ])('%j is a 400 naming the parameter', async (params, subject) => {
      const res = await list(params);
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res).map((i) => i.subject)).toEqual([subject]);
    });

    it('limit=1000 is allowed', async () => {
      expect((await list({ limit: 1000 })).statusCode).toBe(200);
    });
  });

  describe('workspaces and permissions', () => {
    it("never shows another workspace's records", async () => {
      expect(body(await list({ filter: 'BilledCost eq 99' }))).toMatchObject({ total: 0 });
      const res = await list({}, other.token);
      expect(res.statusCode).toBe(200);
      expect(body(res)).toMatchObject({ count: 1, total: 1 });
      expect(body(res).items[0]).toMatchObject({ InvoiceId: 'OTHER', BilledCost: '99' });
      expect(body(await list({ filter: "InvoiceId eq 'R1'" }, other.token)).total).toBe(0);
    });

    it('is a 403 without metering.costs.view', async () => {
      const ingester = await t.tenant(['metering-ingester'], 'ingester');
      const res = await list({}, ingester.token);
      expect(res.statusCode).toBe(403);
      expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_FORBIDDEN');
    });

    it('is a 401 without a token', async () => {
      expect((await t.call({ method: 'GET', url: url(), token: null })).statusCode).toBe(401);
    });
  });
});
