/**
 * ReportFieldCriteria: validation (column, operator, arity, value types — each bad item named in a
 * 400) and compilation to parameterized SQL over cost_records, or over the Contract Commitment
 * dataset's columns for an export of that dataset. Every value is bound, never spliced.
 */
import {
  EMPTINESS_FILTER_OPERATORS,
  FILTER_OPERATORS,
  FILTER_OPERATOR_ARITY,
  type FilterOperator,
  ORDERED_FILTER_OPERATORS,
  TEXT_FILTER_OPERATORS,
} from '@consumo/focus/formats';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Issue, badRequest } from '../../platform/errors/index.js';
import { COST_RECORD_COLUMN_BY_NAME, type CostRecordColumn } from '../cost-records/index.js';
import { isUuid, parseRfc3339 } from '../../platform/formats/index.js';
import { numericOverflow } from '../../platform/filter-sql/index.js';
import { CONTRACT_COMMITMENT_PROFILE } from './contract-commitment-profile.js';
import type { ProfileColumn } from './export-profiles.js';
import type { FocusExportDataset } from './focus-exports.enums.js';

export const OPERATORS = FILTER_OPERATORS;
export type Operator = FilterOperator;

export interface Criterion {
  name: string;
  operator: Operator;
  values: unknown[];
}

type Kind = CostRecordColumn['type'];
interface Target {
  kind: Kind;
  /** The SQL expression of the column (or of one tag). */
  expr: RawBuilder<unknown>;
}

const ARITY = FILTER_OPERATOR_ARITY;
const ORDERED = ORDERED_FILTER_OPERATORS;
const TEXT = TEXT_FILTER_OPERATORS;
const EMPTINESS = EMPTINESS_FILTER_OPERATORS;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const TAG_PREFIX = 'Tags.';

/** The Contract Commitment dataset's columns by header: its filter compiles over their aliases (contract-commitments.repository.ts). */
const COMMITMENT_COLUMNS: ReadonlyMap<string, ProfileColumn> = new Map(CONTRACT_COMMITMENT_PROFILE.columns.map((c) => [c.header, c]));

function targetOf(name: string, dataset: FocusExportDataset = 'CostAndUsage'): Target | undefined {
  if (dataset === 'ContractCommitment') {
    const column = COMMITMENT_COLUMNS.get(name);
    return column && { kind: column.kind as Kind, expr: sql.ref(column.column) };
  }
  if (name.startsWith(TAG_PREFIX) && name.length > TAG_PREFIX.length) {
    return { kind: 'string', expr: sql`(tags ->> ${name.slice(TAG_PREFIX.length)})` };
  }
  const column = COST_RECORD_COLUMN_BY_NAME.get(name);
  return column && { kind: column.type, expr: sql.ref(column.column) };
}

/** Why a value does not fit the column kind, or undefined when it does. */
function valueProblem(kind: Kind, value: unknown, integerOnly: boolean): string | undefined {
  if (integerOnly) {
    const ok = (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) || (typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value));
    return ok ? undefined : 'takes one positive integer';
  }
  switch (kind) {
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      if (typeof value !== 'string' || !DECIMAL.test(value)) return 'takes decimal values (numbers or decimal strings)';
      // What the contents' `::numeric` cast will read: past its digits every later read would fail.
      return numericOverflow(value);
    case 'timestamp':
      // A real instant PostgreSQL can hold: 2025-02-30 or T24:00 are refused here, not by the database.
      return typeof value === 'string' && parseRfc3339(value) !== undefined ? undefined : 'takes RFC 3339 timestamps';
    case 'uuid':
      return typeof value === 'string' && isUuid(value) ? undefined : 'takes UUIDs';
    case 'json':
      return 'is a JSON column: only EMPTY, IS_EMPTY and NOT_EMPTY apply';
    default:
      return typeof value === 'string' ? undefined : 'takes string values';
  }
}

const NAME_RULE: Readonly<Record<FocusExportDataset, string>> = {
  CostAndUsage: 'Must be a FOCUS column name (FOCUS 1.2 or x_) or Tags.<key>.',
  ContractCommitment: `Must be a column of the ContractCommitment dataset: ${[...COMMITMENT_COLUMNS.keys()].join(', ')}.`,
};

/**
 * Checks a `filter` as sent, for the dataset the export delivers (its columns are the ones a filter
 * may name); returns it typed, or throws a 400 naming every bad item (`filter[i].name` …).
 */
