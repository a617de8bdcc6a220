/**
 * What the metering demos share: replacing a workspace's metering data with a demo catalog and its
 * usage, recording a seed run over the usage's days, and rating those runs inline — so every demo
 * workspace has cost records and rollups from its first start.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../storage/database.js';
import { bulkInsertStream } from '../storage/bulk-insert.js';
import { ensureMonthPartitions, monthsOfDays } from '../storage/month-partitions.js';
import { DAY_MS } from '../platform/formats/index.js';
import { USAGE_EVENT_COLUMNS, usageEventConstants } from '../modules/metering/ingest/ingest.repository.js';
import { insertBatch } from '../modules/metering/ingest/ingest-batches.repository.js';
import { insertRun } from '../modules/metering/rating/rating-runs.repository.js';
import { rateRunInline } from '../modules/metering/rating/rating.worker.js';
import type { RatingRunRow } from '../modules/metering/rating/rating-runs.repository.js';
import type { DemoEvent, DemoMeter, DemoPrice } from './metering.demo.js';

/** Every metering table of a workspace, children before the catalog rows they name. */
const METERING_TABLES = [
  'ingest_batches',
  'cost_tag_rollups_monthly',
  'cost_rollups_monthly',
  'cost_tag_rollups_daily',
  'cost_rollups_daily',
  'cost_records',
  'rating_marks',
  'rating_runs',
  'usage_events',
  'commitments',
  'contracted_prices',
  'prices',
  'meters',
  'metering_resources',
] as const;

export interface SeedPrice extends DemoPrice {
  publisherName: string;
  providerName: string;
  invoiceIssuerName: string;
  currency: string;
}

export interface SeedContractedPrice {
  billingAccountId: string;
  skuId: string;
  unitPrice: string;
  effectiveFrom: Date;
}

export interface SeedCommitment {
  id: string;
  billingAccountId: string;
  skuId: string;
  committedQuantity: string;
  minimumQuantity: string;
  effectiveFrom: Date;
}

export interface SeedResource {
  id: string;
  billingAccountId: string;
  subAccountId: string | null;
  subAccountName: string | null;
  name: string;
  resourceType: string;
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory: string | null;
  regionId: string | null;
  regionName: string | null;
  tags: Record<string, string>;
  deviceId: string | null;
}

/** A workspace's demo catalog; its billing accounts exist already. */
export interface SeedCatalog {
  meters: readonly DemoMeter[];
  prices: readonly SeedPrice[];
  contractedPrices: readonly SeedContractedPrice[];
  commitments: readonly SeedCommitment[];
  resources: readonly SeedResource[];
}

/** A demo's usage: first day and the day after the last ('YYYY-MM-DD'), and the events one day at a time. */
export interface SeedUsage {
  from: string;
  to: string;
  eventCount: number;
  eventsByDay(): Iterable<DemoEvent[]>;
}

/** Deletes the workspace's metering data: catalog, usage, cost records and rating runs (billing accounts stay). */
export async function clearMeteringData(trx: Executor, workspaceId: string): Promise<void> {
  for (const table of METERING_TABLES) await trx.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
}

/** Inserts the catalog, every row the workspace's, created and last updated `now`. */
export async function insertMeteringCatalog(trx: Executor, workspaceId: string, now: Date, catalog: SeedCatalog): Promise<void> {
  const own = <S, R extends object>(items: readonly S[], row: (item: S) => R) =>
    items.map((item) => ({ workspace_id: workspaceId, ...row(item), created_at: now, updated_at: now }));
  if (catalog.meters.length > 0) {
    await trx
      .insertInto('meters')
      .values(
        own(catalog.meters, (m) => ({
          id: m.id,
          event_type: m.eventType,
          value_property: m.valueProperty,
          aggregation: m.aggregation,
          consumed_unit: m.consumedUnit,
        })),
      )
      .execute();
  }
  if (catalog.prices.length > 0) {
    await trx
      .insertInto('prices')
      .values(
        own(catalog.prices, (p) => ({
          sku_id: p.skuId,
          effective_from: p.effectiveFrom,
          effective_to: p.effectiveTo,
          meter_id: p.meterId,
          charge_description: p.chargeDescription,
          publisher_name: p.publisherName,
          provider_name: p.providerName,
          invoice_issuer_name: p.invoiceIssuerName,
          pricing_unit: p.pricingUnit,
          pricing_quantity_divisor: p.pricingQuantityDivisor,
          list_unit_price: p.listUnitPrice,
          currency: p.currency,
          bands: p.bands === null ? null : JSON.stringify(p.bands),
        })),
      )
      .execute();
  }
  if (catalog.contractedPrices.length > 0) {
    await trx
      .insertInto('contracted_prices')
      .values(
        own(catalog.contractedPrices, (c) => ({
          billing_account_id: c.billingAccountId,
          sku_id: c.skuId,
          effective_from: c.effectiveFrom,
          unit_price: c.unitPrice,
        })),
      )
      .execute();
  }
  if (catalog.commitments.length > 0) {
    await trx
      .insertInto('commitments')
      .values(
        own(catalog.commitments, (c) => ({
          id: c.id,
          billing_account_id: c.billingAccountId,
          sku_id: c.skuId,
          committed_quantity: c.committedQuantity,
          minimum_quantity: c.minimumQuantity,
          effective_from: c.effectiveFrom,
        })),
      )
      .execute();
  }
  if (catalog.resources.length > 0) {
    await trx
      .insertInto('metering_resources')
      .values(
        own(catalog.resources, (r) => ({
          id: r.id,
          billing_account_id: r.billingAccountId,
          sub_account_id: r.subAccountId,
          sub_account_name: r.subAccountName,
          name: r.name,
          resource_type: r.resourceType,
          service_name: r.serviceName,
          service_category: r.serviceCategory,
          service_subcategory: r.serviceSubcategory,
          region_id: r.regionId,
          region_name: r.regionName,
          tags: JSON.stringify(r.tags),
          device_id: r.deviceId,
        })),
      )
      .execute();
  }
}

