/** GET cost-summary: validates the range, grouping and filter, sums the (tag) rollups — monthly for whole months — and names each bucket's bounds. */
import type { Executor } from '../../../storage/database.js';
import { type Granularity, SUMMARY_GROUP_COLUMNS, SUMMARY_GROUP_FIELDS } from './cost-summary.fields.js';
import { parseSummaryParams } from './cost-summary-params.js';
import { planRollupRanges } from './rollup-ranges.js';
import * as repo from './cost-summary.repository.js';
import { type TagSummaryRow, summarizeByTag } from './cost-summary-by-tag.repository.js';
import type { CostSummaryDto, CostSummaryQuery } from './costs.schemas.js';

/** `YYYY-MM-DD` → the midnight it starts, in the summary's date/time form. */
const midnight = (day: string) => `${day}T00:00:00Z`;

/** The exclusive end of the bucket starting on `day`: the next day, or the first of the next month. */
function periodEnd(day: string, granularity: Granularity): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const end = new Date(0);
  // setUTCFullYear rolls day 32 and month 13 over, and does not remap years 0–99 as Date.UTC would.
  end.setUTCFullYear(year, granularity === 'DAY' ? month - 1 : month, granularity === 'DAY' ? date + 1 : 1);
  // Written out by hand: toISOString turns year 10000 (the end of December 9999) into `+010000`.
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return midnight(`${pad(end.getUTCFullYear(), 4)}-${pad(end.getUTCMonth() + 1, 2)}-${pad(end.getUTCDate(), 2)}`);
}

/**
 * A bucket is a UTC day or calendar month; a month only partly inside [from, to) sums only its
 * days inside. With groupByTag, the tag rollups give each value of the key and the rollups the
 * remainder without it (TagValue null). BillingCurrency is always a group key, asked for or not:
 * amounts in different currencies cannot be added, and we hold no exchange rates (ADR 0012).
 */
export async function costSummary(db: Executor, workspaceId: string, query: CostSummaryQuery): Promise<CostSummaryDto> {
  const params = parseSummaryParams(query);
  const fields = params.groupBy.filter((f) => f !== 'BillingCurrency');
  const summaryQuery = {
    granularity: params.granularity,
    groupColumns: [...fields.map((f) => SUMMARY_GROUP_COLUMNS[f]), SUMMARY_GROUP_COLUMNS.BillingCurrency],
    // Whole months of a MONTH view from the monthly rollups, the rest from the daily ones: the same sums.
    ranges: planRollupRanges(params.granularity, params.from, params.to),
    where: params.where,
  };
  const tagKey = params.groupByTag;
  const rows: (repo.SummaryRow & Partial<Pick<TagSummaryRow, 'tag_value'>>)[] =
    tagKey === undefined ? await repo.summarize(db, workspaceId, summaryQuery) : await summarizeByTag(db, workspaceId, tagKey, summaryQuery);
  // Group fields in the fixed order of the schema (BillingCurrency last), whatever order they were asked in.
  const itemFields = SUMMARY_GROUP_FIELDS.filter((f) => f !== 'BillingCurrency' && fields.includes(f));
  const items = rows.map((row) => ({
    periodStart: midnight(row.period_start),
    periodEnd: periodEnd(row.period_start, params.granularity),
    ...Object.fromEntries(itemFields.map((f) => [f, row.groups[SUMMARY_GROUP_COLUMNS[f]] ?? null])),
    ...(tagKey !== undefined && { TagValue: row.tag_value ?? null }),
    BillingCurrency: row.groups.billing_currency as string,
    ...row.measures,
    records: row.records,
    unpricedRecords: row.unpriced_records,
  }));
  return {
    granularity: params.granularity,
    groupBy: params.groupBy,
    ...(tagKey !== undefined && { groupByTag: tagKey }),
    from: params.from,
    to: params.to,
    items,
    count: items.length,
  };
}
