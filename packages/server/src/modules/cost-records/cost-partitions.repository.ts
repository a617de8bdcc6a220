/**
 * cost_records is partitioned by calendar month of ChargePeriodStart; a month's partition is made
 * the first time something is rated into it (storage/month-partitions.ts, shared with usage_events).
 */
import type { Db } from '../../storage/database.js';
import { ensureMonthPartitions } from '../../storage/month-partitions.js';

export { monthBounds, monthOf } from '../../storage/month-partitions.js';

/** Makes sure a cost_records partition exists for every month given ('YYYY-MM'). */
export function ensureCostPartitions(db: Db, months: Iterable<string>): Promise<void> {
  return ensureMonthPartitions(db, 'cost_records', months);
}