export function validateFilter(input: unknown, subject = 'filter', dataset: FocusExportDataset = 'CostAndUsage'): Criterion[] {
  if (!Array.isArray(input)) throw badRequest([{ source: 'field', subject, description: 'Must be an array of {name, operator, values}.' }]);
  const issues: Issue[] = [];
  const issue = (path: string, description: string) => issues.push({ source: 'field', subject: `${subject}${path}`, description });
  const out: Criterion[] = [];
  input.forEach((raw: unknown, i) => {
    const at = `[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return issue(at, 'Must be an object {name, operator, values}.');
    const { name, operator, values, ...extra } = raw as Record<string, unknown>;
    for (const key of Object.keys(extra)) issue(`${at}.${key}`, 'Unknown property.');
    const target = typeof name === 'string' ? targetOf(name, dataset) : undefined;
    if (!target) issue(`${at}.name`, NAME_RULE[dataset]);
    const op = typeof operator === 'string' && (OPERATORS as readonly string[]).includes(operator) ? (operator as Operator) : undefined;
    if (!op) issue(`${at}.operator`, `Must be one of: ${OPERATORS.join(', ')}.`);
    if (!Array.isArray(values)) return issue(`${at}.values`, 'Must be an array.');
    if (!target || !op) return;
    const [min, max] = ARITY[op];
    if (values.length < min || values.length > max) {
      const n = min === max ? `exactly ${min}` : `at least ${min}`;
      return issue(`${at}.values`, `${op} takes ${n} value${max === 1 ? '' : 's'}.`);
    }
    if (target.kind === 'json' && !EMPTINESS.has(op)) return issue(`${at}.operator`, `${String(name)} is a JSON column: only EMPTY, IS_EMPTY and NOT_EMPTY apply.`);
    if (ORDERED.has(op) && target.kind !== 'decimal' && target.kind !== 'timestamp') {
      return issue(`${at}.operator`, `${op} applies to decimal and date/time columns only.`);
    }
    if (TEXT.has(op) && target.kind !== 'string') return issue(`${at}.operator`, `${op} applies to string columns only.`);
    const isRank = op === 'TOP' || op === 'BOTTOM';
    if (isRank && dataset === 'ContractCommitment') return issue(`${at}.operator`, `${op} ranks by BilledCost, which the ContractCommitment dataset does not have.`);
    values.forEach((v, j) => {
      const problem = valueProblem(target.kind, v, isRank);
      if (problem) issue(`${at}.values[${j}]`, `${op} on ${String(name)} ${problem}.`);
    });
    out.push({ name: name as string, operator: op, values });
  });
  if (issues.length > 0) throw badRequest(issues);
  return out;
}

/** A value bound with the column's SQL type, so comparisons are numeric or temporal, not textual. */
function bind(kind: Kind, value: unknown): RawBuilder<unknown> {
  const text = String(value);
  switch (kind) {
    case 'decimal':
      return sql`${text}::numeric`;
    case 'timestamp':
      return sql`${text}::timestamptz`;
    case 'uuid':
      return sql`${text.toLowerCase()}::uuid`;
    default:
      return sql`${text}`;
  }
}

export interface CompileContext {
  workspaceId: string;
  /** The dataset whose columns the criteria name (default CostAndUsage). */
  dataset?: FocusExportDataset;
  /** The export's range on ChargePeriodStart, [from, to). TOP/BOTTOM rank within it. */
  from: Date;
  to: Date;
}

function compileOne(c: Criterion, ctx: CompileContext): Expression<SqlBool> {
  const t = targetOf(c.name, ctx.dataset)!;
  const e = t.expr;
  const v = c.values.map((x) => bind(t.kind, x));
  const empty = t.kind === 'string' ? sql<SqlBool>`(${e} is null or ${e} = '')` : t.kind === 'json' ? sql<SqlBool>`(${e} is null or ${e} = '{}'::jsonb)` : sql<SqlBool>`(${e} is null)`;
  switch (c.operator) {
    case 'EQ':
      return sql<SqlBool>`${e} = ${v[0]}`;
    case 'NOT_EQ':
      // GreenLake's null rule: null ne 5 is true.
      return sql<SqlBool>`${e} is distinct from ${v[0]}`;
    case 'IN':
      return sql<SqlBool>`${e} in (${sql.join(v)})`;
    case 'NOT_IN':
      return sql<SqlBool>`(${e} is null or ${e} not in (${sql.join(v)}))`;
    case 'GT':
      return sql<SqlBool>`${e} > ${v[0]}`;
    case 'GTE':
      return sql<SqlBool>`${e} >= ${v[0]}`;
    case 'LT':
      return sql<SqlBool>`${e} < ${v[0]}`;
    case 'LTE':
      return sql<SqlBool>`${e} <= ${v[0]}`;
    case 'BETWEEN':
      return sql<SqlBool>`${e} between ${v[0]} and ${v[1]}`;
    case 'NOT_BETWEEN':
      return sql<SqlBool>`${e} not between ${v[0]} and ${v[1]}`;
    case 'STARTS_WITH':
      return sql<SqlBool>`strpos(${e}, ${v[0]}) = 1`;
    case 'DOES_NOT_START_WITH':
      return sql<SqlBool>`coalesce(strpos(${e}, ${v[0]}), 0) <> 1`;
    case 'CONTAINS':
      return sql<SqlBool>`strpos(${e}, ${v[0]}) > 0`;
    case 'DOES_NOT_CONTAIN':
      return sql<SqlBool>`coalesce(strpos(${e}, ${v[0]}), 0) = 0`;
    case 'EMPTY':
    case 'IS_EMPTY':
      return empty;
    case 'NOT_EMPTY':
      return sql<SqlBool>`not ${empty}`;
    case 'TOP':
    case 'BOTTOM': {
      const n = Number(c.values[0]);
      const direction = c.operator === 'TOP' ? sql`desc` : sql`asc`;
      // The n values with the highest (lowest) total BilledCost in the range; ties broken by the value itself.
      return sql<SqlBool>`${e} in (select ${e} from cost_records where workspace_id = ${ctx.workspaceId}
        and charge_period_start >= ${ctx.from} and charge_period_start < ${ctx.to} and ${e} is not null
        group by ${e} order by coalesce(sum(billed_cost), 0) ${direction}, ${e} asc limit ${n})`;
    }
  }
}

/** Every criterion as one SQL condition; criteria are ANDed. */
export function compileFilter(criteria: readonly Criterion[], ctx: CompileContext): Expression<SqlBool>[] {
  return criteria.map((c) => compileOne(c, ctx));
}
