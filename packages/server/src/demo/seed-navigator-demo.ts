/**
 * The VMware Cloud Partner Navigator demo: makes the workspace a provider with three tenant
 * organizations (navigator.demo.ts) and replaces each tenant's metering data with its demo catalog
 * and usage in one transaction, then rates every day — so the services usage report of a tenant
 * answers from the first start. A tenant's id is derived from the provider's, so a re-seed finds
 * it and keeps its row as it is (edits included) instead of adding another; the provider's own
 * data is left alone.
 */
import type { Db } from '../storage/database.js';
import { findWorkspace, insertWorkspace } from '../platform/tenancy/workspaces.repository.js';
import { type NavigatorDemoOptions, createNavigatorDemo } from './navigator.demo.js';
import { clearMeteringData, ensureUsagePartitions, insertMeteringCatalog, insertUsageAndRun, rateSeedRuns } from './metering-seeding.js';
import { lockWorkspace } from './seeding.js';

export interface SeedNavigatorDemoResult {
  tenants: number;
  resources: number;
  events: number;
  records: number;
}

export async function seedNavigatorDemo(db: Db, providerWorkspaceId: string, options: NavigatorDemoOptions = {}): Promise<SeedNavigatorDemoResult> {
  const now = options.until ?? new Date();
  const tenants = createNavigatorDemo(providerWorkspaceId, { ...options, until: now });
  for (const tenant of tenants) await ensureUsagePartitions(db, tenant.usage);
  const seeded = await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, providerWorkspaceId);
    // One level only: a tenant has no tenants of its own.
    const provider = await findWorkspace(trx, providerWorkspaceId);
    if (provider?.parent_id != null) return undefined;
    let resources = 0;
    let events = 0;
    const runIds: string[] = [];
    for (const tenant of tenants) {
      if (!(await findWorkspace(trx, tenant.id))) {
        // Dated when the organization joined, not now: the tenant list reads oldest first (Coke first).
        await insertWorkspace(trx, {
          id: tenant.id,
          name: tenant.name,
          parent_id: providerWorkspaceId,
          company_name: tenant.companyName,
          anniversary_billing_date: tenant.anniversaryBillingDate,
          created_at: tenant.createdAt,
          updated_at: tenant.createdAt,
        });
      }
      await lockWorkspace(trx, tenant.id);
      const account = tenant.billingAccount;
      await trx
        .insertInto('billing_accounts')
        .values({ workspace_id: tenant.id, id: account.id, name: account.name, currency: account.currency, accounting_day: account.accountingDay })
        .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
        .execute();
      await clearMeteringData(trx, tenant.id);
      await insertMeteringCatalog(trx, tenant.id, now, tenant.catalog);
      const stored = await insertUsageAndRun(trx, tenant.id, now, tenant.usage);
      resources += tenant.catalog.resources.length;
      events += stored.events;
      runIds.push(stored.runId);
    }
    return { resources, events, runIds };
  });
  if (!seeded) return { tenants: 0, resources: 0, events: 0, records: 0 };
  const runs = await rateSeedRuns(db, seeded.runIds, now);
  const records = runs.reduce((n, run) => n + Number(run.records_written), 0);
  return { tenants: tenants.length, resources: seeded.resources, events: seeded.events, records };
}
