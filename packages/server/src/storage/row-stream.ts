/**
 * Reads a large result in chunks without holding it: on PostgreSQL one REPEATABLE READ READ ONLY
 * transaction on a dedicated pooled connection with a server-side cursor (one snapshot for the
 * whole read); on PGlite, whose one connection every request shares, keyset pagination — one short
 * query per chunk, so other requests interleave (each chunk is consistent, the whole read is not).
 */
import type { Compilable, Expression, SqlBool } from 'kysely';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Db } from './database.js';
import { STREAMING_READ_SETTINGS } from './copy-out.js';
import { pgPoolOf } from './create-db.js';

export type Row = Record<string, unknown>;

export interface RowStreamSpec {
  /**
   * The query, ordered by the key columns, with `after` (when given) added as a keyset condition
   * and `limit` (when given) as its LIMIT. PostgreSQL calls it once without either.
   */
  build(after: Expression<SqlBool> | undefined, limit: number | undefined): Compilable;
  /** The keyset condition "strictly after this row" in the key order. */
  after(last: Row): Expression<SqlBool>;
  /** Rows per chunk. */
  chunkSize: number;
}

/** Chunks of rows in key order; breaking out of the loop (or an exception) ends the read and frees the connection. */
export async function* streamRows(db: Db, spec: RowStreamSpec): AsyncGenerator<Row[], void, undefined> {
  const pool = pgPoolOf(db);
  if (!pool) {
    yield* keysetChunks(db, spec);
    return;
  }
  const client = await pool.connect();
  let cursor: Cursor<Row> | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(STREAMING_READ_SETTINGS);
    const compiled = spec.build(undefined, undefined).compile();
    cursor = client.query(new Cursor<Row>(compiled.sql, compiled.parameters as unknown[]));
    for (;;) {
      const rows = await cursor.read(spec.chunkSize);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < spec.chunkSize) return;
    }
  } finally {
    await closeQuietly(client, cursor);
  }
}

/** Closes the cursor, rolls back and releases; a connection left in an unknown state is destroyed, never reused. */
async function closeQuietly(client: pg.PoolClient, cursor: Cursor<Row> | undefined): Promise<void> {
  try {
    if (cursor) await cursor.close();
    await client.query('ROLLBACK');
    client.release();
  } catch (err) {
    client.release(err instanceof Error ? err : true);
  }
}

async function* keysetChunks(db: Db, spec: RowStreamSpec): AsyncGenerator<Row[], void, undefined> {
  let after: Expression<SqlBool> | undefined;
  for (;;) {
    const compiled = spec.build(after, spec.chunkSize).compile();
    const { rows } = await db.executeQuery<Row>(compiled);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < spec.chunkSize) return;
    after = spec.after(rows[rows.length - 1]!);
  }
}
