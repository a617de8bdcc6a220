/**
 * A MONTH view of cost-summary reads the monthly rollups for the whole months of its range and the
 * daily rollups for the partial months at its edges. Its answers must be exactly those of the same
 * summary read from the daily rollups alone: compared here on the same rated data (rating's rollup
 * rebuild, which writes both) for whole months, partial edges, ranges inside one month, months
 * without data, filters, groupBy dimensions and groupByTag — through the repositories with both
 * plans, and through the service.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costSummary } from '../../../../src/modules/metering/costs/cost-summary.service.js';
import { type SummaryQuery, summarize } from '../../../../src/modules/metering/costs/cost-summary.repository.js';
import { summarizeByTag } from '../../../../src/modules/metering/costs/cost-summary-by-tag.repository.js';
import { SUMMARY_FILTER_FIELDS, SUMMARY_GROUP_COLUMNS, type SummaryGroupField } from '../../../../src/modules/metering/costs/cost-summary.fields.js';
import { type RollupRanges, dailyRanges, planRollupRanges } from '../../../../src/modules/metering/costs/rollup-ranges.js';
import { compileFilter } from '../../../../src/platform/filter-sql/index.js';
import { rebuildRollups } from '../../../../src/modules/metering/rating/rating.repository.js';
import { costRecord, insertCostRecords } from '../../../support/cost-record-fixtures.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../../support/test-databases.js';

const WS = 'ws-monthly';
const OTHER = 'ws-other';
const FIRST_DAY = Date.UTC(2025, 10, 20); // 2025-11-20
const DAYS = 145; // to 2026-04-13
const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at = (day: string) => new Date(`${day}T00:00:00Z`);

/** Costs of several scales, so a sum's text (its scale) would show a difference in how it was summed. */
const COSTS = ['0.35312696', '1.5', '12', '0.1', '3.141592653589793', '0.00000001', '7.25'];
const TEAMS = [{ team: 'core' }, { team: 'web', env: 'prod' }, { team: 'data' }, null, { env: 'dev' }, { team: null }, { team: 'core', 'cost center': 'CC 1' }];

/** Deterministic records of one day: three to five per day over two accounts, two services, two currencies, null dimensions, unpriced ones. */
function recordsOf(workspaceId: string, d: number) {
  const day = dayText(FIRST_DAY + d * 86_400_000);
  const rows = [];
  for (let r = 0; r < 3 + (d % 3); r++) {
    const n = d * 7 + r * 3;
    const cost = COSTS[n % COSTS.length]!;
    const unpriced = n % 11 === 0;
    const storage = r % 2 === 1;
    rows.push(
      costRecord(workspaceId, {
        resource_id: `res-${r}`,
        charge_period_start: at(day),
        billing_account_id: `BA-${1 + (n % 2)}`,
        sub_account_id: n % 5 === 0 ? null : `SA-${n % 3}`,
        region_id: n % 4 === 0 ? null : 'eu-west',
        service_name: storage ? 'Block Storage' : 'VM',
        service_category: storage ? 'Storage' : 'Compute',
        billing_currency: n % 6 === 0 ? 'EUR' : 'USD',
        list_cost: unpriced ? null : cost,
        contracted_cost: unpriced ? null : cost,
        effective_cost: unpriced ? null : cost,
        billed_cost: unpriced ? null : cost,
        pricing_quantity: unpriced ? null : '0.5',
        consumed_quantity: String(1 + (n % 9)),
        x_rating_status: unpriced ? 'NO_PRICE' : 'RATED',
        tags: TEAMS[n % TEAMS.length]!,
      }),
    );
  }
  return rows;
}

/** [from, to) of a MONTH view, and whether its plan reads monthly rollups. */
const RANGES: [string, { from: string; to: string }, boolean][] = [
  ['whole months across a year end', { from: '2025-12-01', to: '2026-04-01' }, true],
  ['partial months at both edges', { from: '2025-11-25', to: '2026-03-10' }, true],
  ['a partial first month, to on a first', { from: '2025-12-15', to: '2026-03-01' }, true],
  ['from on a first, a partial last month', { from: '2026-01-01', to: '2026-04-05' }, true],
  ['one whole month', { from: '2026-02-01', to: '2026-03-01' }, true],
  ['inside one month', { from: '2026-02-03', to: '2026-02-20' }, false],
  ['two partial months', { from: '2026-01-20', to: '2026-02-10' }, false],
  ['whole months beyond the data on both sides', { from: '2025-06-01', to: '2026-07-01' }, true],
];

const VIEWS: [string, { groupBy: SummaryGroupField[]; filter?: string; tag?: string }][] = [
  ['by period and currency', { groupBy: [] }],
  ['by service', { groupBy: ['ServiceName'] }],
  ['by account, sub account and region (nulls)', { groupBy: ['BillingAccountId', 'SubAccountId', 'RegionId'] }],
  ['filtered by service and a null dimension', { groupBy: ['BillingAccountId'], filter: "ServiceName eq 'VM' or SubAccountId eq null" }],
  ['by tag', { groupBy: [], tag: 'team' }],
  ['by tag and service, filtered', { groupBy: ['ServiceName'], tag: 'team', filter: "BillingAccountId eq 'BA-1'" }],
  ['by a key few records carry', { groupBy: ['RegionId'], tag: 'cost center' }],
];

