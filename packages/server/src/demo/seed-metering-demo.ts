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
import { USAGE_EVENT_COLUMNS } from '../modules/metering/ingest/ingest.repository.js';
import { insertRun } from '../modules/metering/rating/rating-runs.repository.js';
import { rateRunInline } from '../modules/metering/rating/rating.worker.js';
import { TEST_BILLING_ACCOUNT } from './billing-accounts.demo.js';
import { type MeteringDemoOptions, createMeteringDemo } from './metering.demo.js';
import { WorkspaceNotFoundError } from './seed-flex-demo.js';

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
    const found = await trx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().executeTakeFirst();
    if (!found) throw new WorkspaceNotFoundError(`workspace '${workspaceId}' does not exist`);
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
    const stamp = { created_at: now, updated_at: now };
    await trx
      .insertInto('meters')
      .values(
        demo.meters.map((m) => ({
          workspace_id: workspaceId,
          id: m.id,
          event_type: m.eventType,
          value_property: m.valueProperty,
          aggregation: m.aggregation,
          consumed_unit: m.consumedUnit,
          ...stamp,
        })),
      )
      .execute();
    await trx
      .insertInto('prices')
      .values(
        demo.prices.map((p) => ({
          workspace_id: workspaceId,
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
          ...stamp,
        })),
      )
      .execute();
    await trx
      .insertInto('contracted_prices')
      .values(
        demo.contractedPrices.map((c) => ({
          workspace_id: workspaceId,
          billing_account_id: demo.billingAccountId,
          sku_id: c.skuId,
          effective_from: c.effectiveFrom,
          unit_price: c.unitPrice,
          ...stamp,
        })),
      )
      .execute();
    await trx
      .insertInto('commitments')
      .values({
        workspace_id: workspaceId,
        id: demo.commitment.id,
        billing_account_id: demo.billingAccountId,
        sku_id: demo.commitment.skuId,
        committed_quantity: demo.commitment.committedQuantity,
        minimum_quantity: demo.commitment.minimumQuantity,
        effective_from: demo.commitment.effectiveFrom,
        ...stamp,
      })
      .execute();
    await trx
      .insertInto('metering_resources')
      .values(
        demo.resources.map((r) => ({
          workspace_id: workspaceId,
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
          ...stamp,
        })),
      )
      .execute();
    options.onProgress?.('events', 0, demo.eventCount);
    const events = await bulkInsertStream(
      trx,
      'usage_events',
      USAGE_EVENT_COLUMNS,
      demo.eventsByDay(),
      [
        { name: 'workspace_id', type: 'text', value: workspaceId },
        { name: 'ingested_at', type: 'timestamptz', value: now.toISOString() },
      ],
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
