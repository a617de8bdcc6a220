/**
 * Rates one workspace-day: aggregates its events, prices them, and replaces the day's cost records
 * and rollups in one transaction under the day's advisory lock — a reader sees the old day or the
 * new one, and two raters of one day take turns. The marks seen at the start are deleted with it.
 */
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../storage/database.js';
import { type BulkColumn, type BulkConstant, type BulkElementType, encodeBatch, insertEncoded } from '../../storage/bulk-insert.js';
import { COST_RECORD_COLUMNS } from '../focus/cost-record-columns.js';
import { DAY_MS, billingPeriodOf, dayStart } from './billing-period.js';
import { ensureCostPartitions, monthOf } from './cost-partitions.js';
import { Dec } from './decimal.js';
import { type CostRow, type RatedBillingAccount, type UsageAggregate, priceDay } from './price-usage.js';
import * as repo from './rating.repository.js';

export interface RateDayContext {
  workspaceId: string;
  catalog: repo.RatingCatalog;
  ratedAt: Date;
  runId: string | null;
}

const bulkType: Record<(typeof COST_RECORD_COLUMNS)[number]['type'], BulkElementType> = {
  string: 'text',
  decimal: 'numeric',
  timestamp: 'timestamptz',
  json: 'jsonb',
  uuid: 'uuid',
};

/** Columns rating writes per row (the run-wide ones are bound once as constants). */
const ROW_COLUMNS: readonly BulkColumn<'cost_records', CostRow>[] = [
  { name: 'line_key', type: 'text', value: (r) => r.line_key },
  ...COST_RECORD_COLUMNS.filter((c) => c.column !== 'x_rated_at' && c.column !== 'x_rating_run_id').map(
    (c): BulkColumn<'cost_records', CostRow> => ({
      name: c.column as keyof Database['cost_records'] & string,
      type: bulkType[c.type],
      value: c.type === 'json' ? (r) => (r[c.column] == null ? null : JSON.stringify(r[c.column])) : (r) => (r[c.column] ?? null) as string | Date | null,
    }),
  ),
];

const INSERT_BATCH = 5000;

type Value = string | Date | null;

function sameValue(a: Value, b: Value): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * Columns holding one value in every row of the batch (the day, the account, the publisher…) are
 * bound once instead of as arrays: a day of records then sends a quarter of the bytes to parse.
 */
function splitUniform(rows: readonly CostRow[]): { varying: BulkColumn<'cost_records', CostRow>[]; uniform: BulkConstant<'cost_records'>[] } {
  const varying: BulkColumn<'cost_records', CostRow>[] = [];
  const uniform: BulkConstant<'cost_records'>[] = [];
  for (const column of ROW_COLUMNS) {
    const first = column.value(rows[0]!) as Value;
    // line_key always travels as an array: it is what gives the statement its row count.
    let same = column.name !== 'line_key';
    for (let i = 1; same && i < rows.length; i++) same = sameValue(first, column.value(rows[i]!) as Value);
    if (same) uniform.push({ name: column.name, type: column.type, value: first instanceof Date ? first.toISOString() : first });
    else varying.push(column);
  }
  return { varying, uniform };
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
      const period = billingPeriodOf(from, a.accountingDay);
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
    await trx.deleteFrom('cost_records').where('workspace_id', '=', workspaceId).where('charge_period_start', '=', from).execute();
    const constants = [
      { name: 'workspace_id' as const, type: 'text' as const, value: workspaceId },
      { name: 'x_rated_at' as const, type: 'timestamptz' as const, value: context.ratedAt.toISOString() },
      { name: 'x_rating_run_id' as const, type: 'uuid' as const, value: context.runId },
    ];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const slice = rows.slice(i, i + INSERT_BATCH);
      const { varying, uniform } = splitUniform(slice);
      await insertEncoded(trx, encodeBatch('cost_records', varying, slice), [...constants, ...uniform]);
    }
    await repo.rebuildRollups(trx, workspaceId, day, from);
    await repo.deleteMarks(trx, marks);
    await within?.(trx, rows.length);
    return rows.length;
  });
}
