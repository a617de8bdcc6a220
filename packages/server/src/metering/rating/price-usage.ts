/**
 * Pricing one charge period: a day's usage aggregates, the price book in force that day, the
 * contracted prices and the commitments become FOCUS cost rows. Pure and exact (decimal.js); every
 * rule is ADR 0012's.
 */
import type { PriceBand } from '../../storage/database.js';
import { Dec, cost, plain, quantity } from './decimal.js';

export interface RatedResource {
  id: string;
  billingAccountId: string;
  subAccountId: string | null;
  subAccountName: string | null;
  name: string | null;
  resourceType: string | null;
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory: string | null;
  regionId: string | null;
  regionName: string | null;
  availabilityZone: string | null;
  tags: Record<string, string>;
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

export interface PriceVersion {
  skuId: string;
  effectiveFrom: Date;
  meterId: string;
  chargeDescription: string | null;
  publisherName: string;
  providerName: string;
  invoiceIssuerName: string;
  pricingUnit: string;
  pricingQuantityDivisor: string;
  listUnitPrice: string;
  currency: string;
  bands: PriceBand[] | null;
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
  /** The day's consumed quantity, exact decimal text from SQL. */
  quantity: string;
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

export type RatingStatus = 'RATED' | 'NO_PRICE' | 'CURRENCY_MISMATCH';

/** A cost row as stored: snake_case FOCUS columns plus `line_key` and the x_ columns rating sets. */
export interface CostRow {
  line_key: string;
  [column: string]: string | Date | Record<string, unknown> | null;
}

const COMMITMENT_TYPE = 'Committed Capacity';

function skuPriceId(price: PriceVersion, band?: number): string {
  const base = `${price.skuId}@${price.effectiveFrom.toISOString().slice(0, 10)}`;
  return band === undefined ? base : `${base}#${band}`;
}

/** The slices of a pricing quantity over graduated bands: [band index, slice quantity, band price]. */
export function bandSlices(pricingQuantity: Dec, bands: readonly PriceBand[]): [number, Dec, string][] {
  if (pricingQuantity.lte(0)) return [[0, pricingQuantity, bands[0]!.unitPrice]];
  const slices: [number, Dec, string][] = [];
  let previous = new Dec(0);
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i]!;
    const upTo = band.upTo === null ? undefined : new Dec(band.upTo);
    const top = upTo === undefined || pricingQuantity.lt(upTo) ? pricingQuantity : upTo;
    if (top.gt(previous)) slices.push([i, top.minus(previous), band.unitPrice]);
    if (upTo === undefined || pricingQuantity.lte(upTo)) break;
    previous = upTo;
  }
  return slices;
}

function dimensions(resource: RatedResource, account: RatedBillingAccount, day: PriceDayInput): CostRow {
  return {
    line_key: '',
    availability_zone: resource.availabilityZone,
    billing_account_id: account.id,
    billing_account_name: account.name,
    billing_account_type: 'Billing Account',
    billing_currency: account.currency,
    billing_period_start: account.billingPeriodStart,
    billing_period_end: account.billingPeriodEnd,
    capacity_reservation_id: null,
    capacity_reservation_status: null,
    charge_category: 'Usage',
    charge_class: null,
    charge_frequency: 'Usage-Based',
    charge_period_start: day.dayStart,
    charge_period_end: day.dayEnd,
    invoice_id: null,
    region_id: resource.regionId,
    region_name: resource.regionName,
    resource_id: resource.id,
    resource_name: resource.name,
    resource_type: resource.resourceType,
    service_category: resource.serviceCategory,
    service_name: resource.serviceName,
    service_subcategory: resource.serviceSubcategory,
    sub_account_id: resource.subAccountId,
    sub_account_name: resource.subAccountId === null ? null : resource.subAccountName,
    sub_account_type: resource.subAccountId === null ? null : 'Sub Account',
    tags: resource.tags,
    sku_price_details: null,
    commitment_discount_category: null,
    commitment_discount_id: null,
    commitment_discount_name: null,
    commitment_discount_quantity: null,
    commitment_discount_status: null,
    commitment_discount_type: null,
    commitment_discount_unit: null,
  };
}

