/**
 * Migration 2026-12-06-0012 repairs what `Date.UTC` left in existing databases: a partition whose
 * range is not its month (cost_records_0001_01 running to 1901-02-01) is replaced by partitions of
 * exactly their months, its rows kept, so the months it blocked can be made again.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCostPartitions } from '../../../src/modules/cost-records/index.js';
import { up } from '../../../src/storage/migrations/2026-12-06-0012-event-time-bounds.js';
import { partitionRanges } from '../../support/cost-partition-fixtures.js';
import { costRecord } from '../../support/cost-record-fixtures.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('migration 0012 (event-time bounds) on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
  });
  afterEach(() => t?.drop());

  it('replaces a misbounded partition by exact months and keeps its rows', async () => {
    await sql`create table cost_records_0001_01 partition of cost_records
      for values from ('0001-01-01T00:00:00Z') to ('1901-02-01T00:00:00Z')`.execute(t.db);
    await ensureCostPartitions(t.db, ['2026-04']);
    const rows = [
      costRecord('ws-a', { charge_period_start: new Date('0001-01-01T00:00:00Z'), resource_id: 'vm-old' }),
      costRecord('ws-a', { charge_period_start: new Date('1900-06-03T00:00:00Z'), resource_id: 'vm-1900' }),
      costRecord('ws-b', { resource_id: 'vm-now' }),
    ];
    await t.db.insertInto('cost_records').values(rows).execute();

    await up(t.db as unknown as Kysely<unknown>);

    expect(await partitionRanges(t.db)).toEqual({
      cost_records_0001_01: ['0001-01-01', '0001-02-01'],
      cost_records_1900_06: ['1900-06-01', '1900-07-01'],
      cost_records_2026_04: ['2026-04-01', '2026-05-01'],
    });
    const kept = await t.db.selectFrom('cost_records').select(['workspace_id', 'resource_id', 'billed_cost']).orderBy('resource_id').execute();
    expect(kept).toEqual([
      { workspace_id: 'ws-a', resource_id: 'vm-1900', billed_cost: '0.35312696' },
      { workspace_id: 'ws-b', resource_id: 'vm-now', billed_cost: '0.35312696' },
      { workspace_id: 'ws-a', resource_id: 'vm-old', billed_cost: '0.35312696' },
    ]);
    // The month the old partition blocked can be made now.
    await expect(ensureCostPartitions(t.db, ['0050-03'])).resolves.toBeUndefined();
  });

  it('leaves exact partitions alone', async () => {
    await ensureCostPartitions(t.db, ['0001-01', '2026-04']);
    const before = await partitionRanges(t.db);
    await up(t.db as unknown as Kysely<unknown>);
    expect(await partitionRanges(t.db)).toEqual(before);
  });
});
