/**
 * Every list endpoint takes its list parameters (select, sort, groupBy) both as one comma list and
 * repeated, as clients generated from HPE's specifications send them (`select=id&select=key`), with
 * the same answer; a parameter that takes one value, given twice, is a 400 that says which form to use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BILLING_ACCOUNT, seedFlexDemo, seedFocusExportsDemo, seedMeteringDemo, seedSubscriptionsDemo } from '../../../src/demo/index.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

interface ListEndpoint {
  /** The OpenAPI path, `{…}` and all. */
  path: string;
  /** The same path with real ids of the demo workspace. */
  url: (ids: DemoIds) => string;
  /** Parameters every call carries (required ones). */
  base?: Record<string, string>;
  /** Each list parameter, in its comma form, with at least two values. */
  lists: Record<string, string>;
  /** A parameter that takes one value, and a value for it. */
  single: [string, string];
  /** Whether the demo workspace has items here (so that equal answers are not two empty pages). */
  hasItems: boolean;
}

interface DemoIds {
  workspaceId: string;
  skuId: string;
  billingAccountId: string;
  contractedSkuId: string;
  exportId: string;
}

/**
 * Parameters the document types as string-or-array that are not comma lists: they take the array
 * only to refuse a repeat by name (a tag key may itself hold commas). Their own tests cover that.
 */
const SINGLE_BUT_REPEATABLE: Readonly<Record<string, readonly string[]>> = {
  '/metering/v1/cost-summary': ['groupByTag'],
};

