/** Database URLs for server processes: a file-backed PGlite directory, or a fresh PostgreSQL database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Engine } from '../../packages/server/src/storage/create-db.js';
import { scratchPostgresDatabase } from '../../packages/server/test/support/test-databases.js';

export { testEngines as e2eEngines } from '../../packages/server/test/support/test-databases.js';
export type E2eEngine = Engine;

export interface E2eDatabase {
  dir: string;
  url: string;
  drop(): Promise<void>;
}

export async function e2eDatabase(engine: E2eEngine): Promise<E2eDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-e2e-'));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (engine === 'pglite') return { dir, url: `file://${path.join(dir, '.consumo', 'db')}`, drop: removeDir };
  const scratch = await scratchPostgresDatabase('consumo_e2e');
  return {
    dir,
    url: scratch.url,
    drop: async () => {
      await removeDir();
      await scratch.drop();
    },
  };
}
