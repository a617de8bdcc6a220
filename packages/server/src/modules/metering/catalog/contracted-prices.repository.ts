/** Typed queries over contracted price versions, per workspace, billing account and SKU, in effectiveFrom order. */
import type { Selectable } from 'kysely';
import type { ContractedPricesTable, Executor } from '../../../storage/database.js';
import type { ListQuery } from '../../../platform/query/index.js';
import { orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';
import { inForceAt } from './version-ranges.repository.js';
import type { ContractedPriceInput } from './contracted-prices.schemas.js';

export type ContractedPriceRow = Selectable<ContractedPricesTable>;

export interface Key {
  workspaceId: string;
  billingAccountId: string;
  skuId: string;
}

const ofKey = (db: Executor, k: Key) =>
  db
    .selectFrom('contracted_prices')
    .where('workspace_id', '=', k.workspaceId)
    .where('billing_account_id', '=', k.billingAccountId)
    .where('sku_id', '=', k.skuId);

export function versions(db: Executor, k: Key): Promise<ContractedPriceRow[]> {
  return ofKey(db, k).selectAll().orderBy('effective_from').execute();
}

export async function versionsPage(db: Executor, k: Key, limit: number, offset: number) {
  return pageAndCount(limit, () => ofKey(db, k).selectAll().orderBy('effective_from').limit(limit).offset(offset).execute(), ofKey(db, k));
}

/** Writes the version starting at input.effectiveFrom, replacing one that starts there (its createdAt kept). */
export function upsertVersion(db: Executor, k: Key, input: ContractedPriceInput, now: Date): Promise<ContractedPriceRow> {
  const values = { effective_to: input.effectiveTo, unit_price: input.unitPrice };
  return db
    .insertInto('contracted_prices')
    .values({
      workspace_id: k.workspaceId,
      billing_account_id: k.billingAccountId,
      sku_id: k.skuId,
      effective_from: input.effectiveFrom,
      ...values,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'billing_account_id', 'sku_id', 'effective_from']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends an open-ended version where its successor starts. */
export async function closeVersion(db: Executor, k: Key, from: Date, to: Date, now: Date): Promise<void> {
  await db
    .updateTable('contracted_prices')
    .set({ effective_to: to, updated_at: now })
    .where('workspace_id', '=', k.workspaceId)
    .where('billing_account_id', '=', k.billingAccountId)
    .where('sku_id', '=', k.skuId)
    .where('effective_from', '=', from)
    .execute();
}

/** Removes every version, or the one starting at `from`; the number removed. */
export async function remove(db: Executor, k: Key, from?: Date): Promise<number> {
  let q = db
    .deleteFrom('contracted_prices')
    .where('workspace_id', '=', k.workspaceId)
    .where('billing_account_id', '=', k.billingAccountId)
    .where('sku_id', '=', k.skuId);
  if (from) q = q.where('effective_from', '=', from);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** One row per SKU of the account: the version in force at `now`, else the one that starts latest. */
function currentVersions(db: Executor, workspaceId: string, billingAccountId: string, now: Date) {
  return db
    .selectFrom('contracted_prices')
    .selectAll()
    .distinctOn('sku_id')
    .where('workspace_id', '=', workspaceId)
    .where('billing_account_id', '=', billingAccountId)
    .orderBy('sku_id')
    .orderBy(inForceAt(now), 'desc')
    .orderBy('effective_from', 'desc');
}

export async function currentPage(db: Executor, workspaceId: string, billingAccountId: string, now: Date, q: ListQuery) {
  const base = () => {
    const b = db.selectFrom(currentVersions(db, workspaceId, billingAccountId, now).as('c'));
    return q.where ? b.where(q.where) : b;
  };
  const rows = () => orderedBy(base().selectAll(), stableSort(q.sort, ['sku_id'])).limit(q.limit).offset(q.offset).execute();
  return pageAndCount(q.limit, rows, base());
}