const ENDPOINTS: ListEndpoint[] = [
  { path: '/flex/v1beta1/orders', url: () => '/flex/v1beta1/orders', lists: { select: 'id,sowId,customerName', sort: 'customerName desc,id' }, single: ['filter', "isFlexPartner eq true"], hasItems: true },
  {
    path: '/flex/v1beta1/orders/transform',
    url: () => '/flex/v1beta1/orders/transform',
    base: { 'group-by': 'partnerName' },
    // The transform sorts by its one group-by field only; the repeated form must still be read as a list.
    lists: { sort: 'partnerName desc' },
    single: ['group-by', 'sowId'],
    hasItems: true,
  },
  { path: '/flex/v1beta1/devices', url: () => '/flex/v1beta1/devices', lists: { select: 'id,resourceId,make', sort: 'make desc,resourceId' }, single: ['filter', "make eq 'HPE'"], hasItems: true },
  { path: '/admin/v1/workspaces', url: () => '/admin/v1/workspaces', lists: {}, single: ['limit', '5'], hasItems: true },
  ...(['v1', 'v1beta1'] as const).map((v) => ({
    path: `/subscriptions/${v}/subscriptions`,
    url: () => `/subscriptions/${v}/subscriptions`,
    lists: { select: 'id,key,endTime', sort: 'endTime desc,key' },
    single: ['filter-tags', "'location' eq 'x'"] as [string, string],
    hasItems: true,
  })),
  { path: '/subscriptions/v1alpha1/subscriptions', url: () => '/subscriptions/v1alpha1/subscriptions', lists: { select: 'id,key', sort: 'key desc,id' }, single: ['filter', "key ne 'x'"], hasItems: true },
  { path: '/subscriptions/v1/auto-subscription-settings', url: () => '/subscriptions/v1/auto-subscription-settings', lists: {}, single: ['offset', '0'], hasItems: true },
  { path: '/subscriptions/v1alpha1/auto-subscription-settings', url: () => '/subscriptions/v1alpha1/auto-subscription-settings', lists: {}, single: ['offset', '0'], hasItems: true },
  { path: '/admin/v1/subscription-keys', url: () => '/admin/v1/subscription-keys', lists: { sort: 'endTime desc,key' }, single: ['filter', 'claimed eq false'], hasItems: true },
  { path: '/metering/v1/billing-accounts', url: () => '/metering/v1/billing-accounts', lists: { select: 'id,name', sort: 'name desc,id' }, single: ['filter', "currency eq 'USD'"], hasItems: true },
  { path: '/metering/v1/resources', url: () => '/metering/v1/resources', lists: { select: 'id,name,serviceName', sort: 'serviceName desc,id' }, single: ['filter', "serviceCategory eq 'Compute'"], hasItems: true },
  { path: '/metering/v1/meters', url: () => '/metering/v1/meters', lists: { select: 'id,eventType', sort: 'eventType desc,id' }, single: ['filter', "aggregation eq 'SUM'"], hasItems: true },
  { path: '/metering/v1/prices', url: () => '/metering/v1/prices', lists: { select: 'skuId,listUnitPrice', sort: 'listUnitPrice desc,skuId' }, single: ['filter', "currency eq 'USD'"], hasItems: true },
  { path: '/metering/v1/prices/{skuId}/versions', url: (ids) => `/metering/v1/prices/${ids.skuId}/versions`, lists: {}, single: ['limit', '5'], hasItems: true },
  {
    path: '/metering/v1/billing-accounts/{id}/contracted-prices',
    url: (ids) => `/metering/v1/billing-accounts/${ids.billingAccountId}/contracted-prices`,
    lists: { select: 'skuId,unitPrice', sort: 'unitPrice desc,skuId' },
    single: ['filter', "skuId ne 'x'"],
    hasItems: true,
  },
  {
    path: '/metering/v1/billing-accounts/{id}/contracted-prices/{skuId}/versions',
    url: (ids) => `/metering/v1/billing-accounts/${ids.billingAccountId}/contracted-prices/${ids.contractedSkuId}/versions`,
    lists: {},
    single: ['limit', '5'],
    hasItems: true,
  },
  { path: '/metering/v1/commitments', url: () => '/metering/v1/commitments', lists: { select: 'id,skuId', sort: 'skuId desc,id' }, single: ['filter', "skuId ne 'x'"], hasItems: true },
  { path: '/metering/v1/rating-runs', url: () => '/metering/v1/rating-runs', lists: {}, single: ['limit', '5'], hasItems: true },
  { path: '/metering/v1/ingest-rejections', url: () => '/metering/v1/ingest-rejections', lists: {}, single: ['limit', '5'], hasItems: false },
  {
    path: '/metering/v1/cost-records',
    url: () => '/metering/v1/cost-records',
    base: { limit: '20' },
    lists: { select: 'ResourceId,SkuId,BilledCost', sort: 'BilledCost desc,ResourceId,ChargePeriodStart' },
    single: ['filter', "ServiceName ne 'x'"],
    hasItems: true,
  },
  {
    path: '/metering/v1/cost-summary',
    url: () => '/metering/v1/cost-summary',
    base: { granularity: 'MONTH', from: '2000-01-01', to: '2100-01-01' },
    lists: { groupBy: 'ServiceName,BillingAccountId,SkuId' },
    single: ['granularity', 'DAY'],
    hasItems: true,
  },
  { path: '/budgets/v1/budgets', url: () => '/budgets/v1/budgets', lists: { select: 'id,accountingYear,costPeriods', sort: 'accountingYear desc,id' }, single: ['filter', "type eq 'COST'"], hasItems: false },
  { path: '/budgets/v1/alerts', url: () => '/budgets/v1/alerts', lists: { select: 'id,accountId,alertType', sort: 'thresholdLevel desc,id' }, single: ['filter', "alertType eq 'STANDARD'"], hasItems: false },
  { path: '/budgets/v1/notification-channels', url: () => '/budgets/v1/notification-channels', lists: { select: 'id,name,kind', sort: 'name desc,id' }, single: ['filter', "kind eq 'EMAIL'"], hasItems: false },
  { path: '/consumption-analytics/v1beta1/focus-exports/{id}/runs', url: (ids) => `/consumption-analytics/v1beta1/focus-exports/${ids.exportId}/runs`, lists: {}, single: ['limit', '5'], hasItems: false },
];

/** `a,b` → `?k=a&k=b` (and the base parameters). */
function query(base: Record<string, string> | undefined, params: [string, string][]): string {
  const search = new URLSearchParams(Object.entries(base ?? {}));
  for (const [k, v] of params) search.append(k, v);
  return `?${search.toString()}`;
}

