/** Replaces a workspace's demo subscription keys and subscriptions with deterministic ones. */
import { sql } from 'kysely';
import type { Db, Executor } from '../storage/database.js';
import { arrayParameters, bulkInsertStream, insertStream, type BulkColumn, type EncodedBatch } from '../storage/bulk-insert.js';
import { NEW_KEY_COLUMNS } from '../modules/subscriptions/key-catalog/key-catalog.repository.js';
import { checkBatchSize, lockWorkspace } from './seeding.js';
import {
  DEMO_KEY_LENGTH, DEMO_ORDER_CLASS, createSubscriptionsDemo,
  type DemoSubscription, type SubscriptionsDemoOptions,
} from './subscriptions.demo.js';

export interface SeedSubscriptionsDemoOptions extends SubscriptionsDemoOptions {
  /** Rows per INSERT (default 10,000). */
  batchSize?: number;
  /** Called after each batch; `total` counts the key rows and the subscription rows to write. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSubscriptionsDemoResult {
  /** Catalog keys issued: claimed + free + expired. */
  keys: number;
  /** Of those, claimed by the workspace (one subscription each). */
  claimed: number;
  /** Unclaimed and current: the workspace can claim them. */
  free: number;
  /** Unclaimed, their end time before `now`. */
  expired: number;
}

/** A subscription's own columns; the rest it copies from its key in the catalog (see insertClaims). */
const CLAIM_COLUMNS: readonly BulkColumn<'subscriptions', DemoSubscription>[] = [
  { name: 'id', type: 'uuid', value: (s) => s.id },
  { name: 'key', type: 'text', value: (s) => s.key.key },
  { name: 'generation', type: 'int4', value: (s) => s.generation },
  { name: 'created_at', type: 'timestamptz', value: (s) => s.createdAt },
  { name: 'updated_at', type: 'timestamptz', value: (s) => s.updatedAt },
  { name: 'available_quantity', type: 'int4', value: (s) => s.availableQuantity },
  { name: 'tags', type: 'jsonb', value: (s) => JSON.stringify(s.tags) },
];
const COPIED_COLUMNS = NEW_KEY_COLUMNS.map((c) => c.name).filter((name) => name !== 'key' && name !== 'created_at');

/**
 * Inserts one batch of subscriptions, copying each key's catalog columns from `subscription_keys`
 * as a claim does: a third of the arrays to build and parse, and the copy cannot drift.
 */
async function insertClaims(trx: Executor, workspaceId: string, batch: EncodedBatch<'subscriptions'>): Promise<number> {
  const own = batch.columns.map((c) => c.name);
  const result = await sql`
    insert into subscriptions (workspace_id, ${sql.join(own.map((c) => sql.ref(c)))}, ${sql.join(COPIED_COLUMNS.map((c) => sql.ref(c)))})
    select ${workspaceId}::text, ${sql.join(own.map((c) => sql.ref(`c.${c}`)))}, ${sql.join(COPIED_COLUMNS.map((c) => sql.ref(`k.${c}`)))}
    from unnest(${arrayParameters(batch)}) as c(${sql.join(own.map((c) => sql.id(c)))})
    join subscription_keys k on k.key = c.key`.execute(trx);
  const inserted = Number(result.numAffectedRows ?? 0);
  if (inserted !== batch.rows) throw new Error(`demo subscriptions: ${batch.rows - inserted} of a batch had no key in the catalog`);
  return inserted;
}

/** This workspace's demo keys: its prefix, the demo order class, the demo key length. */
function demoKeysOf(prefix: string) {
  return sql<boolean>`(left(k.key, ${prefix.length}) = ${prefix} and k.order_class = ${DEMO_ORDER_CLASS} and length(k.key) = ${DEMO_KEY_LENGTH})`;
}

/**
 * Removes the workspace's demo subscriptions and the demo keys no other workspace holds, and
 * returns the demo keys that stay (claimed meanwhile by another workspace: theirs now).
 */
async function removeDemo(trx: Executor, workspaceId: string, prefix: string): Promise<Set<string>> {
  await sql`
    delete from subscriptions s using subscription_keys k
    where s.workspace_id = ${workspaceId} and k.key = s.key and ${demoKeysOf(prefix)}`.execute(trx);
  await sql`update subscription_keys k set claimed_by = null where k.claimed_by = ${workspaceId} and ${demoKeysOf(prefix)}`.execute(trx);
  await sql`delete from subscription_keys k where ${demoKeysOf(prefix)} and k.claimed_by is null`.execute(trx);
  const { rows } = await sql<{ key: string }>`select k.key from subscription_keys k where ${demoKeysOf(prefix)}`.execute(trx);
  return new Set(rows.map((r) => r.key));
}

/**
 * Issues the workspace's demo keys — `claimed` of them claimed by the workspace, `free` current
 * and unclaimed, `expired` unclaimed and past their end — replacing its previous demo keys and
 * subscriptions in one transaction (readers see the old set or the new, never half of one).
 *
 * What re-seeding replaces: keys whose first five characters are the workspace's prefix
 * (`demoKeyPrefix`) and whose order class is `DEMO`, and the workspace's subscriptions of them.
 * Keys imported through the API, other workspaces' demo keys, and the workspace's other
 * subscriptions are left alone; a demo key another workspace has claimed stays theirs, and the
 * new set skips it.
 */
export async function seedSubscriptionsDemo(
  db: Db,
  workspaceId: string,
  options: SeedSubscriptionsDemoOptions = {},
): Promise<SeedSubscriptionsDemoResult> {
  const demo = createSubscriptionsDemo(workspaceId, options);
  const batchSize = checkBatchSize(options.batchSize ?? 10_000);
  const { claimed, free, expired } = demo.counts;
  const keyCount = claimed + free + expired;
  const total = keyCount + claimed;

  await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, workspaceId);
    const held = await removeDemo(trx, workspaceId, demo.prefix);
    options.onProgress?.(0, total);
    // Keys first: each subscription references its key.
    await bulkInsertStream(trx, 'subscription_keys', NEW_KEY_COLUMNS, demo.keys(batchSize, held), [], (n) => options.onProgress?.(n, total));
    // Batch k+1 is generated and encoded while the database inserts batch k, as in bulkInsertStream.
    await insertStream('subscriptions', CLAIM_COLUMNS, demo.subscriptions(batchSize, held), (batch) => insertClaims(trx, workspaceId, batch), (n) =>
      options.onProgress?.(keyCount + n, total),
    );
    // The claims' other half: the catalog names its holder (the one-holder rule, migration 0015).
    await sql`
      update subscription_keys k set claimed_by = s.workspace_id from subscriptions s
      where s.workspace_id = ${workspaceId} and s.key = k.key and k.claimed_by is null and ${demoKeysOf(demo.prefix)}`.execute(trx);
  });
  // Fresh statistics and visibility map, as after the Flex seed (PGlite never autovacuums).
  await sql`vacuum analyze subscription_keys, subscriptions`.execute(db);
  return { keys: keyCount, claimed, free, expired };
}
