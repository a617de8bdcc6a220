/**
 * The queries rating runs: the catalog it prices with, the day's marks, and the writes that
 * replace a day's cost records and rollups (the day's usage aggregates and its plain lines:
 * plain-lines.repository.ts).
 */
import { sql } from 'kysely';
import type { Database, Executor } from '../../../storage/database.js';
import type { MeterAggregation } from '../catalog/meters.enums.js';
import { type BulkColumn, type BulkConstant, encodeBatch, insertEncoded } from '../../../storage/bulk-insert.js';
import { COST_RECORD_COLUMNS, SQL_TYPE_OF } from '../../cost-records/index.js';
import type { Commitment, CostRow, PriceVersion, RatedMeter } from './price-usage.js';
import { lockRatingDay, lockRatingMonth } from '../../../storage/advisory-locks.js';

export interface RatingCatalog {
  meters: Map<string, RatedMeter & { aggregation: MeterAggregation }>;
  accounts: Map<string, { id: string; name: string; currency: string; accountingDay: number }>;
}

/**
 * Meters and billing accounts, read once per run (they are few). Resources are read by each day's
 * transaction with its usage (plain-lines.repository.ts), so both pricing paths see the same ones.
 */
export async function loadCatalog(db: Executor, workspaceId: string): Promise<RatingCatalog> {
  const [meters, accounts] = await Promise.all([
    db.selectFrom('meters').select(['id', 'consumed_unit', 'aggregation']).where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('billing_accounts').select(['id', 'name', 'currency', 'accounting_day']).where('workspace_id', '=', workspaceId).execute(),
  ]);
  return {
    meters: new Map(meters.map((m) => [m.id, { id: m.id, consumedUnit: m.consumed_unit, aggregation: m.aggregation }])),
    accounts: new Map(accounts.map((a) => [a.id, { id: a.id, name: a.name, currency: a.currency, accountingDay: a.accounting_day }])),
  };
}

export interface DayPriceBook {
  pricesByMeter: Map<string, PriceVersion[]>;
  contractedPrices: Map<string, string>;
  commitments: Commitment[];
}

/** The price versions, contracted prices and commitments whose [effectiveFrom, effectiveTo) holds the day's start. */
export async function loadPriceBook(db: Executor, workspaceId: string, at: Date): Promise<DayPriceBook> {
  const [prices, contracts, commitments] = await Promise.all([
    db
      .selectFrom('prices')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('effective_from', '<=', at)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
      .orderBy('sku_id')
      .execute(),
    db
      .selectFrom('contracted_prices')
      .select(['billing_account_id', 'sku_id', 'unit_price'])
      .where('workspace_id', '=', workspaceId)
      .where('effective_from', '<=', at)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
      .execute(),
    db
      .selectFrom('commitments')
      .select(['id', 'billing_account_id', 'sku_id', 'committed_quantity', 'minimum_quantity'])
      .where('workspace_id', '=', workspaceId)
      .where('effective_from', '<=', at)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
      .orderBy('id')
      .execute(),
  ]);
  const pricesByMeter = new Map<string, PriceVersion[]>();
  for (const p of prices) {
    const version: PriceVersion = {
      skuId: p.sku_id,
      effectiveFrom: p.effective_from,
      meterId: p.meter_id,
      chargeDescription: p.charge_description,
      publisherName: p.publisher_name,
      providerName: p.provider_name,
      invoiceIssuerName: p.invoice_issuer_name,
      pricingUnit: p.pricing_unit,
      pricingQuantityDivisor: p.pricing_quantity_divisor,
      listUnitPrice: p.list_unit_price,
      currency: p.currency,
      bands: p.bands,
    };
    const list = pricesByMeter.get(p.meter_id);
    if (list) list.push(version);
    else pricesByMeter.set(p.meter_id, [version]);
  }
  return {
    pricesByMeter,
    contractedPrices: new Map(contracts.map((c) => [`${c.billing_account_id}|${c.sku_id}`, c.unit_price])),
    commitments: commitments.map((c) => ({
      id: c.id,
      billingAccountId: c.billing_account_id,
      skuId: c.sku_id,
      committedQuantity: c.committed_quantity,
      minimumQuantity: c.minimum_quantity,
    })),
  };
}

