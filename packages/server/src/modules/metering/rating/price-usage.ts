/**
 * Pricing one charge period: a day's usage aggregates, the price book in force that day, the
 * contracted prices and the commitments become FOCUS cost rows. Pure and exact (exact-ratio.ts:
 * nothing rounds before the stored value); every rule is ADR 0012's. The plain lines of a day are
 * priced in SQL instead (plain-lines.ts), to the same rows.
 */
import type { PriceBand } from '../catalog/price-bands.js';
import type { PriceTerms } from '../catalog/prices.schemas.js';
import type { ResourceDimensions } from '../catalog/resources.schemas.js';
import { COST_RECORD_COLUMNS, lineKey, skuPriceId } from '../../cost-records/index.js';
import { Ratio } from './exact-ratio.js';
import { markOutOfRange } from './export-range.js';

export interface RatedResource extends ResourceDimensions {
  id: string;
}

export interface RatedBillingAccount {
  id: string;
  name: string;
  currency: string;
  billingPeriodStart: Date;
  billingPeriodEnd: Date;
}

export interface RatedMeter {
  id: string;
  consumedUnit: string;
}

export interface PriceVersion extends PriceTerms {
  skuId: string;
}

export interface Commitment {
  id: string;
  billingAccountId: string;
  skuId: string;
  committedQuantity: string;
  minimumQuantity: string;
}

export interface UsageAggregate {
  resourceId: string;
  meterId: string;
  /** The day's consumed quantity, exact decimal text from SQL (÷ `per` when given). */
  quantity: string;
  /** What `quantity` is divided by: 3600 for a time-weighted meter, whose SQL sum is value × seconds. */
  per?: string;
}

export interface PriceDayInput {
  dayStart: Date;
  dayEnd: Date;
  usage: readonly UsageAggregate[];
  resources: ReadonlyMap<string, RatedResource>;
  billingAccounts: ReadonlyMap<string, RatedBillingAccount>;
  meters: ReadonlyMap<string, RatedMeter>;
  /** Price versions in force this day, by meter id. */
  pricesByMeter: ReadonlyMap<string, readonly PriceVersion[]>;
  /** Contracted unit price in force this day, by `billingAccountId|skuId`. */
  contractedPrices: ReadonlyMap<string, string>;
  /** Commitments in force this day. */
  commitments: readonly Commitment[];
}

/** OUT_OF_RANGE: a decimal of the line does not fit the exports' DECIMAL(38, 15) (export-range.ts). */
export type RatingStatus = 'RATED' | 'NO_PRICE' | 'CURRENCY_MISMATCH' | 'OUT_OF_RANGE';

/** A cost row as stored: snake_case FOCUS columns plus `line_key` and the x_ columns rating sets. */
export interface CostRow {
  line_key: string;
  [column: string]: string | Date | Record<string, unknown> | null;
}

const ROW_KEYS = ['line_key', ...COST_RECORD_COLUMNS.map((c) => c.column)];

/**
 * Every row gets every column, null first, in one fixed order: all rows share one hidden class,
 * so filling and encoding ten thousand of them stays monomorphic (spreads made them dictionaries).
 */
function newRow(key: string): CostRow {
  const row = {} as CostRow;
  for (const column of ROW_KEYS) row[column] = null;
  row.line_key = key;
  return row;
}

const COMMITMENT_TYPE = 'Committed Capacity';

function priceIdOf(price: PriceVersion, band?: number): string {
  return skuPriceId(price.skuId, price.effectiveFrom, band);
}

/** The slices of a pricing quantity over graduated bands: [band index, slice quantity, band price]. */
export function bandSlices(pricingQuantity: Ratio, bands: readonly PriceBand[]): [number, Ratio, string][] {
  if (pricingQuantity.sign() <= 0) return [[0, pricingQuantity, bands[0]!.unitPrice]];
  const slices: [number, Ratio, string][] = [];
  let previous = Ratio.of('0');
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i]!;
    const upTo = band.upTo === null ? undefined : Ratio.of(band.upTo);
    const top = upTo === undefined || pricingQuantity.cmp(upTo) < 0 ? pricingQuantity : upTo;
    if (top.cmp(previous) > 0) slices.push([i, top.minus(previous), band.unitPrice]);
    if (upTo === undefined || pricingQuantity.cmp(upTo) <= 0) break;
    previous = upTo;
  }
  return slices;
}

function fillDimensions(row: CostRow, resource: RatedResource, account: RatedBillingAccount, day: PriceDayInput): CostRow {
  row.availability_zone = resource.availabilityZone;
  row.billing_account_id = account.id;
  row.billing_account_name = account.name;
  row.billing_account_type = 'Billing Account';
  row.billing_currency = account.currency;
  row.billing_period_start = account.billingPeriodStart;
  row.billing_period_end = account.billingPeriodEnd;
  row.charge_category = 'Usage';
  row.charge_frequency = 'Usage-Based';
  row.charge_period_start = day.dayStart;
  row.charge_period_end = day.dayEnd;
  row.region_id = resource.regionId;
  row.region_name = resource.regionName;
  row.resource_id = resource.id;
  row.resource_name = resource.name;
  row.resource_type = resource.resourceType;
  row.service_category = resource.serviceCategory;
  row.service_name = resource.serviceName;
  row.service_subcategory = resource.serviceSubcategory;
  row.sub_account_id = resource.subAccountId;
  row.sub_account_name = resource.subAccountId === null ? null : resource.subAccountName;
  row.sub_account_type = resource.subAccountId === null ? null : 'Sub Account';
  row.tags = resource.tags;
  return row;
}

