/**
 * The live cost_records contract against the table the migrations make: every column of
 * COST_RECORD_COLUMNS, in order and of the SQL type SQL_TYPE_OF names, after workspace_id and
 * line_key, and keyed by COST_RECORD_KEY. Migration 0004 creates the table from a frozen copy of
 * the list, so a column added to the live list without a migration of its own fails here.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST_RECORD_COLUMNS, COST_RECORD_KEY, SQL_TYPE_OF } from '../../../src/modules/cost-records/index.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('the cost_records table on %s', (engine) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t?.drop());

  it('has the columns of the live list, in its order, with their SQL types', async () => {
    const { rows } = await sql<{ column_name: string; udt_name: string }>`
      select column_name, udt_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'cost_records' order by ordinal_position`.execute(t.db);
    expect(rows.map((r) => [r.column_name, r.udt_name])).toEqual([
      ['workspace_id', 'text'],
      ['line_key', 'text'],
      ...COST_RECORD_COLUMNS.map((c) => [c.column, SQL_TYPE_OF[c.type]]),
    ]);
  });

  it('is keyed by the workspace and COST_RECORD_KEY', async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'cost_records'::regclass and contype = 'p'`.execute(t.db);
    expect(rows.map((r) => r.def)).toEqual([`PRIMARY KEY (workspace_id, ${COST_RECORD_KEY.join(', ')})`]);
  });
});
