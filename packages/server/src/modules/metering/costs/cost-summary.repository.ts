/** Sums `cost_rollups_daily` by period and dimensions in SQL; cost-summary reads nothing else. */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { type Granularity, type RollupColumn, SUMMARY_MEASURES, type SummaryMeasure } from './cost-summary.fields.js';

export interface SummaryQuery {
  granularity: Granularity;
  /** The rollup columns to group by, in the order to sort by; billing_currency included. */
  groupColumns: readonly RollupColumn[];
  /** Inclusive and exclusive days, `YYYY-MM-DD`. */
  from: string;
  to: string;
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

export async function summarize(db: Executor, workspaceId: string, q: SummaryQuery): Promise<SummaryRow[]> {
  const bucket = bucketOf(q.granularity);
  const groups = q.groupColumns.map((c) => sql.ref(c));
  // Money stays numeric end to end: sum(numeric) is exact, null when every summed value is null,
  // and its text is what the API returns.
  const measures = Object.entries(SUMMARY_MEASURES).map(([name, column]) => sql<string | null>`sum(${sql.ref(column)})`.as(name));
  const query = db
    .selectFrom('cost_rollups_daily')
    .where('workspace_id', '=', workspaceId)
    .where('day', '>=', sql<string>`${q.from}::date`)
    .where('day', '<', sql<string>`${q.to}::date`)
    .$if(q.where !== undefined, (qb) => qb.where(q.where!))
    .select([
      // The date as text: a date handed to the drivers would come back as a local-time Date.
      sql<string>`to_char(${bucket}, 'YYYY-MM-DD')`.as('period_start'),
      ...q.groupColumns.map((c) => sql<string | null>`${sql.ref(c)}`.as(c)),
      ...measures,
      // bigint sums: a string from pg, a number from PGlite; exact either way below 2^53.
      sql<string | number>`sum(records)`.as('records'),
      sql<string | number>`sum(unpriced_records)`.as('unpriced_records'),
    ])
    .groupBy([bucket, ...groups])
    .orderBy(bucket)
    .$call((qb) => groups.reduce((acc, g) => acc.orderBy(g), qb));
  const rows = (await query.execute()) as Record<string, unknown>[];
  return rows.map((row) => ({
    period_start: row.period_start as string,
    groups: Object.fromEntries(q.groupColumns.map((c) => [c, row[c] as string | null])),
    measures: Object.fromEntries(Object.keys(SUMMARY_MEASURES).map((m) => [m, row[m] as string | null])) as Record<SummaryMeasure, string | null>,
    records: Number(row.records),
    unpriced_records: Number(row.unpriced_records),
  }));
}
