/**
 * The time-partitioned tables (issue 15, point 12): `cost_records` by calendar month of
 * ChargePeriodStart, `usage_events` by calendar month of the event's time. A month's partition is
 * made the first time a row of that month is written. Creation runs in its own short transaction
 * under an advisory lock, so concurrent writers never race on CREATE TABLE and no writing
 * transaction holds the parent's lock. Partitions are shared by every workspace, so each is exactly
 * its month (bounds computed from the month's text, never through `Date.UTC`, which once made
 * 0001-01 end in 1901 and overlap every month after it), and each month is created in a
 * transaction of its own: a month that cannot be made fails the writes of that month alone.
 * An old month can be detached for archive (docs/scaling.md): once its table has been renamed or
 * moved, a later write into that month makes a fresh, empty partition.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import { lockMonthPartitions } from './advisory-locks.js';

/** The tables partitioned by month, and the column each is partitioned on. */
export const MONTH_PARTITIONED = { cost_records: 'charge_period_start', usage_events: 'time' } as const;
export type MonthPartitionedTable = keyof typeof MONTH_PARTITIONED;

const known = new WeakMap<Db, Map<MonthPartitionedTable, Set<string>>>();

/** `2026-04` for any instant in April 2026 (UTC). */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** `cost_records_2026_04`: the partition holding a month of a table. */
export function partitionName(table: MonthPartitionedTable, month: string): string {
  return `${table}_${month.replace('-', '_')}`;
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

/** The months ('YYYY-MM') a range of days [fromDay, toDay) touches, days as 'YYYY-MM-DD'. */
export function monthsOfDays(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  let [year, month] = fromDay.split('-').map(Number) as [number, number];
  const last = toDay > fromDay ? monthOf(new Date(Date.parse(`${toDay}T00:00:00Z`) - 1)) : fromDay.slice(0, 7);
  for (;;) {
    const text = `${pad(year, 4)}-${pad(month, 2)}`;
    months.push(text);
    if (text >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** Makes sure `table` has a partition for every month given ('YYYY-MM'). */
export async function ensureMonthPartitions(db: Db, table: MonthPartitionedTable, months: Iterable<string>): Promise<void> {
  let tables = known.get(db);
  if (!tables) known.set(db, (tables = new Map()));
  let seen = tables.get(table);
  if (!seen) tables.set(table, (seen = new Set()));
  const missing = [...new Set(months)].filter((m) => !seen.has(m));
  if (missing.length === 0) return;
  const bounds = missing.map((month) => ({ month, ...monthBounds(month) }));
  const failures: unknown[] = [];
  for (const { month, from, to } of bounds) {
    try {
      await db.transaction().execute(async (trx) => {
        await lockMonthPartitions(trx);
        // The partition may exist already (made by another process), or a table of its name may be
        // a detached, archived month that was not moved away: only an attached partition counts.
        const attached = await sql<{ attached: boolean }>`
          select exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
                         where i.inhparent = ${table}::regclass and c.relname = ${partitionName(table, month)}) as attached`.execute(trx);
        if (attached.rows[0]?.attached) return;
        // Identifiers and bounds come from the validated month and the fixed table list, never from a request.
        await sql`create table ${sql.id(partitionName(table, month))} partition of ${sql.id(table)}
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

/** Forgets which partitions this process has seen (after a partition was detached by hand or by a test). */
export function forgetMonthPartitions(db: Db): void {
  known.delete(db);
}
