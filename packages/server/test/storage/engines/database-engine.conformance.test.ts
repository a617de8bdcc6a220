/**
 * One conformance suite for both DatabaseEngine implementations (storage/engines: PGlite and
 * PostgreSQL): large reads come in chunks of at most `chunkSize`, in key order, each row once;
 * stopping early frees the connection for the next query; and a CSV source gives the same text
 * whether the engine writes it by COPY or from the rows' `line` column.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvSource, Row, RowStreamSpec } from '../../../src/storage/engines/database-engine.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

const ROWS = 1_037;

describe.each(testEngines())('DatabaseEngine on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await sql`create table engine_rows (k integer primary key, a text not null, b text not null)`.execute(database.db);
    await sql`insert into engine_rows select g, 'a' || g, 'b' || (g % 7) from generate_series(1, ${ROWS}) g`.execute(database.db);
  });
  afterAll(() => database.drop());

  /** Rows by k, optionally filtered; `after` and `limit` make a keyset page. */
  const spec = (chunkSize: number, column = sql`k, a, b`, where = sql<SqlBool>`true`): RowStreamSpec => ({
    build: (after, limit) => {
      const query = sql`select ${column} from engine_rows where ${where} and ${after ?? sql<SqlBool>`true`} order by k ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
      return { compile: () => query.compile(database.db) };
    },
    after: (last: Row) => sql<SqlBool>`k > ${last.k as number}` as Expression<SqlBool>,
    chunkSize,
  });

  it('reads every row once, in key order, in chunks of at most chunkSize', async () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    for await (const chunk of database.streamRows(spec(100))) {
      sizes.push(chunk.length);
      for (const row of chunk) seen.push(row.k as number);
    }
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(ROWS / 100));
  });

  it('frees its connection when the reader stops early, so the next queries run', async () => {
    for (let round = 0; round < 12; round++) {
      for await (const chunk of database.streamRows(spec(10))) {
        expect(chunk.length).toBe(10);
        break;
      }
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from engine_rows`.execute(database.db);
    expect(rows[0]!.n).toBe(ROWS);
  });

  it('writes a CSV source as the same lines, by COPY or from the line column', async () => {
    const source: CsvSource = {
      copyStatement: (escapeLiteral) => `COPY (select a, b from engine_rows where b <> ${escapeLiteral('b3')} order by k) TO STDOUT WITH (FORMAT csv)`,
      lines: spec(64, sql`k, a || ',' || b as line`, sql<SqlBool>`b <> 'b3'`),
    };
    let text = '';
    for await (const chunk of database.streamCsv(source)) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const expected = Array.from({ length: ROWS }, (_, i) => i + 1)
      .filter((k) => k % 7 !== 3)
      .map((k) => `a${k},b${k % 7}\n`)
      .join('');
    expect(text).toBe(expected);
  });
});
