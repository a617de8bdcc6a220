/** Replaces a workspace's Flex billing accounts, orders and devices with deterministic demo data. */
import { sql } from 'kysely';
import type { Db } from '../storage/database.js';
import { bulkInsert, bulkInsertStream, type BulkColumn } from '../storage/bulk-insert.js';
import type { DemoDevice } from './devices.demo.js';
import { createFlexDemo, type FlexDemoOptions } from './flex-demo-data.js';
import type { DemoOrder } from './orders.demo.js';
import { checkBatchSize, lockWorkspace } from './seeding.js';

export interface SeedFlexDemoOptions extends FlexDemoOptions {
  /** Devices per INSERT (default 10,000): large enough to amortise a round trip and a plan, small enough to stream. */
  batchSize?: number;
  /** Called after each device batch; total is the device count. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedFlexDemoResult {
  billingAccounts: number;
  orders: number;
  devices: number;
}

const ORDER_COLUMNS: readonly BulkColumn<'flex_orders', DemoOrder>[] = [
  { name: 'id', type: 'uuid', value: (o) => o.id },
  { name: 'generation', type: 'int4', value: (o) => o.generation },
  { name: 'created_at', type: 'timestamptz', value: (o) => o.createdAt },
  { name: 'updated_at', type: 'timestamptz', value: (o) => o.updatedAt },
  { name: 'billing_account_id', type: 'text', value: (o) => o.billingAccountId },
  { name: 'billing_account_name', type: 'text', value: (o) => o.billingAccountName },
  { name: 'sow_id', type: 'text', value: (o) => o.sowId },
  { name: 'order_start_date', type: 'timestamptz', value: (o) => o.orderStartDate },
  { name: 'order_end_date', type: 'timestamptz', value: (o) => o.orderEndDate },
  { name: 'customer_name', type: 'text', value: (o) => o.customerName },
  { name: 'reseller_name', type: 'text', value: (o) => o.resellerName },
  { name: 'distributor_name', type: 'text', value: (o) => o.distributorName },
  { name: 'partner_name', type: 'text', value: (o) => o.partnerName },
  { name: 'is_flex_partner', type: 'bool', value: (o) => o.isFlexPartner },
];

export const DEVICE_COLUMNS: readonly BulkColumn<'flex_devices', DemoDevice>[] = [
  { name: 'id', type: 'uuid', value: (d) => d.id },
  { name: 'resource_id', type: 'uuid', value: (d) => d.resourceId },
  { name: 'generation', type: 'int4', value: (d) => d.generation },
  { name: 'created_at', type: 'timestamptz', value: (d) => d.createdAt },
  { name: 'updated_at', type: 'timestamptz', value: (d) => d.updatedAt },
  { name: 'mac_address', type: 'text', value: (d) => d.macAddress },
  { name: 'serial_number', type: 'text', value: (d) => d.serialNumber },
  { name: 'part_number', type: 'text', value: (d) => d.partNumber },
  { name: 'name', type: 'text', value: (d) => d.name },
  { name: 'device_type', type: 'text', value: (d) => d.deviceType },
  { name: 'model', type: 'text', value: (d) => d.model },
  { name: 'make', type: 'text', value: (d) => d.make },
  { name: 'billing_account_id', type: 'text', value: (d) => d.billingAccountId },
  { name: 'billing_account_name', type: 'text', value: (d) => d.billingAccountName },
  { name: 'billing_tier', type: 'text', value: (d) => d.billingTier },
  { name: 'order_id', type: 'uuid', value: (d) => d.orderId },
  { name: 'tags', type: 'jsonb', value: (d) => JSON.stringify(d.tags) },
];

/**
 * Deletes the workspace's devices, orders and billing accounts and inserts the demo set, all in
 * one transaction: readers see the old data or the new, never a half-seeded workspace, and a
 * failure leaves the old data in place. The workspace row is locked for the duration so two
 * seeds of one workspace run one after the other.
 */
export async function seedFlexDemo(db: Db, workspaceId: string, options: SeedFlexDemoOptions = {}): Promise<SeedFlexDemoResult> {
  const demo = createFlexDemo(options);
  const batchSize = checkBatchSize(options.batchSize ?? 10_000);
  const workspace = [{ name: 'workspace_id', type: 'text', value: workspaceId }] as const;
  const result = await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspaceId);
    await trx.deleteFrom('flex_devices').where('workspace_id', '=', workspaceId).execute();
    await trx.deleteFrom('flex_orders').where('workspace_id', '=', workspaceId).execute();
    // Billing accounts that metering data or a budget references stay (with their customer id); the
    // demo's accounts are written over them by id.
    await trx
      .deleteFrom('billing_accounts')
      .where('workspace_id', '=', workspaceId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('metering_resources as r')
              .select(sql.lit(1).as('one'))
              .whereRef('r.workspace_id', '=', 'billing_accounts.workspace_id')
              .whereRef('r.billing_account_id', '=', 'billing_accounts.id')
              .union(
                selectFrom('contracted_prices as c')
                  .select(sql.lit(1).as('one'))
                  .whereRef('c.workspace_id', '=', 'billing_accounts.workspace_id')
                  .whereRef('c.billing_account_id', '=', 'billing_accounts.id'),
              )
              .union(
                selectFrom('commitments as m')
                  .select(sql.lit(1).as('one'))
                  .whereRef('m.workspace_id', '=', 'billing_accounts.workspace_id')
                  .whereRef('m.billing_account_id', '=', 'billing_accounts.id'),
              )
              .union(
                selectFrom('budgets as g')
                  .select(sql.lit(1).as('one'))
                  .whereRef('g.workspace_id', '=', 'billing_accounts.workspace_id')
                  .whereRef('g.billing_account_id', '=', 'billing_accounts.id'),
              ),
          ),
        ),
      )
      .execute();
    await trx
      .insertInto('billing_accounts')
      .values(
        demo.billingAccounts.map((a) => ({
          workspace_id: workspaceId,
          id: a.id,
          name: a.name,
          currency: a.currency,
          created_at: a.createdAt,
          updated_at: a.updatedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          currency: eb.ref('excluded.currency'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    await bulkInsert(trx, 'flex_orders', ORDER_COLUMNS, demo.orders, workspace);
    options.onProgress?.(0, demo.deviceCount);
    const done = await bulkInsertStream(trx, 'flex_devices', DEVICE_COLUMNS, demo.devices(batchSize), workspace, (n) =>
      options.onProgress?.(n, demo.deviceCount),
    );
    return { billingAccounts: demo.billingAccounts.length, orders: demo.orders.length, devices: done };
  });
  // Fresh statistics and visibility map: the planner sees the new row counts at once, and list
  // pages can use index-only scans (PGlite never autovacuums; PostgreSQL would only eventually).
  await sql`vacuum analyze flex_devices, flex_orders, billing_accounts`.execute(db);
  return result;
}
