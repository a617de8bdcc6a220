/**
 * The database matrix: every integration suite runs on PGlite, and also on PostgreSQL when
 * CONSUMO_TEST_DATABASE_URL is set (each suite in a fresh database of its own).
 * CONSUMO_TEST_ENGINES=postgres (or pglite) narrows the matrix, so CI does not run PGlite twice.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Engine, type OpenDatabase, createDb } from '../../src/storage/create-db.js';
import type { Db } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';

const postgresUrl = process.env.CONSUMO_TEST_DATABASE_URL;

export function testEngines(): Engine[] {
  const wanted = process.env.CONSUMO_TEST_ENGINES?.split(',').map((e) => e.trim()) ?? ['pglite', 'postgres'];
  const engines: Engine[] = [];
  if (wanted.includes('pglite')) engines.push('pglite');
  if (wanted.includes('postgres') && postgresUrl) engines.push('postgres');
  return engines;
}

if (!postgresUrl && !process.env.CONSUMO_TEST_SKIP_NOTICE_SHOWN) {
  process.env.CONSUMO_TEST_SKIP_NOTICE_SHOWN = '1';
  console.warn('[skip] PostgreSQL variants of the integration suites: CONSUMO_TEST_DATABASE_URL is not set (PGlite runs them all).');
}

export interface TestDatabase extends OpenDatabase {
  /** Closes the handle and drops the scratch database. */
  drop(): Promise<void>;
}

async function onAdminConnection(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database next to CONSUMO_TEST_DATABASE_URL's, and how to drop it. */
export async function scratchPostgresDatabase(prefix = 'consumo_t'): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error('CONSUMO_TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onAdminConnection((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdminConnection((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** A migrated, empty database on the engine asked for. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const opened = await createDb('memory://');
    await migrateToLatest(opened.db);
    return { ...opened, drop: () => opened.db.destroy() };
  }
  const scratch = await scratchPostgresDatabase();
  const opened = await createDb(scratch.url, { poolSize: 5 });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    drop: async () => {
      await opened.db.destroy();
      await scratch.drop();
    },
  };
}

/** Inserts a workspace row, which every tenant table references. */
export async function createWorkspace(db: Db, id: string, name = id): Promise<string> {
  await db.insertInto('workspaces').values({ id, name }).execute();
  return id;
}
