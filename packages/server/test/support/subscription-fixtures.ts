/** Issues subscription keys straight into the provider catalog, and helpers to drive operations in tests. */
import type { Insertable } from 'kysely';
import type { Db, SubscriptionKeysTable } from '../../src/storage/database.js';
import type { CatalogKey } from '../../src/modules/subscriptions/key-catalog/key-catalog.schemas.js';
import type { ProviderStatus } from '../../src/modules/subscriptions/subscriptions.enums.js';
import type { TestApp } from './test-app.js';

const DAY = 86_400_000;

let counter = 0;

/** A catalog key valid from a year ago for two years (relative to `now`), overridable per field. */
export function keyRow(now: number, overrides: Partial<Insertable<SubscriptionKeysTable>> = {}): Insertable<SubscriptionKeysTable> {
  counter += 1;
  return {
    key: `TSTKEY${String(counter).padStart(6, '0')}`,
    sku: 'R9Y02AAE',
    sku_description: 'Aruba Central Foundation AP Subscription 1 Year',
    subscription_type: 'CENTRAL_AP',
    tier: 'FOUNDATION_AP',
    tier_description: 'Foundation AP',
    product_type: 'DEVICE',
    quantity: 20,
    is_eval: false,
    start_time: new Date(now - 365 * DAY),
    end_time: new Date(now + 365 * DAY),
    contract: 'CT-1001',
    quote: 'Q-2001',
    po: 'PO-3001',
    reseller_po: null,
    end_user_name: 'Test Company',
    order_class: 'ZNS',
    ...overrides,
  };
}

export async function issueKeys(db: Db, rows: Insertable<SubscriptionKeysTable>[]): Promise<string[]> {
  if (rows.length) await db.insertInto('subscription_keys').values(rows).execute();
  return rows.map((r) => r.key);
}

/** Issues `n` fresh valid keys and returns them. */
export function freshKeys(t: TestApp, n: number, overrides: Partial<Insertable<SubscriptionKeysTable>> = {}): Promise<string[]> {
  return issueKeys(
    t.db,
    Array.from({ length: n }, () => keyRow(t.now(), overrides)),
  );
}

/**
 * A subscription in API terms, every stored value chosen: its key as the key catalog lists it
 * (`status` the provider's), and the workspace's own values. insertSubscriptions writes both.
 */
export type SubscriptionSpec = Omit<CatalogKey, 'claimedBy' | 'claimable' | 'createdAt' | 'status'> & {
  status: ProviderStatus;
  id: string;
  createdAt: string;
  updatedAt: string;
  availableQuantity: number;
  tags: Record<string, string>;
};

/** Issues the specs' keys and puts them straight into the workspace, 500 at a time. */
export async function insertSubscriptions(db: Db, workspaceId: string, specs: SubscriptionSpec[]): Promise<void> {
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500);
    const catalog = chunk.map((s) => ({
      key: s.key,
      sku: s.sku,
      sku_description: s.skuDescription,
      subscription_type: s.subscriptionType,
      tier: s.tier,
      tier_description: s.tierDescription,
      product_type: s.productType,
      quantity: s.quantity,
      is_eval: s.isEval,
      start_time: new Date(s.startTime),
      end_time: new Date(s.endTime),
      provider_status: s.status,
      contract: s.contract,
      quote: s.quote,
      po: s.po,
      reseller_po: s.resellerPo,
      end_user_name: s.endUserName,
      order_class: s.orderClass,
    }));
    await issueKeys(db, catalog);
    await db
      .insertInto('subscriptions')
      .values(
        chunk.map((s, j) => ({
          ...catalog[j]!,
          workspace_id: workspaceId,
          id: s.id,
          created_at: new Date(s.createdAt),
          updated_at: new Date(s.updatedAt),
          available_quantity: s.availableQuantity,
          tags: JSON.stringify(s.tags),
        })),
      )
      .execute();
    // The claim's other half: the key catalog names the holder (migration 0015).
    await db.updateTable('subscription_keys').set({ claimed_by: workspaceId }).where('key', 'in', chunk.map((s) => s.key)).execute();
  }
}

export interface Accepted {
  status: number;
  id: string;
  location: string | undefined;
  body: Record<string, unknown>;
}

/** POST /subscriptions/v1/subscriptions with the given keys; the 202's parts. */
export async function addKeys(
  t: TestApp,
  keys: string[],
  options: { token?: string; tags?: Record<string, string | null>; dryRun?: boolean; version?: string } = {},
): Promise<Accepted> {
  const res = await t.call({
    method: 'POST',
    url: `/subscriptions/${options.version ?? 'v1'}/subscriptions${options.dryRun ? '?dry-run=true' : ''}`,
    ...(options.token && { token: options.token }),
    payload: { subscriptions: keys.map((key) => ({ key, ...(options.tags && { tags: options.tags }) })) },
  });
  const body = res.json() as Record<string, unknown>;
  return { status: res.statusCode, id: body.transactionId as string, location: res.headers.location as string | undefined, body };
}

/** Runs every due job, then reads the operation. */
export async function settle(t: TestApp, operationId: string, token?: string): Promise<Record<string, unknown>> {
  await t.jobs.drain();
  const res = await t.call({ method: 'GET', url: `/subscriptions/v1/async-operations/${operationId}`, ...(token && { token }) });
  if (res.statusCode !== 200) throw new Error(`operation ${operationId}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}
