/**
 * DuckDB as the independent reader of export files (Parquet, CSV): one in-memory instance per test
 * file, in UTC, and a temporary directory for the bytes it reads; both go away after the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

export interface DuckDbReader {
  /** The connection (open from the file's beforeAll to its afterAll). */
  readonly conn: DuckDBConnection;
  /** Writes the bytes to a new temporary file; its path, quoted for SQL. */
  file(bytes: Uint8Array, ext: string): string;
  /** A path for `name` in the temporary directory (not quoted), for a file the test writes itself. */
  path(name: string): string;
}

/** Call at a test file's top level: opens DuckDB before its tests and closes it, and removes the files, after them. */
export function useDuckDb(prefix: string): DuckDbReader {
  const dir = mkdtempSync(join(tmpdir(), `consumo-${prefix}-`));
  let files = 0;
  let duck: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    duck = await DuckDBInstance.create(':memory:');
    conn = await duck.connect();
    await conn.run("SET TimeZone = 'UTC'");
  });
  afterAll(() => {
    conn?.closeSync();
    duck?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get conn() {
      if (!conn) throw new Error('DuckDB is open only inside the tests of the file that called useDuckDb');
      return conn;
    },
    file(bytes, ext) {
      const path = join(dir, `export-${++files}.${ext}`);
      writeFileSync(path, bytes);
      return `'${path}'`;
    },
    path: (name) => join(dir, name),
  };
}