interface PricedLine {
  lineKey: string;
  skuPriceId: string;
  consumed: Ratio | null;
  pricingQuantity: Ratio;
  listUnitPrice: string;
  contractedUnitPrice: string;
}

function fillPrice(row: CostRow, line: PricedLine, price: PriceVersion, meter: RatedMeter, description: string | null): CostRow {
  const contractedCost = line.pricingQuantity.times(line.contractedUnitPrice).cost();
  row.sku_id = price.skuId;
  row.sku_price_id = line.skuPriceId;
  row.sku_meter = meter.id;
  row.charge_description = description;
  row.publisher_name = price.publisherName;
  row.provider_name = price.providerName;
  row.invoice_issuer_name = price.invoiceIssuerName;
  row.pricing_unit = price.pricingUnit;
  row.pricing_quantity = line.pricingQuantity.quantity();
  row.pricing_category = 'Standard';
  row.pricing_currency = price.currency;
  row.consumed_quantity = line.consumed === null ? null : line.consumed.quantity();
  row.consumed_unit = line.consumed === null ? null : meter.consumedUnit;
  row.list_unit_price = line.listUnitPrice;
  // With no contracted price the two unit prices are one: multiply once.
  row.list_cost = line.listUnitPrice === line.contractedUnitPrice ? contractedCost : line.pricingQuantity.times(line.listUnitPrice).cost();
  row.contracted_unit_price = line.contractedUnitPrice;
  row.contracted_cost = contractedCost;
  row.effective_cost = contractedCost;
  row.billed_cost = contractedCost;
  row.pricing_currency_list_unit_price = line.listUnitPrice;
  row.pricing_currency_contracted_unit_price = line.contractedUnitPrice;
  row.pricing_currency_effective_cost = contractedCost;
  row.x_meter_id = meter.id;
  row.x_rating_status = 'RATED';
  row.x_price_effective_from = price.effectiveFrom;
  return row;
}

/** A line rating could not price: quantities only, every price and cost left null. */
function fillUnpriced(row: CostRow, meter: RatedMeter, consumed: Ratio, status: RatingStatus): CostRow {
  row.consumed_quantity = consumed.quantity();
  row.consumed_unit = meter.consumedUnit;
  row.x_meter_id = meter.id;
  row.x_rating_status = status;
  return row;
}

function describe(price: PriceVersion, listUnitPrice: string, resource: RatedResource): string {
  return price.chargeDescription ?? `${listUnitPrice} ${price.pricingUnit} ${resource.name ?? resource.id}`;
}

/** The lines one usage aggregate gives under one price: one, or one per band reached. */
function pricedLines(price: PriceVersion, consumed: Ratio, contracted: string | undefined): PricedLine[] {
  const divisor = price.pricingQuantityDivisor;
  const pricingQuantity = consumed.per(divisor);
  if (!price.bands || price.bands.length === 0) {
    const id = priceIdOf(price);
    return [{ lineKey: lineKey.priced(id), skuPriceId: id, consumed, pricingQuantity, listUnitPrice: price.listUnitPrice, contractedUnitPrice: contracted ?? price.listUnitPrice }];
  }
  return bandSlices(pricingQuantity, price.bands).map(([band, slice, unitPrice]) => {
    const id = priceIdOf(price, band + 1);
    return { lineKey: lineKey.priced(id), skuPriceId: id, consumed: slice.times(divisor), pricingQuantity: slice, listUnitPrice: unitPrice, contractedUnitPrice: contracted ?? unitPrice };
  });
}

function fillCommitment(row: CostRow, commitment: Commitment, status: 'Used' | 'Unused', amount: Ratio, unit: string): CostRow {
  row.commitment_discount_category = 'Usage';
  row.commitment_discount_id = commitment.id;
  row.commitment_discount_name = commitment.id;
  row.commitment_discount_quantity = amount.quantity();
  row.commitment_discount_status = status;
  row.commitment_discount_type = COMMITMENT_TYPE;
  row.commitment_discount_unit = unit;
  row.pricing_category = 'Committed';
  return row;
}