describe.each(testEngines())('list parameters on %s', (engine) => {
  let t: TestApp;
  let ids: DemoIds;
  const get = async (url: string) => {
    const res = await t.call({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { items?: Record<string, unknown>[] } };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const ws = t.admin.workspaceId;
    await seedFlexDemo(t.db, ws, { devices: 60, orders: 12 });
    await seedSubscriptionsDemo(t.db, ws);
    await seedMeteringDemo(t.db, ws, { usageDays: 3, resources: 6 });
    await seedFocusExportsDemo(t.db, ws);
    const first = async (url: string, key: string) => String((await get(url)).body.items![0]![key]);
    // The demo's contracted price is the test account's.
    const billingAccountId = TEST_BILLING_ACCOUNT.id;
    ids = {
      workspaceId: ws,
      skuId: await first('/metering/v1/prices', 'skuId'),
      billingAccountId,
      contractedSkuId: await first(`/metering/v1/billing-accounts/${billingAccountId}/contracted-prices`, 'skuId'),
      exportId: await first('/consumption-analytics/v1beta1/focus-exports', 'id'),
    };
  }, 120_000);
  afterAll(() => t.close());

  it('covers every list endpoint of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, { get?: { parameters?: { in: string; name: string; schema: { anyOf?: { type: string }[] } }[] } }>;
    };
    const listPaths = Object.entries(doc.paths)
      .filter(([, ops]) =>
        (ops.get?.parameters ?? []).some((p) => p.in === 'query' && (p.name === 'limit' || p.schema.anyOf?.some((s) => s.type === 'array'))),
      )
      .map(([path]) => path);
    expect(listPaths.sort()).toEqual(ENDPOINTS.map((e) => e.path).sort());
    // And each list parameter the document declares is exercised.
    for (const endpoint of ENDPOINTS) {
      const declared = (doc.paths[endpoint.path]!.get!.parameters ?? [])
        .filter((p) => p.in === 'query' && p.schema.anyOf?.some((s) => s.type === 'array'))
        .map((p) => p.name)
        .filter((name) => !SINGLE_BUT_REPEATABLE[endpoint.path]?.includes(name));
      expect(Object.keys(endpoint.lists).sort(), endpoint.path).toEqual(declared.sort());
    }
  });

  describe.each(ENDPOINTS)('$path', (endpoint) => {
    for (const [name, comma] of Object.entries(endpoint.lists)) {
      it(`${name}: repeated means the same as the comma list`, async () => {
        const url = endpoint.url(ids);
        const values = comma.split(',');
        const asComma = await get(url + query(endpoint.base, [[name, comma]]));
        const repeated = await get(url + query(endpoint.base, values.map((v): [string, string] => [name, v])));
        expect(asComma.status, JSON.stringify(asComma.body)).toBe(200);
        expect(repeated.status, JSON.stringify(repeated.body)).toBe(200);
        expect(repeated.body).toEqual(asComma.body);
        if (values.length > 2) {
          // Mixed: the first value alone, the rest as a comma list.
          const mixed = await get(url + query(endpoint.base, [[name, values[0]!], [name, values.slice(1).join(',')]]));
          expect(mixed.body).toEqual(asComma.body);
        }
        const items = repeated.body.items ?? [];
        if (endpoint.hasItems) expect(items.length).toBeGreaterThan(0);
        if (name === 'select') for (const item of items) expect(Object.keys(item).sort()).toEqual([...values].sort());
        if (name === 'groupBy') expect(repeated.body.groupBy).toEqual(values);
        if (name === 'sort') {
          // The list was applied, not dropped: sorting by the first field alone, reversed, changes the first item
          // unless every item shares it.
          const [field, dir] = values[0]!.trim().split(/\s+/);
          const flipped = await get(url + query(endpoint.base, [[name, `${field} ${dir === 'desc' ? 'asc' : 'desc'}`]]));
          expect(flipped.status).toBe(200);
          if (items.length > 1 && new Set(items.map((i) => JSON.stringify(i[field!]))).size > 1) {
            expect(flipped.body.items![0]![field!]).not.toEqual(items[0]![field!]);
          }
        }
      });
    }

    it(`${endpoint.single[0]} given twice is a 400 saying to give it once`, async () => {
      const [name, value] = endpoint.single;
      const res = await get(endpoint.url(ids) + query({ ...endpoint.base, [name]: value }, [[name, value]]));
      expect(res.status).toBe(400);
      const issues = (res.body.errorDetails as { issues: { source: string; subject: string; description: string }[] }[])[0]!.issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ source: 'query.parameter', subject: name });
      expect(issues[0]!.description).toMatch(/^Takes one value but was given 2 times; /);
      if (name.startsWith('filter')) expect(issues[0]!.description).toContain("join the conditions with 'and'");
      else expect(issues[0]!.description).toContain(`give one ${name}=… only`);
    });
  });
});
