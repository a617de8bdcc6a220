/** The requirements model's check functions Consumo implements: per-row, header (column presence) and whole-dataset ones. */
// A rule whose Requirement or Condition uses a function not listed here is reported "skipped: check
// function not implemented", never passed. Nulls: a CSV empty field and a Parquet null are null; a
// check on a value passes on a null unless the function is about nulls (CheckValue/CheckNotValue with
// Value null) — the nullability rules say whether a null is allowed.
import { Decimal } from 'decimal.js';
import type { Cell } from '../conformance/cells.js';
import { dateTimeProblem } from '../conformance/date-time-format.js';
import { parseKeyValue } from '../conformance/key-value-format.js';
import { isFocusNumber } from '../conformance/numeric-format.js';
import type { CheckNode } from './model-shape.js';

/** One data row as the checks read it: a column's cell, or undefined when the file has no such column. */
export interface ModelRow {
  cell(column: string): Cell | undefined;
}

export type RowCheck = (node: CheckNode, row: ModelRow) => boolean;

/** Whole-dataset state: fed every row the rule's Condition holds for, asked for the failures at the end. */
export interface DatasetCheck {
  observe(row: ModelRow, at: number): void;
  finish(): { failures: number; rows: number[]; notes: string[] };
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const arg = (node: CheckNode, name: string): string => {
  const v = node[name];
  if (typeof v !== 'string') throw new Error(`${node.CheckFunction} needs the argument ${name}`);
  return v;
};
const col = (node: CheckNode) => arg(node, 'ColumnName');
const valueOf = (row: ModelRow, column: string): Cell => row.cell(column) ?? null;

/** Equality of a cell and a model value: as decimals when both are numbers (`0` = `0.00`), else as text. */
function sameValue(cell: Cell, value: unknown): boolean {
  const expected = text(value);
  if (cell === null || expected === null) return cell === expected;
  if (cell === expected) return true;
  if (isFocusNumber(cell) && isFocusNumber(expected)) return new Decimal(cell).equals(new Decimal(expected));
  return false;
}

const NATIONAL_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const CURRENCY_CODE = /^[A-Z]{3}$/;

const nullOr = (check: (text: string) => boolean) => (node: CheckNode, row: ModelRow) => {
  const cell = valueOf(row, col(node));
  return cell === null || check(cell);
};

function isJsonObject(t: string): boolean {
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Functions of one row. AND/OR/CheckModelRule are the engine's (they need the other rules). */
export const ROW_CHECKS: Readonly<Record<string, RowCheck>> = {
  // Text cells carry no physical type: a String column holds any text; Decimal and Date/Time are read as their formats.
  TypeString: () => true,
  TypeDecimal: nullOr(isFocusNumber),
  TypeDateTime: nullOr((t) => dateTimeProblem(t) === null),
  FormatString: nullOr((t) => t !== ''),
  FormatNumeric: nullOr(isFocusNumber),
  FormatDateTime: nullOr((t) => dateTimeProblem(t) === null),
  FormatCurrency: nullOr((t) => CURRENCY_CODE.test(t)),
  CheckNationalCurrency: nullOr((t) => NATIONAL_CURRENCIES.has(t)),
  FormatKeyValue: nullOr((t) => parseKeyValue(t).ok),
  CheckDecimalValue: nullOr(isFocusNumber),
  CheckValue: (node, row) => sameValue(valueOf(row, col(node)), node.Value),
  CheckNotValue: (node, row) => !sameValue(valueOf(row, col(node)), node.Value),
  CheckSameValue: (node, row) => {
    const a = valueOf(row, arg(node, 'ColumnAName'));
    const b = valueOf(row, arg(node, 'ColumnBName'));
    return sameValue(a, b);
  },
  CheckGreaterOrEqualThanValue: (node, row) => {
    const cell = valueOf(row, col(node));
    const bound = text(node.Value);
    // A value that is not a number is the format rule's to report.
    if (cell === null || bound === null || !isFocusNumber(cell)) return true;
    return new Decimal(cell).greaterThanOrEqualTo(new Decimal(bound));
  },
  ColumnByColumnEqualsColumnValue: (node, row) => {
    const a = valueOf(row, arg(node, 'ColumnAName'));
    const b = valueOf(row, arg(node, 'ColumnBName'));
    const r = valueOf(row, arg(node, 'ResultColumnName'));
    if (a === null || b === null || r === null || !isFocusNumber(a) || !isFocusNumber(b) || !isFocusNumber(r)) return true;
    return new Decimal(a).times(new Decimal(b)).equals(new Decimal(r));
  },
  // The JSON column holds a JSON object (the model's Path argument: only the root, `$`, is read).
  FormatJSON: (node, row) => {
    const cell = valueOf(row, col(node));
    return cell === null || isJsonObject(cell);
  },
  // The key at a `$.A.B` path exists in the column's JSON (a null cell has nothing to check).
  JSONCheckPathKeyExists: (node, row) => {
    const cell = valueOf(row, col(node));
    return cell === null || jsonAt(cell, simpleJsonPath(node.Path) ?? []).found;
  },
};

/** `$.A.B` → ['A', 'B']; null for any other path syntax (filters, wildcards, indexes). */
export function simpleJsonPath(path: unknown): string[] | null {
  if (typeof path !== 'string' || !/^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) return null;
  return path.split('.').slice(1);
}

function jsonAt(t: string, keys: readonly string[]): { found: boolean } {
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return { found: false };
  }
  for (const k of keys) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !(k in v)) return { found: false };
    v = (v as Record<string, unknown>)[k];
  }
  return { found: true };
}