interface PricedLine {
  lineKey: string;
  skuPriceId: string;
  consumed: Dec | null;
  pricingQuantity: Dec;
  listUnitPrice: string;
  contractedUnitPrice: string;
}

function priceColumns(line: PricedLine, price: PriceVersion, meter: RatedMeter, description: string | null): CostRow {
  const list = new Dec(line.listUnitPrice).times(line.pricingQuantity);
  const contracted = new Dec(line.contractedUnitPrice).times(line.pricingQuantity);
  const contractedCost = cost(contracted);
  return {
    line_key: line.lineKey,
    sku_id: price.skuId,
    sku_price_id: line.skuPriceId,
    sku_meter: meter.id,
    charge_description: description,
    publisher_name: price.publisherName,
    provider_name: price.providerName,
    invoice_issuer_name: price.invoiceIssuerName,
    pricing_unit: price.pricingUnit,
    pricing_quantity: quantity(line.pricingQuantity),
    pricing_category: 'Standard',
    pricing_currency: price.currency,
    consumed_quantity: line.consumed === null ? null : quantity(line.consumed),
    consumed_unit: line.consumed === null ? null : meter.consumedUnit,
    list_unit_price: line.listUnitPrice,
    list_cost: cost(list),
    contracted_unit_price: line.contractedUnitPrice,
    contracted_cost: contractedCost,
    effective_cost: contractedCost,
    billed_cost: contractedCost,
    pricing_currency_list_unit_price: line.listUnitPrice,
    pricing_currency_contracted_unit_price: line.contractedUnitPrice,
    pricing_currency_effective_cost: contractedCost,
    x_meter_id: meter.id,
    x_rating_status: 'RATED',
    x_price_effective_from: price.effectiveFrom,
  };
}

const UNPRICED: CostRow = {
  line_key: '',
  sku_id: null,
  sku_price_id: null,
  sku_meter: null,
  charge_description: null,
  publisher_name: null,
  provider_name: null,
  invoice_issuer_name: null,
  pricing_unit: null,
  pricing_quantity: null,
  pricing_category: null,
  pricing_currency: null,
  list_unit_price: null,
  list_cost: null,
  contracted_unit_price: null,
  contracted_cost: null,
  effective_cost: null,
  billed_cost: null,
  pricing_currency_list_unit_price: null,
  pricing_currency_contracted_unit_price: null,
  pricing_currency_effective_cost: null,
  x_price_effective_from: null,
};

function describe(price: PriceVersion, listUnitPrice: string, resource: RatedResource): string {
  return price.chargeDescription ?? `${listUnitPrice} ${price.pricingUnit} ${resource.name ?? resource.id}`;
}

/** The lines one usage aggregate gives under one price: one, or one per band reached. */
function pricedLines(price: PriceVersion, consumed: Dec, contracted: string | undefined): PricedLine[] {
  const divisor = new Dec(price.pricingQuantityDivisor);
  const pricingQuantity = consumed.div(divisor);
  if (!price.bands || price.bands.length === 0) {
    const id = skuPriceId(price);
    return [{ lineKey: id, skuPriceId: id, consumed, pricingQuantity, listUnitPrice: price.listUnitPrice, contractedUnitPrice: contracted ?? price.listUnitPrice }];
  }
  return bandSlices(pricingQuantity, price.bands).map(([band, slice, unitPrice]) => {
    const id = skuPriceId(price, band + 1);
    return { lineKey: id, skuPriceId: id, consumed: slice.times(divisor), pricingQuantity: slice, listUnitPrice: unitPrice, contractedUnitPrice: contracted ?? unitPrice };
  });
}

function commitmentColumns(commitment: Commitment, status: 'Used' | 'Unused', amount: Dec, unit: string): CostRow {
  return {
    line_key: '',
    commitment_discount_category: 'Usage',
    commitment_discount_id: commitment.id,
    commitment_discount_name: commitment.id,
    commitment_discount_quantity: quantity(amount),
    commitment_discount_status: status,
    commitment_discount_type: COMMITMENT_TYPE,
    commitment_discount_unit: unit,
    pricing_category: 'Committed',
  };
}