/** Prices one day; rows come out in a stable order (usage as given, then shortfalls by commitment id). */
export function priceDay(day: PriceDayInput): CostRow[] {
  const rows: CostRow[] = [];
  const commitmentOf = new Map<string, Commitment>();
  for (const c of day.commitments) commitmentOf.set(`${c.billingAccountId}|${c.skuId}`, c);
  /** Consumed quantity per committed account × SKU, and the price and a resource to write a shortfall with. */
  const committedUse = new Map<string, { used: Ratio; price: PriceVersion; meter: RatedMeter; resource: RatedResource }>();

  for (const usage of day.usage) {
    const resource = day.resources.get(usage.resourceId);
    const meter = day.meters.get(usage.meterId);
    if (!resource || !meter) continue; // deleted since ingest: nothing to bill it to
    const account = day.billingAccounts.get(resource.billingAccountId);
    if (!account) continue;
    const consumed = Ratio.of(usage.quantity, usage.per);
    const prices = day.pricesByMeter.get(meter.id) ?? [];
    if (prices.length === 0) {
      rows.push(fillUnpriced(fillDimensions(newRow(lineKey.unpriced(meter.id)), resource, account, day), meter, consumed, 'NO_PRICE'));
      continue;
    }
    for (const price of prices) {
      if (price.currency !== account.currency) {
        const row = fillUnpriced(fillDimensions(newRow(lineKey.priced(priceIdOf(price))), resource, account, day), meter, consumed, 'CURRENCY_MISMATCH');
        row.sku_id = price.skuId;
        row.sku_price_id = priceIdOf(price);
        row.sku_meter = meter.id;
        row.x_price_effective_from = price.effectiveFrom;
        rows.push(row);
        continue;
      }
      const key = `${account.id}|${price.skuId}`;
      const contracted = day.contractedPrices.get(key);
      const commitment = commitmentOf.get(key);
      for (const line of pricedLines(price, consumed, contracted)) {
        const row = fillPrice(fillDimensions(newRow(line.lineKey), resource, account, day), line, price, meter, describe(price, line.listUnitPrice, resource));
        if (commitment) fillCommitment(row, commitment, 'Used', line.consumed ?? consumed, meter.consumedUnit);
        rows.push(row);
      }
      if (commitment) {
        const seen = committedUse.get(key);
        if (seen) seen.used = seen.used.plus(consumed);
        else committedUse.set(key, { used: consumed, price, meter, resource });
      }
    }
  }
  rows.push(...shortfalls(day, committedUse));
  return markOutOfRange(rows);
}

/** Flex capacity rule: invoiced = max(actual, committed, minimum); the difference is its own Unused row. */
function shortfalls(
  day: PriceDayInput,
  committedUse: Map<string, { used: Ratio; price: PriceVersion; meter: RatedMeter; resource: RatedResource }>,
): CostRow[] {
  const rows: CostRow[] = [];
  for (const commitment of [...day.commitments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = `${commitment.billingAccountId}|${commitment.skuId}`;
    const account = day.billingAccounts.get(commitment.billingAccountId);
    if (!account) continue;
    const use = committedUse.get(key) ?? unusedCommitmentContext(day, commitment, account);
    if (!use) continue;
    const committed = Ratio.of(commitment.committedQuantity);
    const minimum = Ratio.of(commitment.minimumQuantity);
    const shortfall = (committed.cmp(minimum) >= 0 ? committed : minimum).minus(use.used);
    if (shortfall.sign() <= 0) continue;
    const { price, meter } = use;
    if (price.currency !== account.currency) continue;
    const contracted = day.contractedPrices.get(key);
    const listUnitPrice = price.bands && price.bands.length > 0 ? price.bands[0]!.unitPrice : price.listUnitPrice;
    const pricingQuantity = shortfall.per(price.pricingQuantityDivisor);
    const id = lineKey.shortfall(priceIdOf(price));
    const line: PricedLine = { lineKey: id, skuPriceId: priceIdOf(price), consumed: null, pricingQuantity, listUnitPrice, contractedUnitPrice: contracted ?? listUnitPrice };
    const resource: RatedResource = {
      ...use.resource,
      id: commitment.id,
      name: commitment.id,
      resourceType: 'Commitment',
      subAccountId: null,
      subAccountName: null,
      regionId: null,
      regionName: null,
      availabilityZone: null,
      tags: {},
    };
    const row = fillDimensions(newRow(id), resource, account, day);
    fillPrice(row, line, price, meter, `Committed capacity shortfall: ${shortfall.quantity()} ${meter.consumedUnit} of ${price.skuId}`);
    rows.push(fillCommitment(row, commitment, 'Unused', shortfall, meter.consumedUnit));
  }
  return rows;
}

/** A commitment with no usage at all this day: its SKU's price and meter, and service dimensions to bill it under. */
function unusedCommitmentContext(day: PriceDayInput, commitment: Commitment, account: RatedBillingAccount) {
  for (const [meterId, prices] of day.pricesByMeter) {
    const price = prices.find((p) => p.skuId === commitment.skuId);
    const meter = day.meters.get(meterId);
    if (!price || !meter) continue;
    const resource: RatedResource = {
      id: commitment.id,
      billingAccountId: account.id,
      subAccountId: null,
      subAccountName: null,
      name: commitment.id,
      resourceType: 'Commitment',
      serviceName: COMMITMENT_TYPE,
      serviceCategory: 'Other',
      serviceSubcategory: null,
      regionId: null,
      regionName: null,
      availabilityZone: null,
      tags: {},
    };
    return { used: Ratio.of('0'), price, meter, resource };
  }
  return undefined;
}