/** Functions of the header. */
export const HEADER_CHECKS: Readonly<Record<string, (node: CheckNode, columns: ReadonlySet<string>) => boolean>> = {
  ColumnPresent: (node, columns) => columns.has(col(node)),
};

/** Distinct values a dataset check tracks before it stops and says so (bounded memory on any file). */
export const DATASET_TRACKING_LIMIT = 1_000_000;

/** Functions of the whole dataset. */
export const DATASET_CHECKS: Readonly<Record<string, (node: CheckNode) => DatasetCheck>> = {
  CheckNoDuplicates: (node) => {
    const column = col(node);
    const seen = new Set<string>();
    const rows: number[] = [];
    let failures = 0;
    let full = false;
    return {
      observe(row, at) {
        const cell = valueOf(row, column);
        if (cell === null) return;
        if (seen.has(cell)) {
          failures++;
          if (rows.length < 5) rows.push(at);
        } else if (seen.size < DATASET_TRACKING_LIMIT) seen.add(cell);
        else full = true;
      },
      finish: () => ({ failures, rows, notes: full ? [`${column}: only the first ${DATASET_TRACKING_LIMIT} distinct values were tracked`] : [] }),
    };
  },
  CheckDistinctCount: (node) => {
    const a = arg(node, 'ColumnAName');
    const b = arg(node, 'ColumnBName');
    const expected = Number(node.ExpectedCount);
    const values = new Map<string, Set<string | null>>();
    const firstRow = new Map<string, number>();
    let full = false;
    return {
      observe(row, at) {
        const key = valueOf(row, a);
        if (key === null) return;
        let set = values.get(key);
        if (!set) {
          if (values.size >= DATASET_TRACKING_LIMIT) {
            full = true;
            return;
          }
          set = new Set();
          values.set(key, set);
          firstRow.set(key, at);
        }
        if (set.size <= expected) set.add(valueOf(row, b));
      },
      finish() {
        let failures = 0;
        const rows: number[] = [];
        for (const [key, set] of values) {
          if (set.size === expected) continue;
          failures++;
          if (rows.length < 5) rows.push(firstRow.get(key)!);
        }
        return { failures, rows, notes: full ? [`${a}: only the first ${DATASET_TRACKING_LIMIT} distinct values were tracked`] : [] };
      },
    };
  },
};

/** Why the engine cannot evaluate a node (an unknown function, an argument form it does not read), or null. */
export function unsupportedCheck(node: CheckNode): string | null {
  const fn = node.CheckFunction;
  if (fn === undefined) return null;
  if (!IMPLEMENTED_CHECK_FUNCTIONS.has(fn)) return `check function ${fn} not implemented`;
  if (fn === 'FormatJSON' && node.Path !== undefined && node.Path !== null && node.Path !== '$') return 'check function FormatJSON with a Path below the root not implemented';
  if (fn === 'JSONCheckPathKeyExists' && simpleJsonPath(node.Path) === null) return `check function JSONCheckPathKeyExists with the Path ${JSON.stringify(node.Path)} not implemented (only $.Key.Key…)`;
  return null;
}

/** Every function name the engine evaluates. */
export const IMPLEMENTED_CHECK_FUNCTIONS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'CheckModelRule',
  ...Object.keys(ROW_CHECKS),
  ...Object.keys(HEADER_CHECKS),
  ...Object.keys(DATASET_CHECKS),
]);
