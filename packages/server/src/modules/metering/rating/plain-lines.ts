/**
 * Which lines of a day SQL prices (plain-lines.repository.ts) and which are left to JavaScript
 * (price-usage.ts). Both write the same row for a line, every column (ADR 0012, Plain lines in
 * SQL); SQL is there so that the common line is priced where its usage was aggregated instead of
 * travelling to Node and back.
 *
 * A resource's usage of a meter is a plain line when the meter has exactly one price version that
 * day, without bands, in the currency of the resource's billing account, and that account has
 * neither a contracted price nor a commitment for its SKU; the SQL statement also leaves to
 * JavaScript a line with a decimal the exports cannot hold (export-range.ts). Everything else — no
 * price, another currency, bands, contracted prices, commitments and their shortfalls, several
 * SKUs on one meter — is priced in JavaScript, as every line was before.
 */
import { skuPriceId } from '../../cost-records/index.js';
import type { PriceTerms } from '../catalog/prices.schemas.js';
import type { Commitment, PriceVersion, RatedBillingAccount, RatedMeter } from './price-usage.js';

/** The one price of a meter SQL prices with, with what the row copies from the meter. */
/** An unbanded price version (listUnitPrice as the catalog stores it: its text is part of the default ChargeDescription). */
export interface PlainPrice extends Omit<PriceTerms, 'bands'> {
  consumedUnit: string;
  skuId: string;
  skuPriceId: string;
}

export interface PlainLinePlan {
  /** The billing accounts of the run, with the day's billing period. */
  accounts: readonly RatedBillingAccount[];
  prices: readonly PlainPrice[];
  /** Account × meter pairs of a plain price that still need JavaScript (a contracted price or a commitment). */
  excluded: readonly { billingAccountId: string; meterId: string }[];
}

export interface PlainLineInput {
  billingAccounts: ReadonlyMap<string, RatedBillingAccount>;
  meters: ReadonlyMap<string, RatedMeter>;
  pricesByMeter: ReadonlyMap<string, readonly PriceVersion[]>;
  /** By `billingAccountId|skuId`, as priceDay reads them. */
  contractedPrices: ReadonlyMap<string, string>;
  commitments: readonly Commitment[];
}

/** The plan under which SQL prices the day's plain lines. */
export function planPlainLines(day: PlainLineInput): PlainLinePlan {
  const committed = new Set(day.commitments.map((c) => `${c.billingAccountId}|${c.skuId}`));
  const prices: PlainPrice[] = [];
  const excluded: { billingAccountId: string; meterId: string }[] = [];
  for (const [meterId, versions] of day.pricesByMeter) {
    const meter = day.meters.get(meterId);
    if (!meter || versions.length !== 1) continue;
    const price = versions[0]!;
    if (price.bands && price.bands.length > 0) continue;
    prices.push({
      meterId,
      consumedUnit: meter.consumedUnit,
      skuId: price.skuId,
      skuPriceId: skuPriceId(price.skuId, price.effectiveFrom),
      effectiveFrom: price.effectiveFrom,
      chargeDescription: price.chargeDescription,
      publisherName: price.publisherName,
      providerName: price.providerName,
      invoiceIssuerName: price.invoiceIssuerName,
      pricingUnit: price.pricingUnit,
      pricingQuantityDivisor: price.pricingQuantityDivisor,
      listUnitPrice: price.listUnitPrice,
      currency: price.currency,
    });
    for (const accountId of day.billingAccounts.keys()) {
      const key = `${accountId}|${price.skuId}`;
      if (day.contractedPrices.has(key) || committed.has(key)) excluded.push({ billingAccountId: accountId, meterId });
    }
  }
  return { accounts: [...day.billingAccounts.values()], prices, excluded };
}

/** A plan under which SQL prices nothing: every line goes to JavaScript (the reference the SQL path is tested against). */
export function noPlainLines(billingAccounts: ReadonlyMap<string, RatedBillingAccount>): PlainLinePlan {
  return { accounts: [...billingAccounts.values()], prices: [], excluded: [] };
}
