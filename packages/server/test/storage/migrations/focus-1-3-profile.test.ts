/**
 * Migration 2026-12-06-0018 lets focus_exports.profile be `focus-1.3` (ADR 0025): it replaces the
 * column check of migration 0005 (named by PostgreSQL) by a named one, leaves no second check, and
 * its `down` turns focus-1.3 definitions back into focus-1.2 before restoring the old check.
 */
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { down, up } from '../../../src/storage/migrations/2026-12-06-0018-focus-1-3-profile.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('migration 0018 (focus-1.3 profile) on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'ws-a');
  });
  afterEach(() => t?.drop());

  const insert = (id: string, profile: string) =>
    t.db
      .insertInto('focus_exports')
      .values({
        workspace_id: 'ws-a', id, name: id, filter: '[]', profile: profile as 'greenlake', format: 'csv', compression: 'none', schedule: null,
        created_by_id: 'c', created_by_name: 'c', created_at: new Date(), updated_by_id: 'c', updated_by_name: 'c', updated_at: new Date(),
        last_run_by_id: null, last_run_by_name: null, last_run_at: null,
      })
      .execute();
  const profileChecks = async () =>
    (
      await sql<{ conname: string }>`select conname from pg_constraint
        where conrelid = 'focus_exports'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%profile%'
          and conname <> 'focus_exports_dataset_profile' order by conname`.execute(t.db)
    ).rows.map((r) => r.conname);

  it('accepts focus-1.3 and nothing unknown, under one named check', async () => {
    expect(await profileChecks()).toEqual(['focus_exports_profile']);
    await insert('00000000-0000-4000-8000-000000000001', 'focus-1.3');
    await expect(insert('00000000-0000-4000-8000-000000000002', 'focus-1.4')).rejects.toThrow(/focus_exports_profile/);
  });

  it('goes down to the 0005 check, focus-1.3 definitions becoming focus-1.2, and up again', async () => {
    await insert('00000000-0000-4000-8000-000000000003', 'focus-1.3');
    await down(t.db as unknown as Kysely<unknown>);
    expect(await profileChecks()).toEqual(['focus_exports_profile_check']);
    const row = await t.db.selectFrom('focus_exports').select('profile').executeTakeFirstOrThrow();
    expect(row.profile).toBe('focus-1.2');
    await expect(insert('00000000-0000-4000-8000-000000000004', 'focus-1.3')).rejects.toThrow(/focus_exports_profile_check/);
    await up(t.db as unknown as Kysely<unknown>);
    expect(await profileChecks()).toEqual(['focus_exports_profile']);
    await insert('00000000-0000-4000-8000-000000000005', 'focus-1.3');
  });
});
