/** Reads a server's database after the server was stopped or killed, without recovering it in its place. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, filePathOf } from '../../packages/server/src/storage/create-db.js';
import type { Db } from '../../packages/server/src/storage/database.js';
import type { E2eDatabase, E2eEngine } from './e2e-databases.js';

/**
 * Reads the database while no server runs on it. A PGlite directory is copied first and the copy
 * opened, so the restarted server, not this reader, is the one that recovers the original.
 */
export async function inspect<T>(engine: E2eEngine, database: E2eDatabase, read: (db: Db) => Promise<T>): Promise<T> {
  let url = database.url;
  let copy: string | undefined;
  if (engine === 'pglite') {
    copy = mkdtempSync(path.join(tmpdir(), 'consumo-crash-copy-'));
    cpSync(filePathOf(database.url)!, copy, { recursive: true });
    url = `file://${copy}`;
  }
  const { db } = await createDb(url, { poolSize: 2 });
  try {
    return await read(db);
  } finally {
    await db.destroy();
    if (copy) rmSync(copy, { recursive: true, force: true });
  }
}
