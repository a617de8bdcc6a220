/** The pricing arithmetic: the seed's GreenLake rows, rounding, bands, contracted prices, commitments. */
import { describe, expect, it } from 'vitest';
import { Dec, cost, quantity } from '../../../../src/modules/metering/rating/decimal.js';
import { Ratio } from '../../../../src/modules/metering/rating/exact-ratio.js';
import { type CostRow, type PriceDayInput, type PriceVersion, type RatedResource, bandSlices, priceDay } from '../../../../src/modules/metering/rating/price-usage.js';

const DAY = new Date('2026-04-15T00:00:00Z');
const NEXT = new Date('2026-04-16T00:00:00Z');

const resource = (id: string, overrides: Partial<RatedResource> = {}): RatedResource => ({
  id,
  billingAccountId: 'HP-AMS-999-USA-99999',
  subAccountId: null,
  subAccountName: null,
  name: id,
  resourceType: 'VM',
  serviceName: 'VM',
  serviceCategory: 'Compute',
  serviceSubcategory: null,
  regionId: 'AMS',
  regionName: 'AMS',
  availabilityZone: null,
  tags: {},
  ...overrides,
});

const cuPrice = (skuId: string, listUnitPrice: string, overrides: Partial<PriceVersion> = {}): PriceVersion => ({
  skuId,
  effectiveFrom: new Date('2026-01-01T00:00:00Z'),
  meterId: 'cu',
  chargeDescription: null,
  publisherName: 'HPE GreenLake',
  providerName: 'HPE GreenLake',
  invoiceIssuerName: 'HPE GreenLake',
  pricingUnit: 'CUs',
  pricingQuantityDivisor: '30',
  listUnitPrice,
  currency: 'USD',
  bands: null,
  ...overrides,
});

function input(usage: { resourceId: string; quantity: string }[], prices: PriceVersion[], extra: Partial<PriceDayInput> = {}): PriceDayInput {
  const ids = [...new Set(usage.map((u) => u.resourceId))];
  return {
    dayStart: DAY,
    dayEnd: NEXT,
    usage: usage.map((u) => ({ ...u, meterId: 'cu' })),
    resources: new Map(ids.map((id) => [id, resource(id)])),
    billingAccounts: new Map([
      [
        'HP-AMS-999-USA-99999',
        {
          id: 'HP-AMS-999-USA-99999',
          name: 'Test Company',
          currency: 'USD',
          billingPeriodStart: new Date('2026-04-01T00:00:00Z'),
          billingPeriodEnd: new Date('2026-05-01T00:00:00Z'),
        },
      ],
    ]),
    meters: new Map([['cu', { id: 'cu', consumedUnit: 'CUs' }]]),
    pricesByMeter: new Map([['cu', prices]]),
    contractedPrices: new Map(),
    commitments: [],
    ...extra,
  };
}

const within = (actual: unknown, expected: string, tolerance: string) =>
  expect(new Dec(actual as string).minus(expected).abs().lte(tolerance), `${String(actual)} vs ${expected}`).toBe(true);

describe('the seed rows (of the sample FOCUS export HPE publishes with the API)', () => {
  // ConsumedQuantity, ListUnitPrice, and the seed's PricingQuantity and BilledCost.
  const seed = [
    { consumed: '11.7708984375', price: '0.9', pricingQuantity: '0.39236328125', billed: '0.35312696' },
    { consumed: '128.0', price: '1.39', pricingQuantity: '4.266666666666670', billed: '5.93066666' },
    { consumed: '27.4963513049', price: '0.9', pricingQuantity: '0.9165450434966670', billed: '0.82489054' },
  ];

  it.each(seed)('reproduces $consumed CUs at $price to within 1e-8', ({ consumed, price, pricingQuantity, billed }) => {
    const [row] = priceDay(input([{ resourceId: 'foo.org-vm-00001', quantity: consumed }], [cuPrice('VM20', price)]));
    within(row!.pricing_quantity, pricingQuantity, '1e-14');
    for (const column of ['list_cost', 'contracted_cost', 'effective_cost', 'billed_cost']) within(row![column], billed, '0.00000001');
    expect(row).toMatchObject({
      billing_account_id: 'HP-AMS-999-USA-99999',
      billing_account_name: 'Test Company',
      billing_currency: 'USD',
      charge_category: 'Usage',
      charge_class: null,
      charge_period_start: DAY,
      charge_period_end: NEXT,
      billing_period_start: new Date('2026-04-01T00:00:00Z'),
      billing_period_end: new Date('2026-05-01T00:00:00Z'),
      list_unit_price: price,
      contracted_unit_price: price,
      pricing_unit: 'CUs',
      consumed_unit: 'CUs',
      resource_id: 'foo.org-vm-00001',
      service_category: 'Compute',
      x_rating_status: 'RATED',
    });
  });

  it('rounds the exact product once, half away from zero, where the seed differs in the 8th place', () => {
    const [row] = priceDay(input([{ resourceId: 'vm', quantity: '11.7708984375' }], [cuPrice('VM20', '0.9')]));
    // 0.9 × 11.7708984375 / 30 = 0.353126953125 exactly.
    expect(row!.list_cost).toBe('0.35312695');
    expect(row!.pricing_quantity).toBe('0.39236328125');
    expect(row!.consumed_quantity).toBe('11.7708984375');
  });
});

