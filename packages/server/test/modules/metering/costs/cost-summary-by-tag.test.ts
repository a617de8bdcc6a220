/**
 * cost-summary grouped by a tag key (groupByTag) and GET /metering/v1/cost-tag-keys: both read the
 * tag rollups that rating's rollup rebuild writes from the cost records. The values and the untagged
 * remainder add up exactly to the ungrouped total; filter combines; any key text; 400s; isolation.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../../../src/modules/metering/rating/rating.repository.js';
import { type CostRecordFields, costRecord, insertCostRecords } from '../../../support/cost-record-fixtures.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';

interface Item {
  periodStart: string;
  BillingCurrency: string;
  TagValue?: string | null;
  records: number;
  unpricedRecords: number;
  [field: string]: unknown;
}
interface SummaryBody {
  groupBy: string[];
  groupByTag?: string;
  items: Item[];
  count: number;
}

const MEASURES = ['ListCost', 'ContractedCost', 'EffectiveCost', 'BilledCost', 'ConsumedQuantity', 'PricingQuantity'] as const;
const COST_KEY = 'cost center:id';
const ODD_KEY = 'a.b/c d';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
/** A rated record of `cost` (all four costs) on `day`, with `tags`. */
const rated = (workspaceId: string, resourceId: string, day: string, cost: string, tags: Record<string, unknown> | null, more: Partial<CostRecordFields> = {}) =>
  costRecord(workspaceId, {
    resource_id: resourceId,
    charge_period_start: at(day),
    list_cost: cost,
    contracted_cost: cost,
    effective_cost: cost,
    billed_cost: cost,
    x_rating_status: 'RATED',
    tags,
    ...more,
  });
/** A record rating could not price: quantities only. */
const unpriced = (workspaceId: string, resourceId: string, day: string, tags: Record<string, unknown> | null, more: Partial<CostRecordFields> = {}) =>
  costRecord(workspaceId, {
    resource_id: resourceId,
    charge_period_start: at(day),
    list_cost: null,
    contracted_cost: null,
    effective_cost: null,
    billed_cost: null,
    pricing_quantity: null,
    consumed_quantity: '3',
    x_rating_status: 'NO_PRICE',
    tags,
    ...more,
  });

/** Sums items by period and currency: what the same query gives without the tag. */
function totals(items: Item[]): Record<string, Record<string, string | number | null>> {
  const out: Record<string, Record<string, string | number | null>> = {};
  for (const i of items) {
    const key = `${i.periodStart} ${i.BillingCurrency}`;
    const acc = (out[key] ??= { records: 0, unpricedRecords: 0, ...Object.fromEntries(MEASURES.map((m) => [m, null])) });
    acc.records = (acc.records as number) + i.records;
    acc.unpricedRecords = (acc.unpricedRecords as number) + i.unpricedRecords;
    for (const m of MEASURES) {
      const v = i[m] as string | null;
      if (v !== null) acc[m] = new Decimal((acc[m] as string | null) ?? 0).plus(v).toFixed();
    }
  }
  return out;
}