/** The marks of a day visible now; rating deletes exactly these when it commits the day. */
export async function marksOfDay(db: Executor, workspaceId: string, day: string): Promise<string[]> {
  const rows = await db.selectFrom('rating_marks').select('seq').where('workspace_id', '=', workspaceId).where('day', '=', day).execute();
  return rows.map((r) => String(r.seq));
}

export async function deleteMarks(db: Executor, seqs: readonly string[]): Promise<void> {
  if (seqs.length === 0) return;
  await sql`delete from rating_marks where seq = any(${`{${seqs.join(',')}}`}::bigint[])`.execute(db);
}

/** The marked days of a workspace, oldest first. */
export async function markedDays(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await sql<{ day: string }>`
    select distinct day::text as day from rating_marks where workspace_id = ${workspaceId} order by 1`.execute(db);
  return rows.rows.map((r) => r.day);
}

/**
 * Opens a day's rating in its transaction: without JIT, then waits for the day's other raters. The
 * day's statement is large in cost estimate (a day of events) and short in time: PostgreSQL 15 spent
 * 200–230 ms compiling its expressions (135 functions) against 250 ms running it without, for
 * 100,000 events (ADR 0033).
 */
export async function beginDay(db: Executor, workspaceId: string, day: string): Promise<void> {
  await sql`set local jit = off`.execute(db);
  await lockRatingDay(db, workspaceId, day);
}

/** The rollups' dimension and measure columns, in one order (daily, tag and monthly tables alike). */
const ROLLUP_DIMENSIONS = sql.raw(`billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id,
  charge_category, billing_currency`);
const ROLLUP_MEASURES = sql.raw(`records, list_cost, contracted_cost, effective_cost, billed_cost, consumed_quantity, pricing_quantity,
  unpriced_records`);
const ROLLUP_SUMS = sql.raw(`sum(records), sum(list_cost), sum(contracted_cost), sum(effective_cost), sum(billed_cost),
  sum(consumed_quantity), sum(pricing_quantity), sum(unpriced_records)`);

/**
 * Rebuilds the day's rollups and tag rollups from its cost records (run after the records are
 * replaced), then the monthly ones of the day's month from the daily ones.
 */
export async function rebuildRollups(db: Executor, workspaceId: string, day: string, from: Date): Promise<void> {
  await rebuildDayRollups(db, workspaceId, day, from);
  await rebuildMonthRollups(db, workspaceId, day);
}

/**
 * Rewrites one day's daily rollups and tag rollups from its cost records; the month's rollups are
 * left as they were (rebuildRollups does both; a loader that writes many days of a month may call
 * this per day and rebuildMonthRollups once per month, with the same result).
 */
export async function rebuildDayRollups(db: Executor, workspaceId: string, day: string, from: Date): Promise<void> {
  await db.deleteFrom('cost_rollups_daily').where('workspace_id', '=', workspaceId).where('day', '=', day).execute();
  await sql`
    insert into cost_rollups_daily (workspace_id, day, ${ROLLUP_DIMENSIONS}, ${ROLLUP_MEASURES})
    select workspace_id, ${day}::date, ${ROLLUP_DIMENSIONS}, count(*)::int, sum(list_cost), sum(contracted_cost),
      sum(effective_cost), sum(billed_cost), sum(consumed_quantity), sum(pricing_quantity),
      (count(*) filter (where x_rating_status <> 'RATED'))::int
    from cost_records
    where workspace_id = ${workspaceId} and charge_period_start = ${from}
    group by workspace_id, ${ROLLUP_DIMENSIONS}`.execute(db);
  await rebuildTagRollups(db, workspaceId, day, from);
}

/**
 * Rewrites the monthly rollups and tag rollups of the month holding `day` ('YYYY-MM-DD') as the
 * sums of its daily rows (exact numeric sums), under the month's lock: each statement after it
 * reads the daily rows every other rater of the month has committed, and this transaction's own.
 * Run it in the transaction that rewrote the day (the lock lasts until that transaction ends).
 */
