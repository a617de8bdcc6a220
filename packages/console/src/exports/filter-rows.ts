/**
 * The export filter (a ReportFieldCriteria list) as rows of the editor: a column, an operator and
 * its values. The columns a row may name are the export dataset's, from @consumo/focus (the FOCUS
 * 1.2 Cost and Usage columns or the FOCUS 1.3 Contract Commitment ones, the lists the server checks
 * against), plus `Tags.<key>` (Cost and Usage) and Consumo's `x_` columns, which only the server
 * lists and judges. The operators, their number of values and the column types they apply to come
 * from @consumo/focus/formats, as on the server; the values' formats are the server's to judge, and
 * its 400 (`filter[i].values[j]` …) is shown at the row it names.
 */
import { FOCUS_1_2_COLUMNS, FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS, type FocusDataType } from '@consumo/focus/columns';
import {
  EMPTINESS_FILTER_OPERATORS,
  FILTER_OPERATORS,
  FILTER_OPERATOR_ARITY,
  type FilterOperator,
  ORDERED_FILTER_OPERATORS,
  RANK_FILTER_OPERATORS,
  TEXT_FILTER_OPERATORS,
} from '@consumo/focus/formats';
import { issuesAbout } from '../api/errors.js';
import type { ExportConfig, FieldCriteria } from './types.js';

export type FilterDataset = ExportConfig['dataset'];
/** A column's type as the filter reads it; `unknown` for an `x_` column, which only the server knows. */
export type ColumnKind = 'string' | 'decimal' | 'timestamp' | 'json' | 'unknown';

export interface FilterRow {
  /** React's key for the row: stays while the row is edited. */
  key: string;
  name: string;
  operator: FilterOperator | '';
  values: string[];
}

export interface RowErrors {
  name?: string;
  operator?: string;
  values?: string;
  /** About the criterion as a whole (the server's `filter[i]`). */
  row?: string;
}

export const TAG_PREFIX = 'Tags.';
const CONSUMO_PREFIX = 'x_';

const KIND_OF: Record<FocusDataType, ColumnKind> = { String: 'string', Decimal: 'decimal', 'Date/Time': 'timestamp', JSON: 'json' };
const COLUMNS: Record<FilterDataset, ReadonlyMap<string, ColumnKind>> = {
  CostAndUsage: new Map(FOCUS_1_2_COLUMNS.map((c) => [c.name, KIND_OF[c.type]])),
  ContractCommitment: new Map(FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS.map((c) => [c.name, KIND_OF[c.type]])),
};

/** The FOCUS columns of the dataset, alphabetically, for the column picker. */
export function columnNames(dataset: FilterDataset): string[] {
  return [...COLUMNS[dataset].keys()].sort();
}

/** The column's kind in the dataset, or undefined when the dataset has no such column. */
export function columnKind(name: string, dataset: FilterDataset): ColumnKind | undefined {
  const known = COLUMNS[dataset].get(name);
  if (known) return known;
  if (dataset === 'CostAndUsage' && name.startsWith(TAG_PREFIX) && name.length > TAG_PREFIX.length) return 'string';
  if (name.startsWith(CONSUMO_PREFIX) && name.length > CONSUMO_PREFIX.length) return 'unknown';
  return undefined;
}

/** Why the operator does not apply to a column of that kind in the dataset (the server's rules), or undefined. */
export function operatorProblem(operator: FilterOperator, kind: ColumnKind, dataset: FilterDataset): string | undefined {
  if (RANK_FILTER_OPERATORS.has(operator) && dataset === 'ContractCommitment') return `${operator} ranks by BilledCost, which the ContractCommitment dataset does not have.`;
  if (kind === 'unknown') return undefined;
  if (kind === 'json' && !EMPTINESS_FILTER_OPERATORS.has(operator)) return 'A JSON column: only EMPTY, IS_EMPTY and NOT_EMPTY apply.';
  if (ORDERED_FILTER_OPERATORS.has(operator) && kind !== 'decimal' && kind !== 'timestamp') return `${operator} applies to decimal and date/time columns only.`;
  if (TEXT_FILTER_OPERATORS.has(operator) && kind !== 'string') return `${operator} applies to string columns only.`;
  return undefined;
}

/** The operators the picker offers for a column (all of them while no known column is chosen). */
export function operatorsFor(name: string, dataset: FilterDataset): FilterOperator[] {
  const kind = columnKind(name, dataset) ?? 'unknown';
  return FILTER_OPERATORS.filter((op) => !operatorProblem(op, kind, dataset));
}

export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  EQ: 'equals',
  NOT_EQ: 'does not equal',
  IN: 'is one of',
  NOT_IN: 'is none of',
  TOP: 'top n by billed cost',
  BOTTOM: 'bottom n by billed cost',
  GT: 'greater than',
  GTE: 'greater than or equal to',
  LT: 'less than',
  LTE: 'less than or equal to',
  BETWEEN: 'between (inclusive)',
  NOT_BETWEEN: 'not between',
  STARTS_WITH: 'starts with',
  CONTAINS: 'contains',
  DOES_NOT_CONTAIN: 'does not contain',
  EMPTY: 'is empty',
  IS_EMPTY: 'is empty (IS_EMPTY)',
  NOT_EMPTY: 'is not empty',
  DOES_NOT_START_WITH: 'does not start with',
};

