/**
 * The database matrix: every integration suite runs on PGlite, and also on PostgreSQL when
 * CONSUMO_TEST_DATABASE_URL is set (each suite in a fresh database of its own).
 * CONSUMO_TEST_ENGINES=postgres (or pglite) narrows the matrix, so CI does not run PGlite twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Engine, type OpenDatabase, createDb } from '../../src/storage/create-db.js';
import type { Db } from '../../src/storage/database.js';
import { type PGliteStart, openPGlite } from '../../src/storage/engines/pglite-engine.js';
import { compilePGliteWasm, migratedDataDirArchive } from '../../src/storage/memory-template.js';
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
export async function scratchPostgresDatabase(prefix = 'consumo_t', template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error('CONSUMO_TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onAdminConnection((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdminConnection((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** PGlite's dist folder (its package exports neither package.json nor the .wasm). */
const pgliteDist = () => path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));

/**
 * What the migrated schema is made of: the migration sources and the PGlite version. A template
 * made from other migrations is never used; the key names it.
 */
const templateKey = (() => {
  const dir = fileURLToPath(new URL('../../src/storage/migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(path.join(dir, name)));
  hash.update(readFileSync(path.join(pgliteDist(), '..', 'package.json')));
  return hash.digest('hex').slice(0, 16);
})();

/**
 * A new PGlite database is the slow part of a test (initdb in WebAssembly, then every migration:
 * ~3 s on two cores, more under load); one started from an archive of a migrated data directory
 * takes a fraction of that. The archive is made once per migration set and kept under
 * node_modules/.cache (written to a temporary name and renamed, so parallel workers never read half
 * of one); PGlite's WebAssembly is compiled once per process.
 */
let pgliteStart: Promise<Required<PGliteStart>> | undefined;


async function pgliteTemplate() {
  const cacheDir = fileURLToPath(new URL('../../../../node_modules/.cache/consumo-test-databases/', import.meta.url));
  const file = path.join(cacheDir, `pglite-${templateKey}.tar`);
  const wasmModule = await compilePGliteWasm();
  let archive: Blob;
  try {
    archive = new Blob([readFileSync(file)]);
  } catch {
    archive = await migratedDataDirArchive(wasmModule);
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await archive.arrayBuffer()));
    renameSync(partial, file);
  }
  return { dataDirArchive: archive, wasmModule: wasmModule! };
}

/**
 * A migrated PGlite data directory for this migration set, kept beside the archive and made once
 * (in a directory of its own, closed, then renamed into place, so a parallel worker never sees half
 * of one; two workers racing both make one and the second rename is dropped). The e2e suites copy
 * it for each server process they start on a `file://` database: initdb in WebAssembly alone is
 * ~6 s a server on two cores, a copy a fraction of a second. Never opened in place.
 */
let pgliteDirectory: Promise<string> | undefined;

async function makePGliteDirectory(): Promise<string> {
  const cacheDir = fileURLToPath(new URL('../../../../node_modules/.cache/consumo-test-databases/', import.meta.url));
  const dir = path.join(cacheDir, `pglite-dir-${templateKey}`);
  if (existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  const partial = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const opened = await openPGlite(partial);
  try {
    await migrateToLatest(opened.db);
  } finally {
    await opened.db.destroy();
  }
  try {
    renameSync(partial, dir);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'PG_VERSION'))) throw err;
  }
  return dir;
}

/** The path of a migrated, empty PGlite data directory to copy (never to open in place). */
export function migratedPGliteDirectory(): Promise<string> {
  pgliteDirectory ??= makePGliteDirectory().catch((err: unknown) => {
    pgliteDirectory = undefined;
    throw err;
  });
  return pgliteDirectory;
}

/** The name of a migrated PostgreSQL template database, for `scratchPostgresDatabase(prefix, template)`. */
export function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= makePostgresTemplate();
  return postgresTemplate;
}

/** A migrated PostgreSQL template database for this migration set, made once (under an advisory lock) and copied by CREATE DATABASE. */
let postgresTemplate: Promise<string> | undefined;

async function makePostgresTemplate(): Promise<string> {
  const name = `consumo_tpl_${templateKey}`;
  await onAdminConnection(async (admin) => {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rows } = await admin.query<{ datistemplate: boolean }>('select datistemplate from pg_database where datname = $1', [name]);
      if (rows[0]?.datistemplate) return;
      // Left half-made by a run that died, or from an older migration set: start again.
      await admin.query(`drop database if exists ${name} with (force)`);
      const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'consumo\\_tpl\\_%' and datname <> $1", [name]);
      for (const { datname } of stale.rows) {
        await admin.query(`alter database ${datname} is_template false`).catch(() => undefined);
        await admin.query(`drop database if exists ${datname}`).catch(() => undefined);
      }
      await admin.query(`create database ${name}`);
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      const opened = await createDb(url.toString(), { poolSize: 1 });
      try {
        await migrateToLatest(opened.db);
      } finally {
        await opened.db.destroy();
      }
      await admin.query(`alter database ${name} is_template true`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

/** A migrated, empty database on the engine asked for. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    pgliteStart ??= pgliteTemplate();
    const opened = await openPGlite(undefined, await pgliteStart);
    return { ...opened, drop: () => opened.db.destroy() };
  }
  const template = await migratedPostgresTemplate();
  const scratch = await scratchPostgresDatabase('consumo_t', template);
  const opened = await createDb(scratch.url, { poolSize: 5 });
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
