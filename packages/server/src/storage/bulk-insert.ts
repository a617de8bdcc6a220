/** Inserts rows in large batches with one array parameter per column, the same SQL on PGlite and PostgreSQL. */
import { type RawBuilder, sql } from 'kysely';
import { OTHER_JSON_ESCAPE } from './array-literals.js';
import type { Database, Executor } from './database.js';

/** Element types a column array may be cast to; a closed list, since it is spliced into the SQL. */
export type BulkElementType = 'text' | 'uuid' | 'int4' | 'int8' | 'bool' | 'numeric' | 'date' | 'timestamptz' | 'jsonb' | 'json';

export type TableName = Exclude<keyof Database, '_unused'>;

export interface BulkColumn<T extends TableName, R> {
  name: keyof Database[T] & string;
  type: BulkElementType;
  /** The column's value for one row: a string, number, boolean, Date or null; jsonb as JSON text. */
  value: (row: R) => string | number | boolean | Date | null;
}

/** A column with one value for every row (e.g. workspace_id), bound once instead of once per row. */
export interface BulkConstant<T extends TableName> {
  name: keyof Database[T] & string;
  type: BulkElementType;
  value: string | number | boolean | null;
}

/** A batch already turned into array literals, ready to send. */
export interface EncodedBatch<T extends TableName> {
  table: T;
  columns: readonly { name: string; type: BulkElementType }[];
  literals: string[];
  rows: number;
  /** Columns every row holds the same value of (encodeBatch's `uniform`): bound once, not as an array. */
  shared?: readonly SharedValue[];
}

/** A column's one value in a batch (see EncodedBatch.shared). */
export interface SharedValue {
  name: string;
  type: BulkElementType;
  value: string;
}

export interface EncodeOptions {
  /**
   * Columns to bind once, as a constant, when every row holds the same non-null string in them:
   * fewer bytes to send and fewer values for PostgreSQL to read. Each one listed doubles the shapes
   * the statement can take (and so the plans kept), so list only the few that usually are uniform.
   * Only insertStatement (and so insertEncoded) binds them; arrayParameters leaves them out.
   */
  uniform?: readonly string[];
}

const TYPES = new Set<BulkElementType>(['text', 'uuid', 'int4', 'int8', 'bool', 'numeric', 'date', 'timestamptz', 'jsonb', 'json']);
const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

function checkType(type: BulkElementType): BulkElementType {
  // The type is spliced in with sql.raw: refuse anything off the list, whatever the caller's typing.
  if (!TYPES.has(type)) throw new TypeError(`bulkInsert: unsupported column type '${String(type)}'`);
  return type;
}

function text(value: string | number | boolean | Date): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}


/**
 * One column as a PostgreSQL array literal (`{a,"b c",NULL}`). Both engines take a string for an
 * array parameter and parse it server-side, so encoding here rather than in the driver is what
 * lets the next batch be prepared while the previous one is still executing.
 */
function arrayLiteral<R>(column: BulkColumn<TableName, R>, rows: readonly R[]): string {
  const values = new Array<string | number | boolean | Date | null>(rows.length);
  let onlyStrings = true;
  for (let i = 0; i < rows.length; i++) {
    const value = column.value(rows[i] as R) ?? null;
    values[i] = value;
    if (value !== null && typeof value !== 'string') onlyStrings = false;
  }
  // Strings and nulls only: JSON.stringify quotes each string as the literal does (a backslash before
  // each " and \) and writes null as NULL. Whether it escaped anything else is checked on its
  // output; only then is the column quoted value by value below (ADR 0031).
  if (onlyStrings) {
    const json = JSON.stringify(values);
    if (!OTHER_JSON_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  }
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value === null) {
      parts[i] = 'NULL';
      continue;
    }
    // Numbers, booleans and ISO dates never hold a quote, brace, comma or space; strings are always quoted.
    if (typeof value !== 'string') {
      parts[i] = text(value);
      continue;
    }
    parts[i] = `"${NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE, '\\$&') : value}"`;
  }
  return `{${parts.join(',')}}`;
}

/** The value every row holds in `column`, when that is one non-null string. */
function uniformString<T extends TableName, R>(column: BulkColumn<T, R>, rows: readonly R[]): string | undefined {
  if (rows.length === 0) return undefined;
  const first = column.value(rows[0]!);
  if (typeof first !== 'string') return undefined;
  for (let i = 1; i < rows.length; i++) if (column.value(rows[i]!) !== first) return undefined;
  return first;
}