/** How many values the operator takes: none, one, or a list (two exactly for BETWEEN). */
export function valueShape(operator: FilterOperator | ''): 'none' | 'one' | 'many' {
  if (operator === '') return 'one';
  const [, max] = FILTER_OPERATOR_ARITY[operator];
  return max === 0 ? 'none' : max === 1 ? 'one' : 'many';
}

let lastKey = 0;
const nextKey = () => `row-${++lastKey}`;

export function newRow(): FilterRow {
  return { key: nextKey(), name: '', operator: 'EQ', values: [] };
}

const isOperator = (text: string): text is FilterOperator => (FILTER_OPERATORS as readonly string[]).includes(text);

/** The rows of a saved filter; values as text (the server takes decimal and integer strings as well as numbers). */
export function rowsOf(filter: readonly FieldCriteria[]): FilterRow[] {
  return filter.map((c) => ({ key: nextKey(), name: c.name, operator: isOperator(c.operator) ? c.operator : '', values: c.values.map(String) }));
}

/** The row with another operator: values it cannot take are dropped (none for EMPTY, the first for EQ). */
export function withOperator(row: FilterRow, operator: FilterOperator): FilterRow {
  const [, max] = FILTER_OPERATOR_ARITY[operator];
  return { ...row, operator, values: row.values.slice(0, max) };
}

const filled = (values: readonly string[]) => values.filter((v) => v !== '');

/** What the server is sent for the rows. */
export function criteriaOf(rows: readonly FilterRow[]): FieldCriteria[] {
  return rows.map((r) => ({ name: r.name.trim(), operator: r.operator, values: filled(r.values) }));
}

/** The same criteria, values compared as text (a saved 5 and a typed "5" are the same filter). */
export function sameCriteria(a: readonly FieldCriteria[], b: readonly FieldCriteria[]): boolean {
  const text = (f: readonly FieldCriteria[]) => JSON.stringify(f.map((c) => [c.name, c.operator, c.values.map(String)]));
  return text(a) === text(b);
}

function arityProblem(operator: FilterOperator, count: number): string | undefined {
  const [min, max] = FILTER_OPERATOR_ARITY[operator];
  if (count >= min && count <= max) return undefined;
  if (max === 0) return `${operator} takes no value.`;
  if (min === max) return min === 1 ? 'Give a value.' : `${operator} takes exactly ${min} values.`;
  return `Give at least ${min} value${min === 1 ? '' : 's'}.`;
}

/** Each row's problems for the dataset ({} for a row that can be sent), in the rows' order. */
export function rowErrors(rows: readonly FilterRow[], dataset: FilterDataset): RowErrors[] {
  return rows.map((row) => {
    const errors: RowErrors = {};
    const name = row.name.trim();
    const kind = name === '' ? undefined : columnKind(name, dataset);
    if (name === '') errors.name = 'Choose a column.';
    else if (!kind) {
      errors.name = dataset === 'CostAndUsage' ? `Not a column of the CostAndUsage dataset (a FOCUS 1.2 column, an x_ column or Tags.<key>).` : `Not a column of the ContractCommitment dataset.`;
    }
    if (row.operator === '') errors.operator = 'Choose an operator.';
    else {
      const problem = kind ? operatorProblem(row.operator, kind, dataset) : undefined;
      if (problem) errors.operator = problem;
      const count = arityProblem(row.operator, filled(row.values).length);
      if (count) errors.values = count;
    }
    return errors;
  });
}

export const hasRowErrors = (errors: readonly RowErrors[]) => errors.some((e) => Object.keys(e).length > 0);

/** The server's 400 about the filter: each `filter[i]…` issue at its row, anything about `filter` as a whole apart. */
export function serverFilterErrors(error: unknown, rows: readonly FilterRow[]): { rows: RowErrors[]; filter?: string } {
  const join = (...texts: (string | undefined)[]) => texts.filter(Boolean).join(' ') || undefined;
  const found = rows.map((row, i) => {
    const at = `filter[${i}]`;
    const values = [`${at}.values`, ...row.values.map((_, j) => `${at}.values[${j}]`)].flatMap((s) => issuesAbout(error, s));
    const errors: RowErrors = {};
    const name = join(...issuesAbout(error, `${at}.name`));
    const operator = join(...issuesAbout(error, `${at}.operator`));
    const whole = join(...issuesAbout(error, at));
    if (name) errors.name = name;
    if (operator) errors.operator = operator;
    if (values.length > 0) errors.values = values.join(' ');
    if (whole) errors.row = whole;
    return errors;
  });
  const filter = join(...issuesAbout(error, 'filter'));
  return filter ? { rows: found, filter } : { rows: found };
}

/**
 * The problems a row shows now: its server errors, and of its own problems, before the first
 * attempt to save only a column the dataset does not have and an operator that does not apply to
 * it (so a change of dataset flags the rows it invalidates at once); after it, every one.
 */
export function shownRowErrors(rows: readonly FilterRow[], dataset: FilterDataset, submitted: boolean, server: readonly RowErrors[] = []): RowErrors[] {
  const own = rowErrors(rows, dataset);
  return rows.map((row, i) => {
    const mine = own[i] ?? {};
    const kept: RowErrors = submitted ? { ...mine } : {};
    if (!submitted && row.name.trim() !== '') {
      if (mine.name) kept.name = mine.name;
      else if (mine.operator) kept.operator = mine.operator;
    }
    const theirs = server[i] ?? {};
    const merged: RowErrors = {};
    for (const key of ['name', 'operator', 'values', 'row'] as const) {
      const text = kept[key] ?? theirs[key];
      if (text) merged[key] = text;
    }
    return merged;
  });
}
