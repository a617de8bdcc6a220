/**
 * Rates one workspace-day: aggregates its events, prices them, and replaces the day's cost records
 * and rollups in one transaction under the day's advisory lock — a reader sees the old day or the
 * new one, and two raters of one day take turns. The marks seen at the start are deleted with it.
 * The plain lines are priced in SQL by the statement that aggregates the day (plain-lines.ts); the
 * rest in JavaScript (price-usage.ts), to the same rows.
 */
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../../storage/database.js';
import { ensureCostPartitions, monthOf } from '../../cost-records/index.js';
import { DAY_MS } from '../../../platform/formats/index.js';
import { accountingPeriodOf } from '../../../platform/calendar/accounting-calendar.js';
import { dayStart } from './rating-days.js';
import { type RatedBillingAccount, priceDay } from './price-usage.js';
import { noPlainLines, planPlainLines } from './plain-lines.js';
import { ratePlainLines } from './plain-lines.repository.js';
import * as repo from './rating.repository.js';

export interface RateDayContext {
  workspaceId: string;
  catalog: repo.RatingCatalog;
  ratedAt: Date;
  runId: string | null;
  /** false: price every line in JavaScript, none in SQL — the reference the SQL path is tested against. Default true. */
  plainLinesInSql?: boolean;
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
    await repo.beginDay(trx, workspaceId, day);
    const marks = await repo.marksOfDay(trx, workspaceId, day);
    const book = await repo.loadPriceBook(trx, workspaceId, from);
    const billingAccounts = new Map<string, RatedBillingAccount>();
    for (const a of catalog.accounts.values()) {
      // A billing period is the account's accounting period; only its bounds matter here.
      const period = accountingPeriodOf({ accountingDay: a.accountingDay, fiscalStartMonth: 1 }, from);
      billingAccounts.set(a.id, { id: a.id, name: a.name, currency: a.currency, billingPeriodStart: period.start, billingPeriodEnd: period.end });
    }
    const plan =
      context.plainLinesInSql === false ? noPlainLines(billingAccounts) : planPlainLines({ billingAccounts, meters: catalog.meters, ...book });
    const rated = { workspaceId, from, to, ratedAt: context.ratedAt, runId: context.runId };
    await repo.deleteDayRecords(trx, workspaceId, from);
    const left = await ratePlainLines(trx, rated, plan);
    const rows = priceDay({
      dayStart: from,
      dayEnd: to,
      usage: left.usage,
      resources: left.resources,
      billingAccounts,
      meters: catalog.meters,
      pricesByMeter: book.pricesByMeter,
      contractedPrices: book.contractedPrices,
      commitments: book.commitments,
    });
    await repo.insertDayRecords(trx, rated, rows);
    await repo.rebuildRollups(trx, workspaceId, day, from);
    await repo.deleteMarks(trx, marks);
    const records = left.recordsInSql + rows.length;
    await within?.(trx, records);
    return records;
  });
}
