/** Price rules (ADR 0012): a PUT writes the version starting at effectiveFrom; GET answers the version in force now, else the latest. */
import type { Db } from '../../../storage/database.js';
import { badRequest } from '../../../platform/errors/index.js';
import { page, parseListQuery, project, type ListParams, type Page } from '../../../platform/query/index.js';
import { BodyReader } from './body-reader.js';
import { MAX_DESCRIPTION_LENGTH } from './catalog.schemas.js';
import { PRICE, catalogNotFound, versionNotFound, versionOverlap } from './catalog.errors.js';
import { lockCatalogKey } from '../../../storage/advisory-locks.js';
import { effectiveRange, lockReference, meterReference, timestamps } from './catalog-crud.service.js';
import { readBands } from './price-bands.js';
import { priceList } from './prices.fields.js';
import * as repo from './prices.repository.js';
import { PRICE_FIELDS, type PriceDto, type PriceInput } from './prices.schemas.js';
import { currentVersion, planVersion } from './version-ranges.js';
import { versionStart } from './version-queries.js';

function dto(row: repo.PriceRow): PriceDto {
  return {
    skuId: row.sku_id,
    meterId: row.meter_id,
    ...(row.charge_description !== null && { chargeDescription: row.charge_description }),
    publisherName: row.publisher_name,
    providerName: row.provider_name,
    invoiceIssuerName: row.invoice_issuer_name,
    pricingUnit: row.pricing_unit,
    pricingQuantityDivisor: row.pricing_quantity_divisor,
    listUnitPrice: row.list_unit_price,
    currency: row.currency,
    ...effectiveRange(row),
    ...(row.bands !== null && { bands: row.bands }),
    ...timestamps(row),
  };
}

const range = (row: repo.PriceRow) => ({ from: row.effective_from, to: row.effective_to });
const whose = (skuId: string) => `the ${PRICE} '${skuId}'`;

export function readPrice(body: unknown) {
  const r = new BodyReader(body, PRICE_FIELDS);
  const meterId = r.id('meterId');
  const chargeDescription = r.text('chargeDescription', { maxLength: MAX_DESCRIPTION_LENGTH });
  const publisherName = r.text('publisherName', { required: true });
  const providerName = r.text('providerName', { required: true });
  const invoiceIssuerName = r.text('invoiceIssuerName', { required: true });
  const pricingUnit = r.text('pricingUnit', { required: true });
  const pricingQuantityDivisor = r.decimal('pricingQuantityDivisor', { fallback: '1', positive: true });
  const listUnitPrice = r.decimal('listUnitPrice', { required: true });
  const currency = r.currency('currency');
  const { from, to } = r.range();
  const bands = readBands(r);
  const input: PriceInput = {
    meterId, chargeDescription, publisherName, providerName, invoiceIssuerName, pricingUnit, pricingQuantityDivisor, listUnitPrice, currency,
    effectiveFrom: from, effectiveTo: to, bands,
  };
  return { input, issues: r.issues };
}

export async function putPrice(db: Db, workspaceId: string, skuId: string, body: unknown, now: Date) {
  const { input, issues } = readPrice(body);
  return db.transaction().execute(async (trx) => {
    // Prices name meters without a foreign key: the shared row lock makes a meter delete (which takes the row lock) wait for this write.
    await lockReference(trx, workspaceId, meterReference, input.meterId, issues);
    if (issues.length) throw badRequest(issues);
    await lockCatalogKey(trx, 'prices', workspaceId, skuId);
    const existing = await repo.versions(trx, workspaceId, skuId);
    const plan = planVersion(existing.map(range), { from: input.effectiveFrom, to: input.effectiveTo });
    if (!plan.ok) throw versionOverlap(whose(skuId), plan.overlaps);
    if (plan.close) await repo.closeVersion(trx, workspaceId, skuId, plan.close.from, input.effectiveFrom, now);
    const row = await repo.upsertVersion(trx, workspaceId, skuId, input, now);
    return { created: !plan.replaces, item: dto(row) };
  });
}

export async function getPrice(db: Db, workspaceId: string, skuId: string, now: Date): Promise<PriceDto> {
  const current = currentVersion(
    (await repo.versions(db, workspaceId, skuId)).map((row) => ({ ...range(row), row })),
    now,
  );
  if (!current) throw catalogNotFound(PRICE, skuId);
  return dto(current.row);
}

export async function listPriceVersions(db: Db, workspaceId: string, skuId: string, q: { limit?: number; offset?: number }): Promise<Page<PriceDto>> {
  const offset = q.offset ?? 0;
  const { rows, total } = await repo.versionsPage(db, workspaceId, skuId, q.limit ?? priceList.defaultLimit, offset);
  if (total === 0) throw catalogNotFound(PRICE, skuId);
  return page(rows.map(dto), offset, total);
}

export async function deletePrice(db: Db, workspaceId: string, skuId: string, q: { effectiveFrom?: string }): Promise<void> {
  const from = versionStart(q.effectiveFrom);
  const removed = await db.transaction().execute(async (trx) => {
    await lockCatalogKey(trx, 'prices', workspaceId, skuId);
    return repo.remove(trx, workspaceId, skuId, from);
  });
  if (removed === 0) throw from ? versionNotFound(whose(skuId), from) : catalogNotFound(PRICE, skuId);
}

export async function listPrices(db: Db, workspaceId: string, params: ListParams, now: Date): Promise<Page<PriceDto>> {
  const list = parseListQuery(params, priceList);
  const { rows, total } = await repo.currentPage(db, workspaceId, now, list);
  return page(
    rows.map((r) => project(dto(r), list.selected)),
    list.offset,
    total,
  );
}
