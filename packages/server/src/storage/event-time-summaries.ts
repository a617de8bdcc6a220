/**
 * The BRIN index on `usage_events (time)` (one per month partition) only narrows a scan to the
 * block ranges it has summarized; ranges written since the last VACUUM are unsummarized, and a scan
 * must read every one of them. Freshly ingested events — exactly what rating reads next — are such
 * ranges: a day of a month of 1,000,000 newly loaded events read ~15,500 blocks (the whole
 * partition) in 572 ms instead of ~770 in 64 ms. Rating summarizes the new ranges of the months it
 * is about to read first: one pass over what is new, instead of one per day rated (ADR 0012).
 */
import { sql } from 'kysely';
import type { Executor } from './database.js';
import { partitionName } from './month-partitions.js';

/**
 * Summarizes the not-yet-summarized block ranges of the BRIN indexes of usage_events' partitions of
 * `months` ('YYYY-MM'); a month with no partition is skipped. Returns the ranges summarized.
 */
export async function summarizeNewEventTimeRanges(db: Executor, months: Iterable<string>): Promise<number> {
  let summarized = 0;
  for (const month of months) {
    const { rows } = await sql<{ ranges: number | string }>`
      select coalesce(sum(brin_summarize_new_values(i.indexrelid)), 0) as ranges
      from pg_index i
      join pg_class c on c.oid = i.indexrelid
      join pg_am a on a.oid = c.relam and a.amname = 'brin'
      where i.indrelid = to_regclass(${partitionName('usage_events', month)})`.execute(db);
    summarized += Number(rows[0]?.ranges ?? 0);
  }
  return summarized;
}
