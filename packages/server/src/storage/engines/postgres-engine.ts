/**
 * PostgreSQL through `pg`: a pool, named prepared statements (unless behind a transaction-mode
 * pooler), large reads with a server-side cursor in one REPEATABLE READ READ ONLY transaction on a
 * dedicated connection (one snapshot for the whole read), and CSV by `COPY … TO STDOUT`.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database } from '../database.js';
import { withPreparedStatements } from '../prepared-statements.js';
import { STREAMING_READ_SETTINGS, copyOut } from './copy-out.js';
import type { CsvSource, DatabaseEngine, Row, RowStreamSpec } from './database-engine.js';

// numeric stays a string (exact money); int8 counts are cast in SQL where they are read.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
// A date is a calendar day, not an instant: 'YYYY-MM-DD' text on both engines, never a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Connections a server process's pool may open unless told otherwise (CONSUMO_PG_POOL_SIZE). */
export const DEFAULT_PG_POOL_SIZE = 10;

export interface PostgresOptions {
  poolSize?: number | undefined;
  /** Name statements so PostgreSQL plans them once per connection (off behind a transaction-mode pooler). */
  preparedStatements?: boolean;
}

export function openPostgres(databaseUrl: string, options: PostgresOptions = {}): DatabaseEngine {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? DEFAULT_PG_POOL_SIZE });
  // A failed idle client must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (options.preparedStatements ?? true) withPreparedStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    file: undefined,
    streamRows: (spec) => cursorChunks(pool, spec),
    streamCsv: (source: CsvSource) => copyStream(pool, source.copyStatement),
    streamCopy: (copyStatement) => copyStream(pool, copyStatement),
  };
}

async function* copyStream(pool: pg.Pool, copyStatement: CsvSource['copyStatement']): AsyncGenerator<Uint8Array, void, undefined> {
  const body = copyOut(pool, copyStatement(pg.escapeLiteral));
  try {
    yield* body;
  } finally {
    await body.return(undefined);
  }
}

async function* cursorChunks(pool: pg.Pool, spec: RowStreamSpec): AsyncGenerator<Row[], void, undefined> {
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