export async function rebuildMonthRollups(db: Executor, workspaceId: string, day: string): Promise<void> {
  const month = day.slice(0, 7);
  await lockRatingMonth(db, workspaceId, month);
  const first = sql`${`${month}-01`}::date`;
  const inMonth = sql`workspace_id = ${workspaceId} and day >= ${first} and day < (${first} + interval '1 month')::date`;
  await db.deleteFrom('cost_rollups_monthly').where('workspace_id', '=', workspaceId).where('month', '=', `${month}-01`).execute();
  await sql`
    insert into cost_rollups_monthly (workspace_id, month, ${ROLLUP_DIMENSIONS}, ${ROLLUP_MEASURES})
    select workspace_id, ${first}, ${ROLLUP_DIMENSIONS}, ${ROLLUP_SUMS}
    from cost_rollups_daily
    where ${inMonth}
    group by workspace_id, ${ROLLUP_DIMENSIONS}`.execute(db);
  await db.deleteFrom('cost_tag_rollups_monthly').where('workspace_id', '=', workspaceId).where('month', '=', `${month}-01`).execute();
  await sql`
    insert into cost_tag_rollups_monthly (workspace_id, month, tag_key, tag_value, ${ROLLUP_DIMENSIONS}, ${ROLLUP_MEASURES})
    select workspace_id, ${first}, tag_key, tag_value, ${ROLLUP_DIMENSIONS}, ${ROLLUP_SUMS}
    from cost_tag_rollups_daily
    where ${inMonth}
    group by workspace_id, tag_key, tag_value, ${ROLLUP_DIMENSIONS}`.execute(db);
}

/**
 * The day's tag rollups: the same grouping per tag key and value the records carry (records
 * without tags add nothing; a JSON-null value counts as absent). cost-summary reads a key's
 * untagged remainder as the rollup total minus the key's tagged sum.
 */
async function rebuildTagRollups(db: Executor, workspaceId: string, day: string, from: Date): Promise<void> {
  await db.deleteFrom('cost_tag_rollups_daily').where('workspace_id', '=', workspaceId).where('day', '=', day).execute();
  await sql`
    insert into cost_tag_rollups_daily (workspace_id, day, tag_key, tag_value, ${ROLLUP_DIMENSIONS}, ${ROLLUP_MEASURES})
    select c.workspace_id, ${day}::date, t.key, t.value, ${ROLLUP_DIMENSIONS}, count(*)::int, sum(c.list_cost),
      sum(c.contracted_cost), sum(c.effective_cost), sum(c.billed_cost), sum(c.consumed_quantity), sum(c.pricing_quantity),
      (count(*) filter (where c.x_rating_status <> 'RATED'))::int
    from cost_records c
    cross join lateral jsonb_each_text(case when jsonb_typeof(c.tags) = 'object' then c.tags else '{}'::jsonb end) t
    where c.workspace_id = ${workspaceId} and c.charge_period_start = ${from} and t.value is not null
    group by c.workspace_id, t.key, t.value, ${ROLLUP_DIMENSIONS}`.execute(db);
}

/** Columns rating writes per row (the run-wide ones are bound once as constants). */
const ROW_COLUMNS: readonly BulkColumn<'cost_records', CostRow>[] = [
  { name: 'line_key', type: 'text', value: (r) => r.line_key },
  ...COST_RECORD_COLUMNS.filter((c) => c.column !== 'x_rated_at' && c.column !== 'x_rating_run_id').map(
    (c): BulkColumn<'cost_records', CostRow> => ({
      name: c.column as keyof Database['cost_records'] & string,
      type: SQL_TYPE_OF[c.type],
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

/** Deletes the day's cost records (the day starting at `from`), before the day's new ones are written. */
export async function deleteDayRecords(db: Executor, workspaceId: string, from: Date): Promise<void> {
  await db.deleteFrom('cost_records').where('workspace_id', '=', workspaceId).where('charge_period_start', '=', from).execute();
}

/** Inserts `rows` as cost records of the day starting at `from`, stamped with the rating time and run. */
export async function insertDayRecords(
  db: Executor,
  day: { workspaceId: string; from: Date; ratedAt: Date; runId: string | null },
  rows: readonly CostRow[],
): Promise<void> {
  const constants = [
    { name: 'workspace_id' as const, type: 'text' as const, value: day.workspaceId },
    { name: 'x_rated_at' as const, type: 'timestamptz' as const, value: day.ratedAt.toISOString() },
    { name: 'x_rating_run_id' as const, type: 'uuid' as const, value: day.runId },
  ];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const slice = rows.slice(i, i + INSERT_BATCH);
    const { varying, uniform } = splitUniform(slice);
    await insertEncoded(db, encodeBatch('cost_records', varying, slice), [...constants, ...uniform]);
  }
}
