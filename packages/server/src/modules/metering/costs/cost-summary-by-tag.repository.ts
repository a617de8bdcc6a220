/**
 * Sums the tag rollups for one tag key by period, dimensions and the key's value, and adds the
 * key's untagged remainder per period and dimensions: the rollups minus the tagged sum, in the same
 * query, so the values and the remainder always add up to the ungrouped total. Both read the same
 * ranges (`SummaryQuery.ranges`): daily rows, and monthly ones for a MONTH view's whole months.
 */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { type RollupColumn, SUMMARY_MEASURES, type SummaryMeasure } from './cost-summary.fields.js';
import { SUMMED_COLUMNS, type SummaryQuery, type SummaryRow, bucketOf, rollupRows } from './cost-summary.repository.js';

export interface TagSummaryRow extends SummaryRow {
  /** The key's value; null for the costs whose records lack the key. */
  tag_value: string | null;
}

/**
 * The measures rating leaves null on every unpriced record. The remainder's are null when all its
 * records are unpriced (the difference would read 0 where no record had a value); the consumed
 * quantity, which a commitment line may lack while priced, is the plain difference.
 */
const PRICE_MEASURES = new Set<SummaryMeasure>(['ListCost', 'ContractedCost', 'EffectiveCost', 'BilledCost', 'PricingQuantity']);

export async function summarizeByTag(db: Executor, workspaceId: string, tagKey: string, q: SummaryQuery): Promise<TagSummaryRow[]> {
  const bucket = bucketOf(q.granularity);
  const groups = q.groupColumns.map((c) => sql.ref(c));
  const measureColumns = Object.values(SUMMARY_MEASURES) as RollupColumn[];
  const filters = q.where === undefined ? [] : [q.where];
  const tagRows = rollupRows('tagRollups', workspaceId, q.ranges, [...q.groupColumns, 'tag_value', ...SUMMED_COLUMNS], [
    sql<boolean>`tag_key = ${tagKey}`,
    ...filters,
  ]);
  const totalRows = rollupRows('rollups', workspaceId, q.ranges, [...q.groupColumns, ...SUMMED_COLUMNS], filters);
  // What each source feeds the difference: its measures and counts, the tagged ones negated.
  const sums = (negate: boolean) =>
    sql.join([
      ...measureColumns.map((c) => (negate ? sql`-${sql.ref(c)}` : sql.ref(c))),
      negate ? sql`-records` : sql`records`,
      negate ? sql`-unpriced_records` : sql`unpriced_records`,
    ]);
  const summed = sql.join([
    ...measureColumns.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`),
    sql`sum(records) as records`,
    sql`sum(unpriced_records) as unpriced_records`,
  ]);
  const groupList = sql.join(groups);
  const remainderMeasures = Object.entries(SUMMARY_MEASURES).map(([name, column]) =>
    PRICE_MEASURES.has(name as SummaryMeasure)
      ? sql`case when sum(records) = sum(unpriced_records) then null else sum(${sql.ref(column)}) end as ${sql.ref(name)}`
      : sql`sum(${sql.ref(column)}) as ${sql.ref(name)}`,
  );
  const taggedMeasures = Object.entries(SUMMARY_MEASURES).map(([name, column]) => sql`${sql.ref(column)} as ${sql.ref(name)}`);
  // Period, the fields in the order asked, the value (untagged last), then currency.
  const order = [...q.groupColumns.filter((c) => c !== 'billing_currency').map((c) => sql.ref(c)), sql`tag_value nulls last`, sql.ref('billing_currency')];
  const query = sql<Record<string, unknown>>`
    with tagged as (
      select ${bucket} as bucket, ${groupList}, tag_value, ${summed}
      from ${tagRows} as r
      group by ${bucket}, ${groupList}, tag_value
    ),
    total as (
      select ${bucket} as bucket, ${groupList}, ${summed}
      from ${totalRows} as r
      group by ${bucket}, ${groupList}
    ),
    untagged as (
      select bucket, ${groupList}, ${sql.join(remainderMeasures)},
        sum(records) as records, sum(unpriced_records) as unpriced_records
      from (
        select bucket, ${groupList}, ${sums(false)} from total
        union all
        select bucket, ${groupList}, ${sums(true)} from tagged
      ) difference
      group by bucket, ${groupList}
      having sum(records) > 0
    )
    select to_char(bucket, 'YYYY-MM-DD') as period_start, ${groupList}, tag_value, ${sql.join(taggedMeasures)}, records, unpriced_records
    from tagged
    union all
    select to_char(bucket, 'YYYY-MM-DD'), ${groupList}, null, ${sql.join(Object.keys(SUMMARY_MEASURES).map((m) => sql.ref(m)))},
      records, unpriced_records
    from untagged
    order by period_start, ${sql.join(order)}`;
  const rows = (await query.execute(db)).rows;
  return rows.map((row) => ({
    period_start: row.period_start as string,
    groups: Object.fromEntries(q.groupColumns.map((c) => [c, row[c] as string | null])),
    tag_value: row.tag_value as string | null,
    measures: Object.fromEntries(Object.keys(SUMMARY_MEASURES).map((m) => [m, row[m] as string | null])) as Record<SummaryMeasure, string | null>,
    records: Number(row.records),
    unpriced_records: Number(row.unpriced_records),
  }));
}
