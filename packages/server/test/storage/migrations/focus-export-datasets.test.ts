/**
 * Migration 2026-12-07-0021 adds focus_exports.dataset (ADR 0025): CostAndUsage for every existing
 * definition, ContractCommitment only beside profile focus-1.3, nothing else; `down` drops it.
 */
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { down, up } from '../../../src/storage/migrations/2026-12-07-0021-focus-export-datasets.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('migration 0021 (focus export datasets) on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'ws-a');
  });
  afterEach(() => t?.drop());

  const insert = (id: string, profile: string, dataset?: string) =>
    sql`insert into focus_exports (workspace_id, id, name, profile, ${dataset === undefined ? sql`` : sql`dataset, `}created_by_id, created_by_name, created_at, updated_by_id, updated_by_name, updated_at)
      values ('ws-a', ${id}, ${id}, ${profile}, ${dataset === undefined ? sql`` : sql`${dataset}, `}'c', 'c', now(), 'c', 'c', now())`.execute(t.db);
  const datasets = async () => (await sql<{ dataset: string }>`select dataset from focus_exports order by id`.execute(t.db)).rows.map((r) => r.dataset);

  it('gives definitions CostAndUsage by default and keeps ContractCommitment with focus-1.3 only', async () => {
    await insert('00000000-0000-4000-8000-000000000001', 'greenlake');
    await insert('00000000-0000-4000-8000-000000000002', 'focus-1.3', 'ContractCommitment');
    expect(await datasets()).toEqual(['CostAndUsage', 'ContractCommitment']);
    await expect(insert('00000000-0000-4000-8000-000000000003', 'focus-1.2', 'ContractCommitment')).rejects.toThrow(/focus_exports_dataset_profile/);
    await expect(insert('00000000-0000-4000-8000-000000000004', 'focus-1.3', 'Invoice')).rejects.toThrow(/focus_exports_dataset/);
  });

  it('goes down (the column gone) and up again (every definition CostAndUsage)', async () => {
    await insert('00000000-0000-4000-8000-000000000005', 'focus-1.3', 'ContractCommitment');
    await down(t.db as unknown as Kysely<unknown>);
    const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'focus_exports' and column_name = 'dataset'`.execute(t.db);
    expect(columns.rows).toEqual([]);
    await up(t.db as unknown as Kysely<unknown>);
    expect(await datasets()).toEqual(['CostAndUsage']);
  });
});
