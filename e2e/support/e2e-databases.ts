/**
 * Database URLs for server processes: a file-backed PGlite directory, or a fresh PostgreSQL database.
 * Both start migrated (a copy of a migrated PGlite directory, a PostgreSQL database made from the
 * migrated template): initdb in WebAssembly and the migrations are ~6 s of every PGlite server's
 * first start, which the suites would otherwise pay dozens of times. The server still runs its
 * migrator and finds nothing to do; bootstrap and demo seeding are the server's own, as on any
 * empty database. `fresh: true` gives an empty directory or database, for the tests of a real first
 * start (initdb and every migration by the server itself).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Engine } from '../../packages/server/src/storage/create-db.js';
import { migratedPGliteDirectory, migratedPostgresTemplate, scratchPostgresDatabase } from '../../packages/server/test/support/test-databases.js';

export { testEngines as e2eEngines } from '../../packages/server/test/support/test-databases.js';
export type E2eEngine = Engine;

export interface E2eDatabase {
  dir: string;
  url: string;
  drop(): Promise<void>;
}

export interface E2eDatabaseOptions {
  /** An empty directory or database: the server runs initdb (PGlite) and every migration itself. */
  fresh?: boolean;
}

/** Copies a PGlite data directory (never one a server has open) to `dataDir`, creating its parents 0700. */
export function copyDataDir(from: string, dataDir: string): void {
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o700 });
  cpSync(from, dataDir, { recursive: true });
}

export async function e2eDatabase(engine: E2eEngine, { fresh = false }: E2eDatabaseOptions = {}): Promise<E2eDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-e2e-'));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (engine === 'pglite') {
    const dataDir = path.join(dir, '.consumo', 'db');
    if (!fresh) copyDataDir(await migratedPGliteDirectory(), dataDir);
    return { dir, url: `file://${dataDir}`, drop: removeDir };
  }
  const scratch = await scratchPostgresDatabase('consumo_e2e', fresh ? undefined : await migratedPostgresTemplate());
  return {
    dir,
    url: scratch.url,
    drop: async () => {
      await removeDir();
      await scratch.drop();
    },
  };
}
