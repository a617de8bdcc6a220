/**
 * Replaces a workspace's metering data (catalog, usage, cost records, rating runs) with the demo
 * set in one transaction, then rates every demo day — so a fresh server's console, exports and
 * summaries have costs to show at once.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../storage/database.js';
import { bulkInsertStream } from '../storage/bulk-insert.js';
import { DAY_MS } from '../platform/formats/index.js';
import { USAGE_EVENT_COLUMNS, usageEventConstants } from '../modules/metering/ingest/ingest.repository.js';
import { insertRun } from '../modules/metering/rating/rating-runs.repository.js';
import { rateRunInline } from '../modules/metering/rating/rating.worker.js';
import { TEST_BILLING_ACCOUNT } from './billing-accounts.demo.js';
import { type MeteringDemoOptions, createMeteringDemo } from './metering.demo.js';
import { lockWorkspace } from './seeding.js';

export interface SeedMeteringDemoOptions extends MeteringDemoOptions {
  onProgress?: (phase: 'events' | 'rating', done: number, total: number) => void;
}

export interface SeedMeteringDemoResult {
  resources: number;
  events: number;
  days: number;
  records: number;
}

/** Every metering table of a workspace, children before the catalog rows they name. */
const METERING_TABLES = [
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

export async function seedMeteringDemo(db: Db, workspaceId: string, options: SeedMeteringDemoOptions = {}): Promise<SeedMeteringDemoResult> {
  const now = options.until ?? new Date();
  const result = await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspaceId);
    const devices = await trx
      .selectFrom('flex_devices')
      .select('resource_id')
      .where('workspace_id', '=', workspaceId)
      .where('billing_account_id', '=', TEST_BILLING_ACCOUNT.id)
      .orderBy('resource_id')
      .limit(options.resources ?? 24)
      .execute();
    const demo = createMeteringDemo({ ...options, until: now, deviceIds: devices.map((d) => d.resource_id) });
    for (const table of METERING_TABLES) await trx.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
    await trx
      .insertInto('billing_accounts')
      .values({ workspace_id: workspaceId, id: TEST_BILLING_ACCOUNT.id, name: TEST_BILLING_ACCOUNT.name, currency: TEST_BILLING_ACCOUNT.currency })
      .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
      .execute();
    // Every catalog row is the workspace's, created and last updated now.
    const own = <S, R extends object>(items: readonly S[], row: (item: S) => R) =>
      items.map((item) => ({ workspace_id: workspaceId, ...row(item), created_at: now, updated_at: now }));
    await trx
      .insertInto('meters')
      .values(
        own(demo.meters, (m) => ({
          id: m.id,
          event_type: m.eventType,
          value_property: m.valueProperty,
          aggregation: m.aggregation,
          consumed_unit: m.consumedUnit,
        })),
      )
      .execute();
    await trx
      .insertInto('prices')
      .values(
        own(demo.prices, (p) => ({
          sku_id: p.skuId,
          effective_from: p.effectiveFrom,
          effective_to: p.effectiveTo,
          meter_id: p.meterId,
          charge_description: p.chargeDescription,
          publisher_name: 'HPE GreenLake',
          provider_name: 'HPE GreenLake',
          invoice_issuer_name: 'HPE GreenLake',
          pricing_unit: p.pricingUnit,
          pricing_quantity_divisor: p.pricingQuantityDivisor,
          list_unit_price: p.listUnitPrice,
          currency: 'USD',
          bands: p.bands === null ? null : JSON.stringify(p.bands),
        })),
      )
      .execute();
    await trx
      .insertInto('contracted_prices')
      .values(
        own(demo.contractedPrices, (c) => ({
          billing_account_id: demo.billingAccountId,
          sku_id: c.skuId,
          effective_from: c.effectiveFrom,
          unit_price: c.unitPrice,
        })),
      )
      .execute();
    await trx
      .insertInto('commitments')
      .values(
        own([demo.commitment], (c) => ({
          id: c.id,
          billing_account_id: demo.billingAccountId,
          sku_id: c.skuId,
          committed_quantity: c.committedQuantity,
          minimum_quantity: c.minimumQuantity,
          effective_from: c.effectiveFrom,
        })),
      )
      .execute();
    await trx
      .insertInto('metering_resources')
      .values(
        own(demo.resources, (r) => ({
          id: r.id,
          billing_account_id: demo.billingAccountId,
          sub_account_id: 'foo.org',
          sub_account_name: 'foo.org',
          name: r.name,
          resource_type: r.resourceType,
          service_name: r.serviceName,
          service_category: r.serviceCategory,
          service_subcategory: r.serviceSubcategory,
          region_id: 'AMS',
          region_name: 'AMS',
          tags: JSON.stringify(r.tags),
          device_id: r.deviceId,
        })),
      )
      .execute();
    options.onProgress?.('events', 0, demo.eventCount);
    const events = await bulkInsertStream(
      trx,
      'usage_events',
      USAGE_EVENT_COLUMNS,
      demo.eventsByDay(),
      usageEventConstants(workspaceId, now),
      (done) => options.onProgress?.('events', done, demo.eventCount),
    );
    const runId = randomUUID();
    const days = (Date.parse(demo.to) - Date.parse(demo.from)) / DAY_MS;
    await insertRun(trx, { id: runId, workspaceId, trigger: 'seed', from: demo.from, to: demo.to, days, now });
    return { resources: demo.resources.length, events, days, runId };
  });
  await sql`analyze usage_events`.execute(db);
  options.onProgress?.('rating', 0, result.days);
  const run = await rateRunInline(db, result.runId, () => now.getTime());
  options.onProgress?.('rating', run.days_done, result.days);
  return { resources: result.resources, events: result.events, days: result.days, records: Number(run.records_written) };
}