describe('rounding', () => {
  it('rounds costs to 8 places half away from zero and quantities to 15, without exponent or trailing zeros', () => {
    expect(cost(new Dec('0.000000005'))).toBe('0.00000001');
    expect(cost(new Dec('-0.000000005'))).toBe('-0.00000001');
    expect(cost(new Dec('0.0000000049999'))).toBe('0');
    expect(cost(new Dec('5.00000000'))).toBe('5');
    expect(cost(new Dec('123456789012.123456789'))).toBe('123456789012.12345679');
    expect(quantity(new Dec(128).div(30))).toBe('4.266666666666667');
    expect(quantity(new Dec('1e-20'))).toBe('0');
  });

  it('computes a cost from the unrounded quantity, not from the rounded PricingQuantity', () => {
    // 1/3 CU-month at 3,000,000 per unit: the rounded quantity × price would be off by 1e-9 × 3e6.
    const [row] = priceDay(input([{ resourceId: 'vm', quantity: '10' }], [cuPrice('BIG', '3000000')]));
    expect(row!.pricing_quantity).toBe('0.333333333333333');
    expect(row!.list_cost).toBe('1000000');
  });

  it('sums thousands of small costs exactly (no binary float)', () => {
    const usage = Array.from({ length: 3000 }, (_, i) => ({ resourceId: `vm-${i}`, quantity: '0.3' }));
    const rows = priceDay(input(usage, [cuPrice('SKU', '0.1', { pricingQuantityDivisor: '1' })]));
    const total = rows.reduce((sum, r) => sum.plus(r.billed_cost as string), new Dec(0));
    expect(total.toFixed()).toBe('90');
  });
});

describe('prices', () => {
  it('leaves every price and cost null when no price is known (not zero)', () => {
    const [row] = priceDay(input([{ resourceId: 'vm', quantity: '5' }], []));
    expect(row).toMatchObject({
      line_key: 'meter:cu',
      sku_id: null,
      list_unit_price: null,
      list_cost: null,
      contracted_cost: null,
      effective_cost: null,
      billed_cost: null,
      pricing_quantity: null,
      consumed_quantity: '5',
      x_rating_status: 'NO_PRICE',
    });
  });

  it('does not price across currencies', () => {
    const [row] = priceDay(input([{ resourceId: 'vm', quantity: '5' }], [cuPrice('EUR-SKU', '1', { currency: 'EUR' })]));
    expect(row).toMatchObject({ sku_id: 'EUR-SKU', billed_cost: null, x_rating_status: 'CURRENCY_MISMATCH' });
  });

  it("uses the billing account's contracted price for ContractedCost, EffectiveCost and BilledCost, the list price for ListCost", () => {
    const [row] = priceDay(
      input([{ resourceId: 'vm', quantity: '30' }], [cuPrice('VM20', '0.9')], { contractedPrices: new Map([['HP-AMS-999-USA-99999|VM20', '0.75']]) }),
    );
    expect(row).toMatchObject({
      list_unit_price: '0.9',
      list_cost: '0.9',
      contracted_unit_price: '0.75',
      contracted_cost: '0.75',
      effective_cost: '0.75',
      billed_cost: '0.75',
      pricing_currency_effective_cost: '0.75',
    });
  });

  it('gives one line per SKU priced on the meter, with a SkuPriceId naming the version', () => {
    const rows = priceDay(input([{ resourceId: 'vm', quantity: '30' }], [cuPrice('A', '1'), cuPrice('B', '2', { effectiveFrom: new Date('2026-04-10T00:00:00Z') })]));
    expect(rows.map((r) => [r.sku_id, r.sku_price_id, r.billed_cost])).toEqual([
      ['A', 'A@2026-01-01', '1'],
      ['B', 'B@2026-04-10', '2'],
    ]);
  });
});

