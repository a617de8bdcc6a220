/** Contracted price rules: the list-price version rule per billing account and SKU; an unknown account is a 404 on every route. */
import type { Db, Executor } from '../../../storage/database.js';
import { page, parseListQuery, project, type ListParams, type Page } from '../../../platform/query/index.js';
import { BodyReader } from './body-reader.js';
import { BILLING_ACCOUNT, CONTRACTED_PRICE, catalogNotFound, versionNotFound, versionOverlap } from './catalog.errors.js';
import { lockCatalogKey } from '../../../storage/advisory-locks.js';
import { effectiveRange, timestamps } from './catalog-crud.service.js';
import { findById, lockById } from './catalog-rows.repository.js';
import { contractedPriceList } from './contracted-prices.fields.js';
import * as repo from './contracted-prices.repository.js';
import { CONTRACTED_PRICE_FIELDS, type ContractedPriceDto, type ContractedPriceInput } from './contracted-prices.schemas.js';
import { versionStart } from './version-queries.js';
import { currentVersion, planVersion } from './version-ranges.js';

function dto(row: repo.ContractedPriceRow): ContractedPriceDto {
  return {
    billingAccountId: row.billing_account_id,
    skuId: row.sku_id,
    unitPrice: row.unit_price,
    ...effectiveRange(row),
    ...timestamps(row),
  };
}

const range = (row: repo.ContractedPriceRow) => ({ from: row.effective_from, to: row.effective_to });
const whose = (k: repo.Key) => `the ${CONTRACTED_PRICE} '${k.skuId}' of billing account '${k.billingAccountId}'`;
const notFound = (k: repo.Key) => catalogNotFound(CONTRACTED_PRICE, k.skuId, `of billing account '${k.billingAccountId}'`);

async function requireAccount(db: Executor, workspaceId: string, billingAccountId: string, lock = false): Promise<void> {
  const exists = lock
    ? await lockById(db, 'billing_accounts', workspaceId, billingAccountId, 'share')
    : (await findById(db, 'billing_accounts', workspaceId, billingAccountId)) !== undefined;
  if (!exists) throw catalogNotFound(BILLING_ACCOUNT, billingAccountId);
}

export function readContractedPrice(body: unknown): ContractedPriceInput {
  const r = new BodyReader(body, CONTRACTED_PRICE_FIELDS);
  const unitPrice = r.decimal('unitPrice', { required: true });
  const { from, to } = r.range();
  r.done();
  return { unitPrice, effectiveFrom: from, effectiveTo: to };
}

export async function putContractedPrice(db: Db, k: repo.Key, body: unknown, now: Date) {
  const input = readContractedPrice(body);
  return db.transaction().execute(async (trx) => {
    // The shared row lock keeps the account from being deleted under the new version.
    await requireAccount(trx, k.workspaceId, k.billingAccountId, true);
    await lockCatalogKey(trx, 'contracted-prices', k.workspaceId, k.billingAccountId, k.skuId);
    const existing = await repo.versions(trx, k);
    const plan = planVersion(existing.map(range), { from: input.effectiveFrom, to: input.effectiveTo });
    if (!plan.ok) throw versionOverlap(whose(k), plan.overlaps);
    if (plan.close) await repo.closeVersion(trx, k, plan.close.from, input.effectiveFrom, now);
    const row = await repo.upsertVersion(trx, k, input, now);
    return { created: !plan.replaces, item: dto(row) };
  });
}

export async function getContractedPrice(db: Db, k: repo.Key, now: Date): Promise<ContractedPriceDto> {
  await requireAccount(db, k.workspaceId, k.billingAccountId);
  const current = currentVersion(
    (await repo.versions(db, k)).map((row) => ({ ...range(row), row })),
    now,
  );
  if (!current) throw notFound(k);
  return dto(current.row);
}

export async function listContractedPriceVersions(db: Db, k: repo.Key, q: { limit?: number; offset?: number }): Promise<Page<ContractedPriceDto>> {
  await requireAccount(db, k.workspaceId, k.billingAccountId);
  const offset = q.offset ?? 0;
  const { rows, total } = await repo.versionsPage(db, k, q.limit ?? contractedPriceList.defaultLimit, offset);
  if (total === 0) throw notFound(k);
  return page(rows.map(dto), offset, total);
}

export async function deleteContractedPrice(db: Db, k: repo.Key, q: { effectiveFrom?: string }): Promise<void> {
  const from = versionStart(q.effectiveFrom);
  const removed = await db.transaction().execute(async (trx) => {
    await requireAccount(trx, k.workspaceId, k.billingAccountId);
    await lockCatalogKey(trx, 'contracted-prices', k.workspaceId, k.billingAccountId, k.skuId);
    return repo.remove(trx, k, from);
  });
  if (removed === 0) throw from ? versionNotFound(whose(k), from) : notFound(k);
}

export async function listContractedPrices(
  db: Db,
  workspaceId: string,
  billingAccountId: string,
  params: ListParams,
  now: Date,
): Promise<Page<ContractedPriceDto>> {
  const list = parseListQuery(params, contractedPriceList);
  await requireAccount(db, workspaceId, billingAccountId);
  const { rows, total } = await repo.currentPage(db, workspaceId, billingAccountId, now, list);
  return page(
    rows.map((r) => project(dto(r), list.selected)),
    list.offset,
    total,
  );
}
