/**
 * cost_records is partitioned by calendar month of ChargePeriodStart; a month's partition is made
 * the first time something is rated into it. Creation runs in its own short transaction under an
 * advisory lock, so concurrent raters never race on CREATE TABLE and no rating transaction holds
 * the parent's lock.
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

function monthBounds(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(year, m, 1));
  return { from: `${month}-01T00:00:00Z`, to: next.toISOString() };
}

/** Makes sure a partition exists for every month given ('YYYY-MM'). */
export async function ensureCostPartitions(db: Db, months: Iterable<string>): Promise<void> {
  let seen = known.get(db);
  if (!seen) known.set(db, (seen = new Set()));
  const missing = [...new Set(months)].filter((m) => !seen.has(m));
  if (missing.length === 0) return;
  for (const month of missing) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`not a month: '${month}'`);
  }
  await db.transaction().execute(async (trx) => {
    await lockCostPartitions(trx);
    for (const month of missing) {
      const { from, to } = monthBounds(month);
      // Identifiers and bounds come from the validated month, never from a request.
      await sql`create table if not exists ${sql.id(partitionName(month))} partition of cost_records
        for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
    }
  });
  for (const month of missing) seen.add(month);
}