describe.each(testEngines())('cost-summary MONTH views from the monthly rollups on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, WS);
    await createWorkspace(t.db, OTHER);
    const rows = Array.from({ length: DAYS }, (_, d) => recordsOf(WS, d)).flat();
    // Another workspace's costs on the same days: neither path may read them.
    rows.push(...Array.from({ length: DAYS }, (_, d) => recordsOf(OTHER, d).slice(0, 1)).flat());
    await insertCostRecords(t.db, rows);
    for (let d = 0; d < DAYS; d++) {
      const day = dayText(FIRST_DAY + d * 86_400_000);
      for (const ws of [WS, OTHER]) await t.db.transaction().execute((trx) => rebuildRollups(trx, ws, day, at(day)));
    }
  }, 240_000);
  afterAll(() => t?.drop());

  const queryOf = (view: (typeof VIEWS)[number][1], ranges: RollupRanges): SummaryQuery => ({
    granularity: 'MONTH',
    groupColumns: [...view.groupBy.map((f) => SUMMARY_GROUP_COLUMNS[f]), 'billing_currency'],
    ranges,
    where: view.filter === undefined ? undefined : compileFilter(view.filter, SUMMARY_FILTER_FIELDS, 'filter'),
  });
  const read = (view: (typeof VIEWS)[number][1], ranges: RollupRanges) =>
    view.tag === undefined ? summarize(t.db, WS, queryOf(view, ranges)) : summarizeByTag(t.db, WS, view.tag, queryOf(view, ranges));

  it('has monthly rollups to read: every month of the data, summing its daily rows', async () => {
    const { rows } = await sql<{ month: string; records: string }>`
      select month::text as month, sum(records)::text as records from cost_rollups_monthly where workspace_id = ${WS} group by 1 order by 1`.execute(t.db);
    expect(rows.map((r) => r.month)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
    const daily = await sql<{ records: string }>`select sum(records)::text as records from cost_rollups_daily where workspace_id = ${WS}`.execute(t.db);
    expect(rows.reduce((n, r) => n + Number(r.records), 0)).toBe(Number(daily.rows[0]!.records));
  });

  describe.each(RANGES)('%s', (_name, range, readsMonths) => {
    it('plans the whole months from the monthly rollups and the rest by day', () => {
      const plan = planRollupRanges('MONTH', range.from, range.to);
      expect(plan.months !== undefined).toBe(readsMonths);
    });

    it.each(VIEWS)('answers %s exactly as the daily rollups alone do', async (_view, view) => {
      const monthly = await read(view, planRollupRanges('MONTH', range.from, range.to));
      const daily = await read(view, dailyRanges(range.from, range.to));
      expect(daily.length).toBeGreaterThan(0);
      expect(monthly).toEqual(daily);
      // And the service, which plans for itself, answers the same sums.
      const served = await costSummary(t.db, WS, {
        ...range,
        granularity: 'MONTH',
        ...(view.groupBy.length > 0 && { groupBy: view.groupBy.join(',') }),
        ...(view.filter !== undefined && { filter: view.filter }),
        ...(view.tag !== undefined && { groupByTag: view.tag }),
      });
      const items = served.items as unknown as Record<string, unknown>[];
      expect(items.map((i) => [String(i.periodStart).slice(0, 10), i.BilledCost, i.ListCost, i.ConsumedQuantity, i.records, i.unpricedRecords])).toEqual(
        daily.map((r) => [r.period_start, r.measures.BilledCost, r.measures.ListCost, r.measures.ConsumedQuantity, r.records, r.unpriced_records]),
      );
    });
  });

  it('reads the monthly rows for whole months (a change to them shows) and the daily rows at the edges only', async () => {
    const range = { from: '2025-12-15', to: '2026-03-01' };
    const plan = planRollupRanges('MONTH', range.from, range.to);
    const recordsByMonth = (rows: { period_start: string; records: number }[]) =>
      Object.fromEntries(['2025-12-01', '2026-01-01', '2026-02-01'].map((m) => [m, rows.filter((r) => r.period_start === m).reduce((n, r) => n + r.records, 0)]));
    const before = recordsByMonth(await summarize(t.db, WS, queryOf({ groupBy: [] }, plan)));
    const marked = await t.db
      .transaction()
      .execute(async (trx) => {
        const bump = async (table: 'cost_rollups_monthly' | 'cost_rollups_daily', column: 'month' | 'day', value: string) =>
          Number((await sql`update ${sql.table(table)} set records = records + 1000 where workspace_id = ${WS} and ${sql.ref(column)} = ${value}::date`.execute(trx)).numAffectedRows);
        // January's monthly rows and a December day (the partial edge) count; a January day does not.
        const january = await bump('cost_rollups_monthly', 'month', '2026-01-01');
        const december20 = await bump('cost_rollups_daily', 'day', '2025-12-20');
        await bump('cost_rollups_daily', 'day', '2026-01-10');
        throw new RolledBack({ january, december20, after: recordsByMonth(await summarize(trx, WS, queryOf({ groupBy: [] }, plan))) });
      })
      .catch((e: unknown) => {
        if (e instanceof RolledBack) return e.state;
        throw e;
      });
    expect(marked.january).toBeGreaterThan(0);
    expect(marked.december20).toBeGreaterThan(0);
    expect(marked.after).toEqual({
      '2025-12-01': before['2025-12-01']! + 1000 * marked.december20,
      '2026-01-01': before['2026-01-01']! + 1000 * marked.january,
      '2026-02-01': before['2026-02-01'],
    });
  });
});

/** Carries what a transaction saw out of it while rolling it back. */
class RolledBack extends Error {
  constructor(readonly state: { january: number; december20: number; after: Record<string, number> }) {
    super('rolled back');
  }
}
