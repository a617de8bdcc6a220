/** PostgreSQL only: statements are prepared once per connection, up to a bound, and answer as unnamed ones do. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/storage/create-db.js';
import type { Db } from '../../src/storage/database.js';
import { planEachTime } from '../../src/storage/list-page.js';
import { MAX_PREPARED_PARAMETERS, MAX_PREPARED_PER_CONNECTION } from '../../src/storage/prepared-statements.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { scratchPostgresDatabase, testEngines } from '../support/test-databases.js';

const onPostgres = testEngines().includes('postgres');

describe.runIf(onPostgres)('prepared statements on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgresDatabase>>;
  let db: Db;
  beforeAll(async () => {
    scratch = await scratchPostgresDatabase();
    // One connection, so every statement below runs on the same session.
    ({ db } = await createDb(scratch.url, { poolSize: 1 }));
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  const prepared = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name like 'consumo_%'`.execute(db)).rows[0]!.n;

  it('prepares a repeated statement once and returns the same rows', async () => {
    const before = await prepared();
    for (let i = 0; i < 5; i++) {
      const rows = await db.selectFrom('workspaces').select('id').where('name', '=', `w${i}`).execute();
      expect(rows).toEqual([]);
    }
    // The pg_prepared_statements query itself is prepared too: one for the select, at most one more.
    expect((await prepared()) - before).toBeGreaterThanOrEqual(1);
    expect((await prepared()) - before).toBeLessThanOrEqual(2);
  });

  it(`runs a text with more than ${MAX_PREPARED_PARAMETERS} parameters unnamed, and prepares a long one with few`, async () => {
    const before = await prepared();
    const ids = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => `none-${i}`);
    expect(await db.selectFrom('workspaces').select('id').where('id', 'in', ids).execute()).toEqual([]);
    expect(await prepared()).toBe(before);
    // Some 3,000 characters and one parameter: a report's statement, which comes back.
    const long = sql.join(Array.from({ length: 150 }, (_, i) => sql.raw(`${i} as column_number_${i}`)));
    const { rows } = await sql<{ column_number_0: number }>`select ${long}, ${'x'}::text as tag`.execute(db);
    expect(rows[0]!.column_number_0).toBe(0);
    expect(await prepared()).toBe(before + 1);
  });

  it('runs a statement marked planEachTime unnamed every time (a filtered list: its plan depends on the values)', async () => {
    const before = await prepared();
    for (let i = 0; i < 8; i++) {
      const rows = await planEachTime(db.selectFrom('workspaces').select('id').where('name', '=', `list-${i}`)).execute();
      expect(rows).toEqual([]);
    }
    expect(await prepared()).toBe(before);
    // The statement unmarked is prepared (a text no other test has sent).
    await db.selectFrom('workspaces').select(['id', 'created_at']).where('name', '=', 'list-x').execute();
    expect(await prepared()).toBe(before + 1);
    await planEachTime(db.selectFrom('workspaces').select(['id', 'created_at']).where('name', '=', 'list-y')).execute();
    expect(await prepared()).toBe(before + 1);
  });

  it(`stops preparing new texts after ${MAX_PREPARED_PER_CONNECTION} per connection, and still answers them`, async () => {
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 40; i++) {
      const { rows } = await sql<{ v: number }>`select ${i}::int + ${sql.raw(String(i))} as v`.execute(db);
      expect(rows[0]!.v).toBe(2 * i);
    }
    expect(await prepared()).toBe(MAX_PREPARED_PER_CONNECTION);
  });
});

describe.runIf(onPostgres)('prepared statements through pg.Pool#query (callback form)', () => {
  it('answers and releases the client', async () => {
    const pg = (await import('pg')).default;
    const { withPreparedStatements } = await import('../../src/storage/prepared-statements.js');
    const pool = withPreparedStatements(new pg.Pool({ connectionString: process.env.CONSUMO_TEST_DATABASE_URL, max: 1 }));
    try {
      for (let i = 0; i < 3; i++) expect((await pool.query('select $1::int * 2 as v', [i])).rows[0].v).toBe(2 * i);
    } finally {
      await pool.end();
    }
  });
});
