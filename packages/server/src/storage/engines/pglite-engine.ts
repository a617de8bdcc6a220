/**
 * PGlite (PostgreSQL in WebAssembly, in process): one connection every request shares, behind a
 * pg.Pool look-alike for Kysely's PostgresDialect (pglite-pool.ts; Kysely's own PGlite dialect
 * needs Node 22, ADR 0016). Large reads are keyset pages — one short query per chunk, so other
 * requests interleave (each chunk is consistent, the whole read is not) — and CSV is the `line`
 * column of such pages: PGlite's COPY TO '/dev/blob' would hold the whole export in memory.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { Kysely, type Expression, PostgresDialect, type SqlBool } from 'kysely';
import pg from 'pg';
import type { Database, Db } from '../database.js';
import type { DatabaseEngine, Row, RowStreamSpec } from './database-engine.js';
import { PGlitePool } from './pglite-pool.js';

const PARSERS = {
  [pg.types.builtins.DATE]: (v: string) => v,
  // PGlite's own parser is `new Date(text)`, which reads years 0001–0099 as 1901–1999 (or 2000–2049): node-postgres's reads every year.
  [pg.types.builtins.TIMESTAMPTZ]: pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ),
};

/** How to start an instance faster than from nothing (the test databases: a migrated template). */
export interface PGliteStart {
  /** A data directory archive (`dumpDataDir`) to start from instead of running initdb. */
  dataDirArchive?: Blob;
  /** PGlite's WebAssembly module, compiled once for every instance of the process. */
  wasmModule?: PGliteOptions['pgliteWasmModule'];
}

/**
 * `file` is the data directory, or undefined for a database in memory. The directory is the
 * owner's alone (0700, also when it already existed): it holds every tenant's data and the
 * private token-signing keys, and PGlite writes its files world-readable.
 */
/** The PGlite engine, which can also archive its data directory (a migrated template for the test databases). */
export interface PGliteEngine extends DatabaseEngine {
  /** The data directory as an uncompressed tar archive, what `PGliteStart.dataDirArchive` takes. */
  dumpDataDir(): Promise<Blob>;
}

export async function openPGlite(file: string | undefined, start: PGliteStart = {}): Promise<PGliteEngine> {
  if (file) {
    mkdirSync(file, { recursive: true, mode: 0o700 });
    chmodSync(file, 0o700);
  }
  const pglite = await PGlite.create({
    ...(file && { dataDir: file }),
    ...(start.dataDirArchive && { loadDataDir: start.dataDirArchive }),
    ...(start.wasmModule && { pgliteWasmModule: start.wasmModule }),
    parsers: PARSERS,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return {
    db,
    engine: 'pglite',
    file,
    dumpDataDir: () => pglite.dumpDataDir('none'),
    streamRows: (spec) => keysetChunks(db, spec),
    async *streamCsv(source) {
      const pages = keysetChunks(db, source.lines);
      try {
        for await (const chunk of pages) {
          let text = '';
          for (const row of chunk) text += `${row.line as string}\n`;
          yield text;
        }
      } finally {
        await pages.return(undefined);
      }
    },
  };
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
