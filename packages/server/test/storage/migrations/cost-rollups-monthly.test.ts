/**
 * Migration 2026-12-07-0025 adds cost_rollups_monthly and cost_tag_rollups_monthly and fills them
 * from the daily rollups already there (every workspace and month): the same rows rating's month
 * rewrite writes; `down` drops them.
 */
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildMonthRollups } from '../../../src/modules/metering/rating/rating.repository.js';
import { down, up } from '../../../src/storage/migrations/2026-12-07-0025-cost-rollups-monthly.js';
import { costRollup } from '../../support/cost-record-fixtures.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

const MONTHLY_TABLES = ['cost_rollups_monthly', 'cost_tag_rollups_monthly'] as const;

describe.each(testEngines())('migration 0025 (monthly cost rollups) on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'ws-a');
    await createWorkspace(t.db, 'ws-b');
  });
  afterEach(() => t?.drop());

  const rows = async (table: (typeof MONTHLY_TABLES)[number]) =>
    (
      await sql<Record<string, unknown>>`
        select workspace_id, month::text as month, ${sql.raw(table === 'cost_tag_rollups_monthly' ? 'tag_key, tag_value,' : '')}
          billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id, charge_category,
          billing_currency, records::int as records, list_cost::text, contracted_cost::text, effective_cost::text, billed_cost::text,
          consumed_quantity::text, pricing_quantity::text, unpriced_records::int as unpriced_records
        from ${sql.table(table)} order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`.execute(t.db)
    ).rows;

  it('backfills every workspace and month from the daily rollups, as rating rewrites a month', async () => {
    await t.db
      .insertInto('cost_rollups_daily')
      .values([
        costRollup('ws-a', { day: '2026-03-31', billed_cost: '1.5', records: 2 }),
        costRollup('ws-a', { day: '2026-04-01', billed_cost: '0.25' }),
        costRollup('ws-a', { day: '2026-04-30', billed_cost: '0.125', records: 3, unpriced_records: 1 }),
        costRollup('ws-a', { day: '2026-04-02', sub_account_id: null, region_id: null, billed_cost: null, list_cost: null, unpriced_records: 1 }),
        costRollup('ws-a', { day: '2026-04-03', sub_account_id: null, region_id: null, billed_cost: null, list_cost: null, unpriced_records: 1 }),
        costRollup('ws-a', { day: '2026-04-03', billing_currency: 'EUR', billed_cost: '9' }),
        costRollup('ws-b', { day: '2026-04-15', billed_cost: '100' }),
        // A workspace deleted before its rollups were emptied: nothing to carry over.
        costRollup('gone', { day: '2026-04-15', billed_cost: '5' }),
      ])
      .execute();
    await t.db
      .insertInto('cost_tag_rollups_daily')
      .values([
        { ...costRollup('ws-a', { day: '2026-04-01', billed_cost: '0.25' }), tag_key: 'team', tag_value: 'core' },
        { ...costRollup('ws-a', { day: '2026-04-20', billed_cost: '0.75' }), tag_key: 'team', tag_value: 'core' },
        { ...costRollup('ws-a', { day: '2026-04-20', billed_cost: '2' }), tag_key: 'team', tag_value: 'web' },
        { ...costRollup('ws-a', { day: '2026-05-01', billed_cost: '3' }), tag_key: 'team', tag_value: 'web' },
      ])
      .execute();
    await down(t.db as unknown as Kysely<unknown>);
    await up(t.db as unknown as Kysely<unknown>);
    const plain = await rows('cost_rollups_monthly');
    expect(plain.map((r) => [r.workspace_id, r.month, r.billing_currency, r.sub_account_id, r.billed_cost, r.list_cost, r.records, r.unpriced_records])).toEqual([
      ['ws-a', '2026-03-01', 'USD', 'SA-1', '1.5', '0.35312696', 2, 0],
      ['ws-a', '2026-04-01', 'EUR', 'SA-1', '9', '0.35312696', 1, 0],
      ['ws-a', '2026-04-01', 'USD', 'SA-1', '0.375', '0.70625392', 4, 1],
      ['ws-a', '2026-04-01', 'USD', null, null, null, 2, 2],
      ['ws-b', '2026-04-01', 'USD', 'SA-1', '100', '0.35312696', 1, 0],
    ]);
    const tagged = await rows('cost_tag_rollups_monthly');
    expect(tagged.map((r) => [r.workspace_id, r.month, r.tag_key, r.tag_value, r.billed_cost, r.records])).toEqual([
      ['ws-a', '2026-04-01', 'team', 'core', '1.00', 2],
      ['ws-a', '2026-04-01', 'team', 'web', '2', 1],
      ['ws-a', '2026-05-01', 'team', 'web', '3', 1],
    ]);
    // Rating's rewrite of each month writes exactly the same rows.
    for (const table of MONTHLY_TABLES) await sql`delete from ${sql.table(table)}`.execute(t.db);
    for (const [ws, day] of [['ws-a', '2026-03-31'], ['ws-a', '2026-04-01'], ['ws-a', '2026-05-01'], ['ws-b', '2026-04-15']] as const) {
      await rebuildMonthRollups(t.db, ws, day);
    }
    expect(await rows('cost_rollups_monthly')).toEqual(plain);
    expect(await rows('cost_tag_rollups_monthly')).toEqual(tagged);
  });

  it('creates indexes led by the workspace: one row per month and key, and a month of tag rows', async () => {
    const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename in ('cost_rollups_monthly', 'cost_tag_rollups_monthly') order by indexname`.execute(t.db);
    const dimensions = 'billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id, charge_category, billing_currency';
    expect(indexes.map((i) => [i.indexname, i.indexdef.replace(/^CREATE (UNIQUE )?INDEX .* USING btree /, '$1')])).toEqual([
      ['cost_rollups_monthly_key', `UNIQUE (workspace_id, month, ${dimensions}) NULLS NOT DISTINCT`],
      ['cost_tag_rollups_monthly_key', `UNIQUE (workspace_id, tag_key, month, tag_value, ${dimensions}) NULLS NOT DISTINCT`],
      ['cost_tag_rollups_monthly_month', '(workspace_id, month)'],
    ]);
  });

  it('refuses a second row of one month and dimensions, null dimensions included', async () => {
    const row = { ...costRollup('ws-a', { sub_account_id: null, region_id: null }), day: undefined, month: '2026-04-01' } as never;
    await t.db.insertInto('cost_rollups_monthly').values(row).execute();
    await expect(t.db.insertInto('cost_rollups_monthly').values(row).execute()).rejects.toThrow(/duplicate key/);
  });

  it("refuses a month that is not a month's first day, and follows a deleted workspace", async () => {
    await expect(
      t.db.insertInto('cost_rollups_monthly').values({ ...costRollup('ws-a'), day: undefined, month: '2026-04-02' } as never).execute(),
    ).rejects.toThrow(/check constraint/);
    await t.db.insertInto('cost_rollups_daily').values(costRollup('ws-b', { day: '2026-04-15' })).execute();
    await rebuildMonthRollups(t.db, 'ws-b', '2026-04-15');
    await t.db.deleteFrom('workspaces').where('id', '=', 'ws-b').execute();
    expect(await rows('cost_rollups_monthly')).toEqual([]);
  });

  it('goes down (the tables gone) and up again (empty without daily rollups)', async () => {
    await down(t.db as unknown as Kysely<unknown>);
    const tables = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_name in ('cost_rollups_monthly', 'cost_tag_rollups_monthly')`.execute(t.db);
    expect(tables.rows[0]!.n).toBe(0);
    await up(t.db as unknown as Kysely<unknown>);
    for (const table of MONTHLY_TABLES) expect(await rows(table)).toEqual([]);
  });
});
