/**
 * Rates one workspace-day: aggregates its events, prices them, and replaces the day's cost records
 * and rollups in one transaction under the day's advisory lock — a reader sees the old day or the
 * new one, and two raters of one day take turns. The marks seen at the start are deleted with it.
 */
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../../storage/database.js';
import { ensureCostPartitions, monthOf } from '../../cost-records/index.js';
import { DAY_MS } from '../../../platform/formats/index.js';
import { accountingPeriodOf } from '../../../platform/calendar/accounting-calendar.js';
import { dayStart } from './rating-days.js';
import { Dec } from './decimal.js';
import { type RatedBillingAccount, type UsageAggregate, priceDay } from './price-usage.js';
import * as repo from './rating.repository.js';

export interface RateDayContext {
  workspaceId: string;
  catalog: repo.RatingCatalog;
  ratedAt: Date;
  runId: string | null;
}

const SECONDS_PER_HOUR = new Dec(3600);

function hours(rows: UsageAggregate[]): UsageAggregate[] {
  return rows.map((r) => ({ ...r, quantity: new Dec(r.quantity).div(SECONDS_PER_HOUR).toFixed() }));
}

/** Rates `day` ('YYYY-MM-DD'); `within` runs in the same transaction (a run records its progress there). */
export async function rateDay(
  db: Db,
  context: RateDayContext,
  day: string,
  within?: (trx: Transaction<Database>, records: number) => Promise<void>,
): Promise<number> {
  const from = dayStart(day);
  const to = new Date(from.getTime() + DAY_MS);
  await ensureCostPartitions(db, [monthOf(from)]);
  const { workspaceId, catalog } = context;
  return db.transaction().execute(async (trx) => {
    await repo.lockDay(trx, workspaceId, day);
    const marks = await repo.marksOfDay(trx, workspaceId, day);
    const [usage, book] = await Promise.all([repo.aggregateDay(trx, workspaceId, from, to), repo.loadPriceBook(trx, workspaceId, from)]);
    const billingAccounts = new Map<string, RatedBillingAccount>();
    for (const a of catalog.accounts.values()) {
      // A billing period is the account's accounting period; only its bounds matter here.
      const period = accountingPeriodOf({ accountingDay: a.accountingDay, fiscalStartMonth: 1 }, from);
      billingAccounts.set(a.id, { id: a.id, name: a.name, currency: a.currency, billingPeriodStart: period.start, billingPeriodEnd: period.end });
    }
    const rows = priceDay({
      dayStart: from,
      dayEnd: to,
      usage: [...usage.plain, ...hours(usage.timeWeightedSeconds)],
      resources: catalog.resources,
      billingAccounts,
      meters: catalog.meters,
      pricesByMeter: book.pricesByMeter,
      contractedPrices: book.contractedPrices,
      commitments: book.commitments,
    });
    await repo.replaceDayRecords(trx, { workspaceId, from, ratedAt: context.ratedAt, runId: context.runId }, rows);
    await repo.rebuildRollups(trx, workspaceId, day, from);
    await repo.deleteMarks(trx, marks);
    await within?.(trx, rows.length);
    return rows.length;
  });
}
