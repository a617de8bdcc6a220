/**
 * A benchmark's scratch database: PostgreSQL database `consumo_bench_<name>` (created from the
 * admin URL, dropped at the end) or a PGlite directory `bench/<name>/data/pglite` (removed at the
 * end); `keep` leaves either in place.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { cleanups } from './cleanups.mjs';

/**
 * A benchmark's PostgreSQL scratch database name: `base`, or `base_<BENCH_DB_SUFFIX>` when that is
 * set (bench/guard sets it, so the CI guard never drops a database a full run left with --keep,
 * and the two never collide).
 */
export function benchDatabaseName(base) {
  const suffix = (process.env.BENCH_DB_SUFFIX ?? '').replace(/[^a-z0-9_]/gi, '').toLowerCase();
  return suffix ? `${base}_${suffix}` : base;
}

/** Runs one statement on the admin database; its rows. */
export async function pgAdmin(adminUrl, text) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * @param {{ adminUrl: string, database: string, dataDir: string, keep: boolean }} o
 */
export function scratch(o) {
  const pgliteDir = path.join(o.dataDir, 'pglite');
  return {
    url(engine) {
      if (engine !== 'postgres') return `file://${pgliteDir}`;
      const url = new URL(o.adminUrl);
      url.pathname = `/${o.database}`;
      return url.toString();
    },
    /** A new empty database; with `reuseKept`, an existing one kept by an earlier `keep` run stays. */
    async create(engine, { reuseKept = false } = {}) {
      if (engine === 'postgres') {
        const exists = reuseKept && (await pgAdmin(o.adminUrl, `select 1 from pg_database where datname = '${o.database}'`)).length > 0;
        if (!exists) {
          await pgAdmin(o.adminUrl, `drop database if exists ${o.database} with (force)`);
          await pgAdmin(o.adminUrl, `create database ${o.database}`);
        }
        if (!o.keep) cleanups.push(() => pgAdmin(o.adminUrl, `drop database if exists ${o.database} with (force)`));
      } else {
        if (!reuseKept) rmSync(pgliteDir, { recursive: true, force: true });
        mkdirSync(o.dataDir, { recursive: true });
        if (!o.keep) cleanups.push(async () => rmSync(pgliteDir, { recursive: true, force: true }));
      }
    },
  };
}