describe('bands', () => {
  const bands = [
    { upTo: '10', unitPrice: '1' },
    { upTo: '20', unitPrice: '0.5' },
    { upTo: null, unitPrice: '0.25' },
  ];

  it('slices a quantity over graduated bands', () => {
    const slices = (q: string) => bandSlices(Ratio.of(q), bands).map(([i, s, p]) => [i, s.quantity(), p]);
    expect(slices('4')).toEqual([[0, '4', '1']]);
    expect(slices('10')).toEqual([[0, '10', '1']]);
    expect(slices('25')).toEqual([
      [0, '10', '1'],
      [1, '10', '0.5'],
      [2, '5', '0.25'],
    ]);
    expect(slices('0')).toEqual([[0, '0', '1']]);
  });

  it('writes one FOCUS row per band reached, each with ListCost = ListUnitPrice × PricingQuantity', () => {
    const rows = priceDay(input([{ resourceId: 'vm', quantity: '25' }], [cuPrice('BANDED', '1', { pricingQuantityDivisor: '1', bands })]));
    expect(rows.map((r) => [r.sku_price_id, r.pricing_quantity, r.list_unit_price, r.list_cost, r.consumed_quantity])).toEqual([
      ['BANDED@2026-01-01#1', '10', '1', '10', '10'],
      ['BANDED@2026-01-01#2', '10', '0.5', '5', '10'],
      ['BANDED@2026-01-01#3', '5', '0.25', '1.25', '5'],
    ]);
    const total = rows.reduce((s, r) => s.plus(r.billed_cost as string), new Dec(0));
    expect(total.toFixed()).toBe('16.25');
  });
});

describe('commitments (Flex: invoiced = max(actual, committed, minimum))', () => {
  const commitment = { id: 'commit-1', billingAccountId: 'HP-AMS-999-USA-99999', skuId: 'VM20', committedQuantity: '100', minimumQuantity: '80' };
  const shortfallOf = (rows: CostRow[]) => rows.find((r) => r.commitment_discount_status === 'Unused');

  it('bills the shortfall below committed capacity as its own Unused row', () => {
    const rows = priceDay(
      input(
        [
          { resourceId: 'vm-1', quantity: '30' },
          { resourceId: 'vm-2', quantity: '30' },
        ],
        [cuPrice('VM20', '0.9')],
        { commitments: [commitment] },
      ),
    );
    expect(rows).toHaveLength(3);
    for (const used of rows.slice(0, 2)) {
      expect(used).toMatchObject({
        commitment_discount_id: 'commit-1',
        commitment_discount_status: 'Used',
        commitment_discount_category: 'Usage',
        commitment_discount_quantity: '30',
        pricing_category: 'Committed',
      });
    }
    const short = shortfallOf(rows)!;
    expect(short).toMatchObject({
      resource_id: 'commit-1',
      resource_type: 'Commitment',
      commitment_discount_id: 'commit-1',
      commitment_discount_quantity: '40',
      consumed_quantity: null,
      consumed_unit: null,
      charge_category: 'Usage',
      service_name: 'VM',
    });
    // 40 CUs / 30 × 0.9 = 1.2
    expect(short.pricing_quantity).toBe('1.333333333333333');
    expect(short.billed_cost).toBe('1.2');
    const invoiced = rows.reduce((s, r) => s.plus(r.pricing_quantity as string), new Dec(0)).times(30);
    within(invoiced.toFixed(), '100', '1e-12');
  });

  it('uses the minimum when it is above the committed quantity, and no row once usage covers both', () => {
    const higherMinimum = { ...commitment, committedQuantity: '50', minimumQuantity: '70' };
    const under = priceDay(input([{ resourceId: 'vm', quantity: '60' }], [cuPrice('VM20', '0.9')], { commitments: [higherMinimum] }));
    expect(shortfallOf(under)!.commitment_discount_quantity).toBe('10');
    const over = priceDay(input([{ resourceId: 'vm', quantity: '120' }], [cuPrice('VM20', '0.9')], { commitments: [commitment] }));
    expect(shortfallOf(over)).toBeUndefined();
    expect(over).toHaveLength(1);
  });

  it('bills the whole commitment on a day without usage, at the contracted price', () => {
    const rows = priceDay(
      input([], [cuPrice('VM20', '0.9')], { commitments: [commitment], contractedPrices: new Map([['HP-AMS-999-USA-99999|VM20', '0.6']]) }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ commitment_discount_quantity: '100', contracted_unit_price: '0.6', billed_cost: '2', list_cost: '3' });
  });
});