describe.each(testEngines())('cost-summary by tag and cost-tag-keys on %s', (engine) => {
  let t: TestApp;
  let main: string;
  let other: { workspaceId: string; token: string };

  const summary = (params: Record<string, string>, token?: string) =>
    t.call({ method: 'GET', url: withQuery('/metering/v1/cost-summary', params), ...(token !== undefined && { token }) });
  const body = (res: { json(): unknown }) => res.json() as SummaryBody;
  const tagKeys = (params: Record<string, string>, token?: string) =>
    t.call({ method: 'GET', url: withQuery('/metering/v1/cost-tag-keys', params), ...(token !== undefined && { token }) });
  const rebuild = async (workspaceId: string, days: string[]) => {
    for (const day of days) await rebuildRollups(t.db, workspaceId, day, at(day));
  };
  const tagRows = (workspaceId: string, day: string) =>
    t.db
      .selectFrom('cost_tag_rollups_daily')
      .select(['tag_key', 'tag_value', 'billing_currency', 'service_name', 'billing_account_id', 'billed_cost', 'records'])
      .where('workspace_id', '=', workspaceId)
      .where('day', '=', day)
      .orderBy('tag_key')
      .orderBy('tag_value')
      .orderBy('billing_currency')
      .orderBy('service_name')
      .orderBy('billing_account_id')
      .execute();

  useTestApp(engine, async (app) => {
    t = app;
    main = t.admin.workspaceId;
    other = await t.tenant(['cost-viewer'], 'other');
    await insertCostRecords(t.db, [
      rated(main, 'vm-1', '2026-04-01', '0.35312696', { team: 'core', [COST_KEY]: 'cc 1', env: 'prod' }),
      rated(main, 'vm-2', '2026-04-01', '4.266666666666670', { team: 'web', env: 'prod' }, { billing_account_id: 'BA-2', region_id: null }),
      rated(main, 'disk-1', '2026-04-01', '1.5', { team: 'core', [ODD_KEY]: 'x' }, { service_name: 'Block Storage', service_category: 'Storage', billing_currency: 'EUR' }),
      rated(main, 'vm-3', '2026-04-01', '0.10000000', null),
      rated(main, 'vm-4', '2026-04-01', '2', {}),
      // A key whose value is JSON null counts as absent.
      rated(main, 'vm-6', '2026-04-01', '0.00000001', { team: null, [COST_KEY]: 'cc 2' }),
      unpriced(main, 'vm-5', '2026-04-01', { env: 'dev' }),
      rated(main, 'vm-1', '2026-04-02', '10', { team: 'core', env: 'prod' }),
      unpriced(main, 'vm-7', '2026-04-02', { team: 'core' }),
      // A day with every record untagged or unpriced: the remainder is all unpriced.
      unpriced(main, 'vm-8', '2026-04-03', null),
      rated(main, 'vm-9', '2026-04-03', '7', { team: 'core' }),
      // Outside April.
      rated(main, 'vm-1', '2026-05-01', '100', { team: 'core', later: 'yes' }),
      rated(other.workspaceId, 'vm-x', '2026-04-01', '99', { team: 'theirs', secret: 's' }),
    ]);
    await rebuild(main, ['2026-04-01', '2026-04-02', '2026-04-03', '2026-05-01']);
    await rebuild(other.workspaceId, ['2026-04-01']);
  });

  const APRIL = { from: '2026-04-01', to: '2026-05-01' };

  it('sums each value of the key and the untagged remainder exactly, adding up to the total without the tag', async () => {
    const res = await summary({ ...APRIL, groupByTag: 'team' });
    expect(res.statusCode, res.body).toBe(200);
    const b = body(res);
    expect(b.groupByTag).toBe('team');
    expect(b.items.map((i) => [i.periodStart.slice(0, 10), i.TagValue, i.BillingCurrency, i.BilledCost, i.records, i.unpricedRecords])).toEqual([
      ['2026-04-01', 'core', 'EUR', '1.5', 1, 0],
      ['2026-04-01', 'core', 'USD', '0.35312696', 1, 0],
      ['2026-04-01', 'web', 'USD', '4.266666666666670', 1, 0],
      ['2026-04-01', null, 'USD', '2.100000010000000', 4, 1],
      ['2026-04-02', 'core', 'USD', '10', 2, 1],
      ['2026-04-03', 'core', 'USD', '7', 1, 0],
      // Every untagged record unpriced: its costs are unknown, not zero; its quantity is known.
      ['2026-04-03', null, 'USD', null, 1, 1],
    ]);
    expect(b.items[6]).toMatchObject({ ListCost: null, PricingQuantity: null, ConsumedQuantity: '3.0000000000' });
    expect(Object.keys(b.items[0]!).slice(0, 4)).toEqual(['periodStart', 'periodEnd', 'TagValue', 'BillingCurrency']);
    expect(res.body).toContain('"BilledCost":"4.266666666666670"');
    const plain = body(await summary(APRIL));
    expect(plain.groupByTag).toBeUndefined();
    expect(totals(b.items)).toEqual(totals(plain.items));
  });

  it('adds up to the total by month, with other group fields, and under a filter', async () => {
    const cases: Record<string, string>[] = [
      { ...APRIL, granularity: 'MONTH', groupByTag: 'env' },
      { from: '2026-04-01', to: '2026-06-01', groupBy: 'ServiceName,BillingAccountId', groupByTag: 'team' },
      { ...APRIL, groupBy: 'RegionId', groupByTag: COST_KEY, filter: "ServiceName eq 'VM' and RegionId ne null" },
    ];
    for (const params of cases) {
      const tagged = body(await summary(params));
      const { groupByTag: _, ...without } = params;
      const plain = body(await summary(without));
      expect(totals(tagged.items), JSON.stringify(params)).toEqual(totals(plain.items));
    }
    const filtered = body(await summary({ ...APRIL, granularity: 'MONTH', groupBy: 'ServiceName', groupByTag: 'team', filter: "BillingAccountId eq 'BA-1'" }));
    expect(filtered.groupBy).toEqual(['ServiceName']);
    expect(filtered.items.map((i) => [i.ServiceName, i.TagValue, i.BillingCurrency, i.BilledCost, i.records])).toEqual([
      ['Block Storage', 'core', 'EUR', '1.5', 1],
      ['VM', 'core', 'USD', '17.35312696', 4],
      ['VM', null, 'USD', '2.10000001', 5],
    ]);
  });

  it('takes any key text verbatim: colons, spaces, dots and slashes', async () => {
    const cost = body(await summary({ ...APRIL, granularity: 'MONTH', groupByTag: COST_KEY }));
    expect(cost.groupByTag).toBe(COST_KEY);
    expect(cost.items.map((i) => [i.TagValue, i.BillingCurrency, i.BilledCost])).toEqual([
      ['cc 1', 'USD', '0.35312696'],
      ['cc 2', 'USD', '0.00000001'],
      [null, 'EUR', '1.5'],
      // The remainder is the total minus the tagged sum, at the total's scale.
      [null, 'USD', '23.366666666666670'],
    ]);
    const odd = body(await summary({ ...APRIL, granularity: 'MONTH', groupByTag: ODD_KEY }));
    expect(odd.items.map((i) => [i.TagValue, i.BillingCurrency, i.BilledCost])).toEqual([
      ['x', 'EUR', '1.5'],
      [null, 'USD', '23.719793636666670'],
    ]);
  });

  it('answers a key no record carries with the whole total untagged', async () => {
    const none = body(await summary({ ...APRIL, granularity: 'MONTH', groupByTag: 'Team' }));
    expect(none.items.map((i) => [i.TagValue, i.BillingCurrency, i.BilledCost, i.records])).toEqual([
      [null, 'EUR', '1.5', 1],
      [null, 'USD', '23.719793636666670', 10],
    ]);
  });

  it('lists the tag keys of a range, in key order, from the tag rollups of the workspace only', async () => {
    const res = await tagKeys(APRIL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ from: '2026-04-01', to: '2026-05-01', items: [{ key: ODD_KEY }, { key: COST_KEY }, { key: 'env' }, { key: 'team' }], count: 4 });
    expect((await tagKeys({ from: '2026-04-02', to: '2026-04-03' })).json().items).toEqual([{ key: 'env' }, { key: 'team' }]);
    expect((await tagKeys({ from: '2026-05-01', to: '2026-06-01' })).json().items).toEqual([{ key: 'later' }, { key: 'team' }]);
    expect((await tagKeys({ from: '2027-01-01', to: '2027-02-01' })).json()).toMatchObject({ items: [], count: 0 });
    expect((await tagKeys(APRIL, other.token)).json().items).toEqual([{ key: 'secret' }, { key: 'team' }]);
  });

  it("groups only the caller's workspace", async () => {
    const b = body(await summary({ ...APRIL, groupByTag: 'team' }, other.token));
    expect(b.items.map((i) => [i.TagValue, i.BilledCost])).toEqual([['theirs', '99']]);
    const mine = body(await summary({ ...APRIL, groupByTag: 'secret' }));
    expect(mine.items.every((i) => i.TagValue === null)).toBe(true);
  });

  it('rebuilding a day replaces its tag rollup rows, never doubles them', async () => {
    const before = await tagRows(main, '2026-04-01');
    await rebuild(main, ['2026-04-01', '2026-04-01']);
    expect(await tagRows(main, '2026-04-01')).toEqual(before);
    // Records without tags add no row; a JSON-null value adds none either.
    expect(before.filter((r) => r.tag_key === 'team').map((r) => [r.tag_value, r.billing_currency, r.billed_cost])).toEqual([
      ['core', 'EUR', '1.5'],
      ['core', 'USD', '0.35312696'],
      ['web', 'USD', '4.266666666666670'],
    ]);
  });

  it("deleting a workspace deletes its tag rollups, no other workspace's", async () => {
    const gone = await t.tenant(['cost-viewer'], 'gone');
    await insertCostRecords(t.db, [rated(gone.workspaceId, 'vm-g', '2026-04-01', '5', { team: 'gone' })]);
    await rebuild(gone.workspaceId, ['2026-04-01']);
    const mine = (await tagRows(main, '2026-04-01')).length;
    expect((await tagRows(gone.workspaceId, '2026-04-01')).length).toBe(1);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${gone.workspaceId}` })).statusCode).toBe(204);
    expect(await tagRows(gone.workspaceId, '2026-04-01')).toEqual([]);
    expect((await tagRows(main, '2026-04-01')).length).toBe(mine);
  });

  describe('400s, each naming its parameter', () => {
    it.each([
      [{ ...APRIL, groupByTag: '' }, ['groupByTag'], 'A tag key is 1 to 128 characters long, got 0'],
      [{ ...APRIL, groupByTag: 'k'.repeat(129) }, ['groupByTag'], 'got 129'],
      [{ ...APRIL, groupBy: 'Tags' }, ['groupBy'], 'group by a tag key with groupByTag'],
      [{ ...APRIL, groupByTag: 'team', groupBy: 'Team' }, ['groupBy'], "Cannot group by 'Team'"],
      [{ ...APRIL, groupByTag: 'team', filter: "Tags eq 'x'" }, ['filter'], "unknown field 'Tags'"],
      [{ from: '2026-04-01', to: '2026-04-01', groupByTag: 'team' }, ['to'], 'Must be after from'],
    ])('%j', async (params, subjects, description) => {
      const res = await summary(params as Record<string, string>);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { errorCode: string }).errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
      expect(issuesOf(res).map((i) => i.subject)).toEqual(subjects);
      expect(issuesOf(res)[0]!.description).toContain(description);
    });

    it('one tag key per query', async () => {
      const res = await t.call({ method: 'GET', url: '/metering/v1/cost-summary?from=2026-04-01&to=2026-05-01&groupByTag=team&groupByTag=env' });
      expect(res.statusCode, res.body).toBe(400);
      expect(issuesOf(res).map((i) => [i.subject, i.description])).toEqual([['groupByTag', 'One tag key per query, got 2.']]);
    });

    it.each([
      [{ to: '2026-05-01' }, ['from'], 'Required parameter is missing'],
      [{ from: '2026-02-30', to: '2026-05-01' }, ['from'], "got '2026-02-30'"],
      [{ from: '2026-05-01', to: '2026-04-01' }, ['to'], 'Must be after from'],
    ])('cost-tag-keys %j', async (params, subjects, description) => {
      const res = await tagKeys(params as Record<string, string>);
      expect(res.statusCode, res.body).toBe(400);
      expect(issuesOf(res).map((i) => i.subject)).toEqual(subjects);
      expect(issuesOf(res)[0]!.description).toContain(description);
    });
  });

  it('is a 403 without metering.costs.view', async () => {
    const ingester = await t.tenant(['metering-ingester'], 'ingester');
    expect((await summary({ ...APRIL, groupByTag: 'team' }, ingester.token)).statusCode).toBe(403);
    expect((await tagKeys(APRIL, ingester.token)).statusCode).toBe(403);
  });
});