/** Makes the usage_events and cost_records month partitions the usage's days need, before the seeding transaction. */
export async function ensureUsagePartitions(db: Db, usage: Pick<SeedUsage, 'from' | 'to'>): Promise<void> {
  const months = monthsOfDays(usage.from, usage.to);
  await ensureMonthPartitions(db, 'usage_events', months);
  await ensureMonthPartitions(db, 'cost_records', months);
}

/** The usage's events, noting the first and last event time on the way through. */
function* notingTimes(days: Iterable<DemoEvent[]>, span: { first?: Date; last?: Date }): Generator<DemoEvent[]> {
  for (const events of days) {
    for (const e of events) {
      if (!span.first || e.time < span.first) span.first = e.time;
      if (!span.last || e.time > span.last) span.last = e.time;
    }
    yield events;
  }
}

/**
 * Stores the usage as ingested at `now`, logs it as one accepted batch of the ingest log (ADR 0030:
 * it arrived at seeding, not through ingest), and records a seed run over its days, to be rated by
 * `rateSeedRuns`.
 */
export async function insertUsageAndRun(
  trx: Executor,
  workspaceId: string,
  now: Date,
  usage: SeedUsage,
  onEvents?: (done: number, total: number) => void,
): Promise<{ events: number; runId: string; days: number }> {
  onEvents?.(0, usage.eventCount);
  const span: { first?: Date; last?: Date } = {};
  const events = await bulkInsertStream(
    trx,
    'usage_events',
    USAGE_EVENT_COLUMNS,
    notingTimes(usage.eventsByDay(), span),
    usageEventConstants(workspaceId, now),
    (done) => onEvents?.(done, usage.eventCount),
  );
  if (events > 0) {
    await insertBatch(trx, {
      id: randomUUID(),
      workspaceId,
      receivedAt: now,
      outcome: 'accepted',
      events,
      accepted: events,
      duplicates: 0,
      invalid: 0,
      eventTimes: span.first && span.last ? { first: span.first, last: span.last } : null,
      issues: [],
      sender: undefined,
    });
  }
  const runId = randomUUID();
  const days = (Date.parse(usage.to) - Date.parse(usage.from)) / DAY_MS;
  await insertRun(trx, { id: runId, workspaceId, trigger: 'seed', from: usage.from, to: usage.to, days, now });
  return { events, runId, days };
}

/**
 * Summarizes the block ranges of usage_events' BRIN time indexes (one per month) that bulk inserts added. Until
 * VACUUM does it, an unsummarized range matches every time, so each day rated scans every event
 * stored since: after a seed of several workspaces, this makes rating read only the day's ranges.
 * Only an optimization, so a role that does not own the index (insufficient privilege) skips it.
 */
async function summarizeUsageTimeIndex(db: Db): Promise<void> {
  try {
    // usage_events is partitioned by month: its index is a partitioned one, each month's a BRIN index of its own.
    await sql`select brin_summarize_new_values(i.inhrelid::regclass) from pg_inherits i where i.inhparent = 'usage_events_time'::regclass`.execute(db);
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== '42501') throw err;
  }
}

/** Refreshes the time index's ranges and the planner's view of the new usage, then rates each run's days inline, one run after the other. */
export async function rateSeedRuns(db: Db, runIds: readonly string[], now: Date): Promise<RatingRunRow[]> {
  await summarizeUsageTimeIndex(db);
  await sql`analyze usage_events`.execute(db);
  const runs: RatingRunRow[] = [];
  for (const runId of runIds) runs.push(await rateRunInline(db, runId, () => now.getTime()));
  return runs;
}
