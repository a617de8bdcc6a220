/**
 * cost_records is partitioned by calendar month of ChargePeriodStart; a month's partition is made
 * the first time something is rated into it. Creation runs in its own short transaction under an
 * advisory lock, so concurrent raters never race on CREATE TABLE and no rating transaction holds
 * the parent's lock. The partitions are shared by every workspace, so each is exactly its month
 * (bounds computed from the month's text, never through `Date.UTC`, which once made 0001-01 end in
 * 1901 and overlap every month after it) and each month is created in a transaction of its own: a
 * month that cannot be made fails the rating of that month alone.
 */
import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { lockCostPartitions } from '../../storage/advisory-locks.js';

const known = new WeakMap<Db, Set<string>>();

/** `2026-04` for any instant in April 2026 (UTC). */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

function partitionName(month: string): string {
  return `cost_records_${month.replace('-', '_')}`;
}

const MONTH = /^(?!0000)\d{4}-(0[1-9]|1[0-2])$/;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The partition's range [from, to) for a month 'YYYY-MM' of the years 0001–9999, as timestamptz literals. */
export function monthBounds(month: string): { from: string; to: string } {
  if (!MONTH.test(month)) throw new Error(`not a month: '${month}'`);
  const [year, m] = month.split('-').map(Number) as [number, number];
  const [nextYear, nextMonth] = m === 12 ? [year + 1, 1] : [year, m + 1];
  return { from: `${month}-01T00:00:00Z`, to: `${pad(nextYear, 4)}-${pad(nextMonth, 2)}-01T00:00:00Z` };
}

/** Makes sure a partition exists for every month given ('YYYY-MM'). */
export async function ensureCostPartitions(db: Db, months: Iterable<string>): Promise<void> {
  let seen = known.get(db);
  if (!seen) known.set(db, (seen = new Set()));
  const missing = [...new Set(months)].filter((m) => !seen.has(m));
  if (missing.length === 0) return;
  const bounds = missing.map((month) => ({ month, ...monthBounds(month) }));
  const failures: unknown[] = [];
  for (const { month, from, to } of bounds) {
    try {
      await db.transaction().execute(async (trx) => {
        await lockCostPartitions(trx);
        // Identifiers and bounds come from the validated month, never from a request.
        await sql`create table if not exists ${sql.id(partitionName(month))} partition of cost_records
          for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
      });
      seen.add(month);
    } catch (err) {
      // The other months are still made; the caller learns that this one is missing.
      failures.push(err);
    }
  }
  if (failures.length > 0) throw failures[0];
}
