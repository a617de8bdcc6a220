/** Issues subscription keys straight into the provider catalog, and helpers to drive operations in tests. */
import type { Insertable } from 'kysely';
import type { Db, SubscriptionKeysTable } from '../../src/storage/database.js';
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
