/** Database URLs for server processes: a file-backed PGlite directory, or a fresh PostgreSQL database. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type E2eEngine = 'pglite' | 'postgres';

export function e2eEngines(): E2eEngine[] {
  const wanted = process.env.CONSUMO_TEST_ENGINES?.split(',') ?? ['pglite', 'postgres'];
  return wanted.filter((e): e is E2eEngine => e === 'pglite' || (e === 'postgres' && !!process.env.CONSUMO_TEST_DATABASE_URL));
}

export interface E2eDatabase {
  dir: string;
  url: string;
  drop(): Promise<void>;
}

export async function e2eDatabase(engine: E2eEngine): Promise<E2eDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-e2e-'));
  if (engine === 'pglite') {
    return { dir, url: `file://${path.join(dir, '.consumo', 'db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.CONSUMO_TEST_DATABASE_URL!;
  const name = `consumo_e2e_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    dir,
    url: url.toString(),
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
