/** Opens the database named by DATABASE_URL: PGlite for file:// and memory://, PostgreSQL for postgres://. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './database.js';
import { PGlitePool } from './pglite-pool.js';
import { withPreparedStatements } from './prepared-statements.js';

export type Engine = 'pglite' | 'postgres';

export interface OpenDatabase {
  db: Db;
  engine: Engine;
  /** The file path of an embedded database, when there is one. */
  file: string | undefined;
}

// numeric stays a string (exact money); int8 counts are cast in SQL where they are read.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
// A date is a calendar day, not an instant: 'YYYY-MM-DD' text on both engines, never a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
const PGLITE_PARSERS = { [pg.types.builtins.DATE]: (v: string) => v };

/** The pg.Pool behind each PostgreSQL Db, for the few readers that need a raw connection (cursors). */
const pools = new WeakMap<Db, pg.Pool>();

/** The pg.Pool a PostgreSQL Db was opened on; undefined for PGlite or a Db not opened here. */
export function pgPoolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}

export function filePathOf(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('file://')) return undefined;
  return path.resolve(decodeURIComponent(databaseUrl.slice('file://'.length)));
}

export interface CreateDbOptions {
  poolSize?: number;
  /** Name statements so PostgreSQL plans them once per connection (off behind a transaction-mode pooler). */
  preparedStatements?: boolean;
}

export async function createDb(databaseUrl: string, options: CreateDbOptions = {}): Promise<OpenDatabase> {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
    // A failed idle client must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    if (options.preparedStatements ?? true) withPreparedStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return { db, engine: 'postgres', file: undefined };
  }
  const file = filePathOf(databaseUrl);
  if (file) mkdirSync(file, { recursive: true });
  const pglite = await PGlite.create(file ? { dataDir: file, parsers: PGLITE_PARSERS } : { parsers: PGLITE_PARSERS });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, engine: 'pglite', file };
}