export function encodeBatch<T extends TableName, R>(
  table: T,
  columns: readonly BulkColumn<T, R>[],
  rows: readonly R[],
  options: EncodeOptions = {},
): EncodedBatch<T> {
  const shared: SharedValue[] = [];
  const varying: BulkColumn<T, R>[] = [];
  for (const c of columns) {
    const value = options.uniform?.includes(c.name) ? uniformString(c, rows) : undefined;
    if (value !== undefined) shared.push({ name: c.name, type: checkType(c.type), value });
    else varying.push(c);
  }
  if (varying.length === 0) throw new TypeError('bulkInsert: no columns');
  const literals = varying.map((c) => arrayLiteral(c as unknown as BulkColumn<TableName, R>, rows));
  return {
    table,
    columns: varying.map((c) => ({ name: c.name, type: checkType(c.type) })),
    literals,
    rows: rows.length,
    ...(shared.length > 0 && { shared }),
  };
}

/** The batch's columns as the arguments of `unnest`: one array parameter a column, cast to its element type. */
export function arrayParameters(batch: EncodedBatch<TableName>): RawBuilder<unknown> {
  return sql.join(batch.columns.map((c, i) => sql`${batch.literals[i]}::${sql.raw(c.type)}[]`));
}

/**
 * `INSERT INTO t (k…, c…) SELECT $k…, * FROM unnest($1::uuid[], $2::text[], …)`: one statement
 * and one array parameter per column however many rows — one round trip and one plan per batch.
 */
export async function insertEncoded<T extends TableName>(
  executor: Executor,
  batch: EncodedBatch<T>,
  constants: readonly BulkConstant<T>[] = [],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<number> {
  if (batch.rows === 0) return 0;
  const result = await insertStatement(batch, constants, options).execute(executor);
  return Number(result.numAffectedRows ?? batch.rows);
}

/**
 * insertEncoded's statement, not executed: for a statement that does more with it (a data-modifying
 * CTE with RETURNING). `where`: a condition on the whole batch (rows are inserted only when it holds).
 */
export function insertStatement<T extends TableName>(
  batch: EncodedBatch<T>,
  constants: readonly BulkConstant<T>[] = [],
  options: { onConflictDoNothing?: boolean; where?: RawBuilder<unknown> } = {},
): RawBuilder<unknown> {
  const bound: readonly { name: string; type: BulkElementType; value: string | number | boolean | null }[] = [...constants, ...(batch.shared ?? [])];
  const names = [...bound.map((c) => c.name), ...batch.columns.map((c) => c.name)];
  const scalars = bound.map((c) => sql`${c.value === null ? null : text(c.value)}::${sql.raw(checkType(c.type))}`);
  const unnest = sql`unnest(${arrayParameters(batch)})${options.where ? sql` where ${options.where}` : sql``}`;
  const select = scalars.length > 0 ? sql`select ${sql.join(scalars)}, * from ${unnest}` : sql`select * from ${unnest}`;
  // With DO NOTHING, rows whose key exists already (or repeats inside the batch) are skipped and not counted.
  const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  return sql`insert into ${sql.table(batch.table)} (${sql.join(names.map((n) => sql.ref(n)))}) ${select}${conflict}`;
}

/** Inserts one batch of rows. It runs on the executor given: pass a transaction to make it atomic with other work. */
export async function bulkInsert<T extends TableName, R>(
  executor: Executor,
  table: T,
  columns: readonly BulkColumn<T, R>[],
  rows: readonly R[],
  constants: readonly BulkConstant<T>[] = [],
): Promise<number> {
  if (rows.length === 0) return 0;
  return insertEncoded(executor, encodeBatch(table, columns, rows), constants);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends a stream of batches through `insert`, generating and encoding batch k+1 while the database
 * executes batch k — on PostgreSQL the two then run in parallel. At most two batches are held at a
 * time. `onBatch` gets the rows inserted so far after each batch.
 */
export async function insertStream<T extends TableName, R>(
  table: T,
  columns: readonly BulkColumn<T, R>[],
  batches: Iterable<readonly R[]>,
  insert: (batch: EncodedBatch<T>) => Promise<number>,
  onBatch?: (inserted: number) => void,
): Promise<number> {
  let total = 0;
  let inFlight: Promise<number> | undefined;
  for (const rows of batches) {
    const encoded = encodeBatch(table, columns, rows);
    if (inFlight) {
      total += await inFlight;
      onBatch?.(total);
    }
    inFlight = insert(encoded);
    // Its rejection is awaited on the next turn; until then keep Node from reporting it unhandled.
    inFlight.catch(() => undefined);
    // Let the driver put the statement on the wire before the next batch is generated synchronously.
    await nextTurn();
  }
  if (inFlight) {
    total += await inFlight;
    onBatch?.(total);
  }
  return total;
}

/** Inserts a stream of batches (see insertStream), each as bulkInsert does. */
export function bulkInsertStream<T extends TableName, R>(
  executor: Executor,
  table: T,
  columns: readonly BulkColumn<T, R>[],
  batches: Iterable<readonly R[]>,
  constants: readonly BulkConstant<T>[] = [],
  onBatch?: (inserted: number) => void,
): Promise<number> {
  return insertStream(table, columns, batches, (batch) => insertEncoded(executor, batch, constants), onBatch);
}
