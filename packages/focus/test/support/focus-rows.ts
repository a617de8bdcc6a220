/** Test support: the conformant FOCUS 1.2 fixture as cells, variations of its rows, its Parquet twin. */
// Test support: the hand-made conformant FOCUS 1.2 fixture (13 rows) as cells, variations of its rows,
// its reduction to the 1.0 columns, and its Parquet twin written with parquet-wasm.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { Float64, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm';
import { FOCUS_1_0_COLUMNS, FOCUS_1_2_COLUMNS, type Cell, type CheckOptions, type ConformanceReport, checkRows } from '../../src/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const CONFORMANT_CSV = `${FIXTURES}focus-conformant-1.2.csv`;
export const SAMPLE_1_0 = `${FIXTURES}focus-samples/focus-1.0_focus_sample_1000.csv`;
export const SPEC_EXAMPLE_1_2 = `${FIXTURES}focus-samples/focus-1.2_spec-example_commitment-discount-flexibility_2-resources.csv`;

/** The fixture's rows, by what they show. */
export const ROW = {
  usage: 0,
  storage: 1,
  committedUsage: 2,
  unusedCommitment: 4,
  purchase: 5,
  tax: 6,
  credit: 7,
  spot: 8,
  noResource: 9,
  correction: 10,
  tokens: 11,
  capacityReservation: 12,
} as const;

export interface Rows {
  header: string[];
  rows: Cell[][];
}

export function conformantRows(): Rows {
  const [header, ...rows] = parse(readFileSync(CONFORMANT_CSV, 'utf8')) as string[][];
  return { header: header!, rows: rows.map((r) => r.map((v) => (v === '' ? null : v))) };
}

/** A copy of one fixture row with some cells changed (null: an empty cell). */
export function rowWith(data: Rows, index: number, changes: Record<string, Cell> = {}): Cell[] {
  const row = [...data.rows[index]!];
  for (const [column, value] of Object.entries(changes)) {
    const i = data.header.indexOf(column);
    if (i < 0) throw new Error(`no column ${column}`);
    row[i] = value;
  }
  return row;
}

/** The same rows restricted to the given columns. */
export function onlyColumns(data: Rows, keep: (name: string) => boolean): Rows {
  const positions = data.header.map((name, i) => (keep(name) ? i : -1)).filter((i) => i >= 0);
  return { header: positions.map((i) => data.header[i]!), rows: data.rows.map((r) => positions.map((i) => r[i] ?? null)) };
}

const FOCUS_1_0_NAMES = new Set(FOCUS_1_0_COLUMNS.map((c) => c.name));
export const as10 = (data: Rows): Rows => onlyColumns(data, (name) => FOCUS_1_0_NAMES.has(name));

export function check(header: readonly Cell[], rows: readonly (readonly Cell[])[], options: CheckOptions = {}): Promise<ConformanceReport> {
  return checkRows([header, ...rows], { maxViolations: 10_000, ...options });
}

const TYPE_OF = new Map(FOCUS_1_2_COLUMNS.map((c) => [c.name, c.type]));

/**
 * The rows as Parquet: FOCUS Decimal columns as float64, Date/Time as UTC millisecond timestamps,
 * everything else as UTF-8 strings; nulls as nulls. `rowGroupSize` small makes several batches.
 */
export function parquetOf(data: Rows, rowGroupSize = 1024): Uint8Array {
  const columns: Record<string, ReturnType<typeof vectorFromArray>> = {};
  data.header.forEach((name, i) => {
    const cells = data.rows.map((r) => r[i] ?? null);
    const type = TYPE_OF.get(name);
    let vector;
    if (type === 'Decimal') vector = vectorFromArray(cells.map((c) => (c === null ? null : Number(c))), new Float64());
    else if (type === 'Date/Time') vector = vectorFromArray(cells.map((c) => (c === null ? null : Date.parse(c))), new TimestampMillisecond('UTC'));
    else vector = vectorFromArray(cells, new Utf8());
    columns[name] = vector as ReturnType<typeof vectorFromArray>;
  });
  const table = new Table(columns);
  const properties = new WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupSize).build();
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')), properties);
}
