/**
 * What a database engine offers beyond Kysely (Kysely's dialect-folder idea): reading a large
 * result in chunks, and a CSV body written by the engine itself where it can (PostgreSQL's COPY).
 * createDb returns one of these; services ask it for streams and never which engine it is.
 */
import type { Compilable, Expression, SqlBool } from 'kysely';
import type { Db } from '../database.js';

export type Engine = 'pglite' | 'postgres';

export type Row = Record<string, unknown>;

export interface RowStreamSpec {
  /**
   * The query, ordered by the key columns, with `after` (when given) added as a keyset condition
   * and `limit` (when given) as its LIMIT. An engine that reads with a cursor calls it once without either.
   */
  build(after: Expression<SqlBool> | undefined, limit: number | undefined): Compilable;
  /** The keyset condition "strictly after this row" in the key order. */
  after(last: Row): Expression<SqlBool>;
  /** Rows per chunk. */
  chunkSize: number;
}

/** A CSV body: a COPY statement for engines that stream COPY, and the same cells as one `line` per row for the others. */
export interface CsvSource {
  /** `COPY … TO STDOUT` takes no parameters: the statement with its values inlined through the driver's own quoting. */
  copyStatement(escapeLiteral: (value: string) => string): string;
  /** The rows, each with a `line` column holding its CSV line (no terminator). */
  lines: RowStreamSpec;
}

export interface DatabaseEngine {
  db: Db;
  engine: Engine;
  /** The file path of an embedded database, when there is one. */
  file: string | undefined;
  /** Chunks of rows in key order; breaking out of the loop (or an exception) ends the read and frees the connection. */
  streamRows(spec: RowStreamSpec): AsyncGenerator<Row[], void, undefined>;
  /** The CSV lines after the header, LF-terminated, a chunk at a time; returning early ends the read. */
  streamCsv(source: CsvSource): AsyncGenerator<string | Uint8Array, void, undefined>;
  /**
   * The bytes of a `COPY … TO STDOUT` statement (values inlined as for `CsvSource.copyStatement`),
   * on engines that stream COPY (PostgreSQL); absent elsewhere. A Parquet export decodes a binary
   * COPY with it (ADR 0032).
   */
  streamCopy?(copyStatement: (escapeLiteral: (value: string) => string) => string): AsyncGenerator<Uint8Array, void, undefined>;
}

/** The streaming half of an engine, what services are given. */
export type RowStreams = Pick<DatabaseEngine, 'streamRows' | 'streamCsv' | 'streamCopy'>;