/** Prices one day; rows come out in a stable order (usage as given, then shortfalls by commitment id). */
export function priceDay(day: PriceDayInput): CostRow[] {
  const rows: CostRow[] = [];
  const commitmentOf = new Map<string, Commitment>();
  for (const c of day.commitments) commitmentOf.set(`${c.billingAccountId}|${c.skuId}`, c);
  /** Consumed quantity per committed account × SKU, and the price and a resource to write a shortfall with. */
  const committedUse = new Map<string, { used: Dec; price: PriceVersion; meter: RatedMeter; resource: RatedResource }>();

  for (const usage of day.usage) {
    const resource = day.resources.get(usage.resourceId);
    const meter = day.meters.get(usage.meterId);
    if (!resource || !meter) continue; // deleted since ingest: nothing to bill it to
    const account = day.billingAccounts.get(resource.billingAccountId);
    if (!account) continue;
    const consumed = new Dec(usage.quantity);
    const base = dimensions(resource, account, day);
    const prices = day.pricesByMeter.get(meter.id) ?? [];
    if (prices.length === 0) {
      rows.push({
        ...base,
        ...UNPRICED,
        line_key: `meter:${meter.id}`,
        consumed_quantity: quantity(consumed),
        consumed_unit: meter.consumedUnit,
        x_meter_id: meter.id,
        x_rating_status: 'NO_PRICE',
      });
      continue;
    }
    for (const price of prices) {
      if (price.currency !== account.currency) {
        rows.push({
          ...base,
          ...UNPRICED,
          line_key: skuPriceId(price),
          sku_id: price.skuId,
          sku_price_id: skuPriceId(price),
          sku_meter: meter.id,
          consumed_quantity: quantity(consumed),
          consumed_unit: meter.consumedUnit,
          x_meter_id: meter.id,
          x_rating_status: 'CURRENCY_MISMATCH',
          x_price_effective_from: price.effectiveFrom,
        });
        continue;
      }
      const key = `${account.id}|${price.skuId}`;
      const contracted = day.contractedPrices.get(key);
      const commitment = commitmentOf.get(key);
      for (const line of pricedLines(price, consumed, contracted)) {
        const row = { ...base, ...priceColumns(line, price, meter, describe(price, line.listUnitPrice, resource)) };
        if (commitment) Object.assign(row, commitmentColumns(commitment, 'Used', line.consumed ?? consumed, meter.consumedUnit), { line_key: line.lineKey });
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
  return rows;
}

/** Flex capacity rule: invoiced = max(actual, committed, minimum); the difference is its own Unused row. */
function shortfalls(
  day: PriceDayInput,
  committedUse: Map<string, { used: Dec; price: PriceVersion; meter: RatedMeter; resource: RatedResource }>,
): CostRow[] {
  const rows: CostRow[] = [];
  for (const commitment of [...day.commitments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = `${commitment.billingAccountId}|${commitment.skuId}`;
    const account = day.billingAccounts.get(commitment.billingAccountId);
    if (!account) continue;
    const use = committedUse.get(key) ?? unusedCommitmentContext(day, commitment, account);
    if (!use) continue;
    const floor = Dec.max(commitment.committedQuantity, commitment.minimumQuantity);
    const shortfall = floor.minus(use.used);
    if (shortfall.lte(0)) continue;
    const { price, meter } = use;
    if (price.currency !== account.currency) continue;
    const contracted = day.contractedPrices.get(key);
    const listUnitPrice = price.bands && price.bands.length > 0 ? price.bands[0]!.unitPrice : price.listUnitPrice;
    const pricingQuantity = shortfall.div(price.pricingQuantityDivisor);
    const id = `${skuPriceId(price)}:shortfall`;
    const line: PricedLine = { lineKey: id, skuPriceId: skuPriceId(price), consumed: null, pricingQuantity, listUnitPrice, contractedUnitPrice: contracted ?? listUnitPrice };
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
    rows.push({
      ...dimensions(resource, account, day),
      ...priceColumns(line, price, meter, `Committed capacity shortfall: ${plain(shortfall)} ${meter.consumedUnit} of ${price.skuId}`),
      ...commitmentColumns(commitment, 'Unused', shortfall, meter.consumedUnit),
      line_key: id,
    });
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
    return { used: new Dec(0), price, meter, resource };
  }
  return undefined;
}
