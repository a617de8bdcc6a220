/** Sums the rollups (daily, and monthly for a MONTH view's whole months) by period and dimensions in SQL; cost-summary reads nothing else. */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { type Granularity, type RollupColumn, SUMMARY_MEASURES, type SummaryMeasure } from './cost-summary.fields.js';
import type { RollupRanges } from './rollup-ranges.js';

export interface SummaryQuery {
  granularity: Granularity;
  /** The rollup columns to group by, in the order to sort by; billing_currency included. */
  groupColumns: readonly RollupColumn[];
  /** Which rollups to read for the summary's [from, to): `planRollupRanges`. */
  ranges: RollupRanges;
  /** Only the rollup rows this predicate holds for (the `filter` parameter). */
  where?: RawBuilder<boolean> | undefined;
}

export type SummaryRow = {
  period_start: string;
  groups: Partial<Record<RollupColumn, string | null>>;
  measures: Record<SummaryMeasure, string | null>;
  records: number;
  unpriced_records: number;
};

/**
 * The bucket as a timestamp without time zone, so neither truncation nor formatting depends on
 * the session's TimeZone; MONTH is the calendar month the day falls in.
 */
export function bucketOf(granularity: Granularity): RawBuilder<unknown> {
  return granularity === 'DAY' ? sql`day::timestamp` : sql`date_trunc('month', day::timestamp)`;
}

const TABLES = {
  rollups: { daily: 'cost_rollups_daily', monthly: 'cost_rollups_monthly' },
  tagRollups: { daily: 'cost_tag_rollups_daily', monthly: 'cost_tag_rollups_monthly' },
} as const;

/**
 * The workspace's rollup rows of the ranges as one relation with a `day` column and `columns`: a
 * branch per day range of the daily table, and one for the whole months of the monthly table,
 * each monthly row dated by its month's first day (so a month bucket of it is that month). Each
 * branch keeps only the rows `where` holds for.
 */
export function rollupRows(
  source: keyof typeof TABLES,
  workspaceId: string,
  ranges: RollupRanges,
  columns: readonly string[],
  where: readonly RawBuilder<boolean>[],
): RawBuilder<unknown> {
  const { daily, monthly } = TABLES[source];
  const list = sql.join(columns.map((c) => sql.ref(c)));
  const also = sql.join(where.map((w) => sql` and (${w})`), sql``);
  const branches = ranges.days.map(
    (r) => sql`select day, ${list} from ${sql.table(daily)} where workspace_id = ${workspaceId} and day >= ${r.from}::date and day < ${r.to}::date${also}`,
  );
  if (ranges.months !== undefined) {
    const m = ranges.months;
    branches.push(
      sql`select month as day, ${list} from ${sql.table(monthly)} where workspace_id = ${workspaceId} and month >= ${m.from}::date and month < ${m.to}::date${also}`,
    );
  }
  return sql`(${sql.join(branches, sql` union all `)})`;
}

/** What each rollup row carries that a summary sums. */
export const SUMMED_COLUMNS: readonly string[] = [...Object.values(SUMMARY_MEASURES), 'records', 'unpriced_records'];

export async function summarize(db: Executor, workspaceId: string, q: SummaryQuery): Promise<SummaryRow[]> {
  const bucket = bucketOf(q.granularity);
  const groups = q.groupColumns.map((c) => sql.ref(c));
  const rows = rollupRows('rollups', workspaceId, q.ranges, [...q.groupColumns, ...SUMMED_COLUMNS], q.where === undefined ? [] : [q.where]);
  // Money stays numeric end to end: sum(numeric) is exact, null when every summed value is null,
  // and its text is what the API returns.
  const measures = Object.entries(SUMMARY_MEASURES).map(([name, column]) => sql`sum(${sql.ref(column)}) as ${sql.ref(name)}`);
  const query = sql<Record<string, unknown>>`
    select
      -- The date as text: a date handed to the drivers would come back as a local-time Date.
      to_char(${bucket}, 'YYYY-MM-DD') as period_start,
      ${sql.join([...groups, ...measures])},
      sum(records) as records,
      sum(unpriced_records) as unpriced_records
    from ${rows} as r
    group by ${sql.join([bucket, ...groups])}
    order by ${sql.join([bucket, ...groups])}`;
  const result = (await query.execute(db)).rows;
  return result.map((row) => ({
    period_start: row.period_start as string,
    groups: Object.fromEntries(q.groupColumns.map((c) => [c, row[c] as string | null])),
    measures: Object.fromEntries(Object.keys(SUMMARY_MEASURES).map((m) => [m, row[m] as string | null])) as Record<SummaryMeasure, string | null>,
    // Sums of integer or bigint counts: a string or a number by engine; exact either way below 2^53.
    records: Number(row.records),
    unpriced_records: Number(row.unpriced_records),
  }));
}
