/** Typed queries over price versions; every one scoped by workspace, a SKU's versions always in effectiveFrom order. */
import type { Selectable } from 'kysely';
import type { Executor, PricesTable } from '../../../storage/database.js';
import type { ListQuery } from '../../../platform/query/index.js';
import { orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';
import { inForceAt } from './version-ranges.repository.js';
import type { PriceInput } from './prices.schemas.js';

export type PriceRow = Selectable<PricesTable>;

export function versions(db: Executor, workspaceId: string, skuId: string): Promise<PriceRow[]> {
  return db
    .selectFrom('prices')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sku_id', '=', skuId)
    .orderBy('effective_from')
    .execute();
}

export async function versionsPage(db: Executor, workspaceId: string, skuId: string, limit: number, offset: number) {
  const base = () => db.selectFrom('prices').where('workspace_id', '=', workspaceId).where('sku_id', '=', skuId);
  return pageAndCount(limit, () => base().selectAll().orderBy('effective_from').limit(limit).offset(offset).execute(), base());
}

/** Writes the version starting at input.effectiveFrom, replacing one that starts there (its createdAt kept). */
export function upsertVersion(db: Executor, workspaceId: string, skuId: string, input: PriceInput, now: Date): Promise<PriceRow> {
  const values = {
    effective_to: input.effectiveTo,
    meter_id: input.meterId,
    charge_description: input.chargeDescription,
    publisher_name: input.publisherName,
    provider_name: input.providerName,
    invoice_issuer_name: input.invoiceIssuerName,
    pricing_unit: input.pricingUnit,
    pricing_quantity_divisor: input.pricingQuantityDivisor,
    list_unit_price: input.listUnitPrice,
    currency: input.currency,
    bands: input.bands === null ? null : JSON.stringify(input.bands),
  };
  return db
    .insertInto('prices')
    .values({ workspace_id: workspaceId, sku_id: skuId, effective_from: input.effectiveFrom, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'sku_id', 'effective_from']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends an open-ended version where its successor starts. */
export async function closeVersion(db: Executor, workspaceId: string, skuId: string, from: Date, to: Date, now: Date): Promise<void> {
  await db
    .updateTable('prices')
    .set({ effective_to: to, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('sku_id', '=', skuId)
    .where('effective_from', '=', from)
    .execute();
}

/** Removes every version, or the one starting at `from`; the number removed. */
export async function remove(db: Executor, workspaceId: string, skuId: string, from?: Date): Promise<number> {
  let q = db.deleteFrom('prices').where('workspace_id', '=', workspaceId).where('sku_id', '=', skuId);
  if (from) q = q.where('effective_from', '=', from);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** One row per SKU: the version in force at `now`, else the one that starts latest. */
function currentVersions(db: Executor, workspaceId: string, now: Date) {
  return db
    .selectFrom('prices')
    .selectAll()
    .distinctOn('sku_id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('sku_id')
    .orderBy(inForceAt(now), 'desc')
    .orderBy('effective_from', 'desc');
}

export async function currentPage(db: Executor, workspaceId: string, now: Date, q: ListQuery): Promise<{ rows: PriceRow[]; total: number }> {
  const base = () => {
    const b = db.selectFrom(currentVersions(db, workspaceId, now).as('p'));
    return q.where ? b.where(q.where) : b;
  };
  const rows = () => orderedBy(base().selectAll(), stableSort(q.sort, ['sku_id'])).limit(q.limit).offset(q.offset).execute();
  return pageAndCount(q.limit, rows, base());
}
