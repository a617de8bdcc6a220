/**
 * Migration 2026-12-07-0023 adds cost_tag_rollups_daily and fills it from the cost records already
 * there (every workspace and day): the same rows rating's rollup rebuild writes; `down` drops it.
 */
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../../src/modules/metering/rating/rating.repository.js';
import { down, up } from '../../../src/storage/migrations/2026-12-07-0023-cost-tag-rollups.js';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

const at = (day: string) => new Date(`${day}T00:00:00Z`);

describe.each(testEngines())('migration 0023 (cost tag rollups) on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'ws-a');
    await createWorkspace(t.db, 'ws-b');
  });
  afterEach(() => t?.drop());

  const rows = async () =>
    (
      await sql<Record<string, unknown>>`
        select workspace_id, day::text as day, tag_key, tag_value, billing_account_id, sub_account_id, service_name, service_category,
          region_id, resource_type, sku_id, charge_category, billing_currency, records, list_cost::text, contracted_cost::text,
          effective_cost::text, billed_cost::text, consumed_quantity::text, pricing_quantity::text, unpriced_records
        from cost_tag_rollups_daily order by workspace_id, day, tag_key, tag_value, billing_currency, service_name`.execute(t.db)
    ).rows;

  it('backfills the tag rollups of every workspace and day from the cost records, as rating rebuilds them', async () => {
    await insertCostRecords(t.db, [
      costRecord('ws-a', { resource_id: 'vm-1', tags: { team: 'core', 'cost center:id': 'cc 1' }, x_rating_status: 'RATED' }),
      costRecord('ws-a', { resource_id: 'vm-2', tags: { team: 'core' }, billed_cost: '1.10', x_rating_status: 'RATED' }),
      costRecord('ws-a', { resource_id: 'vm-3', tags: null }),
      costRecord('ws-a', { resource_id: 'vm-4', tags: { team: null } }),
      costRecord('ws-a', { resource_id: 'vm-5', tags: { team: 'web' }, charge_period_start: at('2026-04-30'), billing_currency: 'EUR' }),
      costRecord('ws-a', { resource_id: 'odd', tags: {} }),
      costRecord('ws-b', { resource_id: 'vm-1', tags: { env: 'prod' }, charge_period_start: at('2026-05-01') }),
    ]);
    // A Tags value that is no object (rating never writes one) counts as no tags rather than failing.
    await sql`update cost_records set tags = '["x"]'::jsonb where resource_id = 'odd'`.execute(t.db);
    await down(t.db as unknown as Kysely<unknown>);
    await up(t.db as unknown as Kysely<unknown>);
    const backfilled = await rows();
    expect(backfilled.map((r) => [r.workspace_id, r.day, r.tag_key, r.tag_value, r.billing_currency, r.billed_cost, r.records, r.unpriced_records])).toEqual([
      ['ws-a', '2026-04-01', 'cost center:id', 'cc 1', 'USD', '0.35312696', 1, 0],
      ['ws-a', '2026-04-01', 'team', 'core', 'USD', '1.45312696', 2, 0],
      ['ws-a', '2026-04-30', 'team', 'web', 'EUR', '0.35312696', 1, 1],
      ['ws-b', '2026-05-01', 'env', 'prod', 'USD', '0.35312696', 1, 1],
    ]);
    // The rebuild rating runs writes exactly the same rows.
    await sql`delete from cost_tag_rollups_daily`.execute(t.db);
    for (const [ws, day] of [['ws-a', '2026-04-01'], ['ws-a', '2026-04-30'], ['ws-b', '2026-05-01']] as const) {
      await rebuildRollups(t.db, ws, day, at(day));
    }
    expect(await rows()).toEqual(backfilled);
  });

  it('creates the indexes for one key over a range and for a day', async () => {
    const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename = 'cost_tag_rollups_daily' order by indexname`.execute(t.db);
    expect(indexes.map((i) => [i.indexname, i.indexdef.replace(/^.* USING btree /, '')])).toEqual([
      ['cost_tag_rollups_daily_day', '(workspace_id, day)'],
      ['cost_tag_rollups_daily_key_day', '(workspace_id, tag_key, day)'],
    ]);
  });

  it('goes down (the table gone) and up again (empty without records)', async () => {
    await down(t.db as unknown as Kysely<unknown>);
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'cost_tag_rollups_daily'`.execute(t.db);
    expect(tables.rows[0]!.n).toBe(0);
    await up(t.db as unknown as Kysely<unknown>);
    expect(await rows()).toEqual([]);
  });
});
