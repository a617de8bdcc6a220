/**
 * Replaces a workspace's metering data (catalog, usage, cost records, rating runs) with the demo
 * set in one transaction, then rates every demo day — so a fresh server's console, exports and
 * summaries have costs to show at once.
 */
import type { Db } from '../storage/database.js';
import { TEST_BILLING_ACCOUNT } from './billing-accounts.demo.js';
import { type MeteringDemoOptions, createMeteringDemo } from './metering.demo.js';
import { clearMeteringData, ensureUsagePartitions, insertMeteringCatalog, insertUsageAndRun, rateSeedRuns } from './metering-seeding.js';
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

export async function seedMeteringDemo(db: Db, workspaceId: string, options: SeedMeteringDemoOptions = {}): Promise<SeedMeteringDemoResult> {
  const now = options.until ?? new Date();
  // The window's days depend on `until` and `days` only, not on the devices read below.
  await ensureUsagePartitions(db, createMeteringDemo({ ...options, until: now, deviceIds: [] }));
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
    await clearMeteringData(trx, workspaceId);
    await trx
      .insertInto('billing_accounts')
      .values({ workspace_id: workspaceId, id: TEST_BILLING_ACCOUNT.id, name: TEST_BILLING_ACCOUNT.name, currency: TEST_BILLING_ACCOUNT.currency })
      .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
      .execute();
    const account = { billingAccountId: demo.billingAccountId };
    const greenLake = { publisherName: 'HPE GreenLake', providerName: 'HPE GreenLake', invoiceIssuerName: 'HPE GreenLake', currency: 'USD' };
    await insertMeteringCatalog(trx, workspaceId, now, {
      meters: demo.meters,
      prices: demo.prices.map((p) => ({ ...p, ...greenLake })),
      contractedPrices: demo.contractedPrices.map((c) => ({ ...c, ...account })),
      commitments: [{ ...demo.commitment, ...account }],
      resources: demo.resources.map((r) => ({ ...r, ...account, subAccountId: 'foo.org', subAccountName: 'foo.org', regionId: 'AMS', regionName: 'AMS' })),
    });
    const { events, runId, days } = await insertUsageAndRun(trx, workspaceId, now, demo, (done, total) => options.onProgress?.('events', done, total));
    return { resources: demo.resources.length, events, days, runId };
  });
  options.onProgress?.('rating', 0, result.days);
  const [run] = await rateSeedRuns(db, [result.runId], now);
  options.onProgress?.('rating', run!.days_done, result.days);
  return { resources: result.resources, events: result.events, days: result.days, records: Number(run!.records_written) };
}
