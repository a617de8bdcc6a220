/** Each rule with a passing and a failing row, as variations of the conformant fixture. */
// Each rule with a row that passes and a row that fails, as variations of the conformant fixture's
// rows: the whole summary is compared, so a variation must trip its rule and nothing else.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/conformance/violation.js';
import { type Cell, type FocusVersion, validateCsv } from '../../src/index.js';
import { ROW, as10, check, conformantRows, rowWith } from '../support/focus-rows.js';

const data = conformantRows();
const data10 = as10(data);

type Case = [name: string, row: number, changes: Record<string, Cell>, expected: Partial<Record<RuleId, number>>];

async function byRuleOf(row: Cell[], version: FocusVersion = '1.2', header = version === '1.0' ? data10.header : data.header) {
  return (await check(header, [row], { version })).summary.byRule;
}

/** The case's variation of the fixture row breaks exactly the expected rules (FOCUS 1.2). */
async function expectRules(_name: string, row: number, changes: Record<string, Cell>, expected: Case[3]): Promise<void> {
  expect(await byRuleOf(rowWith(data, row, changes))).toEqual(expected);
}

describe('the conformant fixture', () => {
  it('passes FOCUS 1.2 row by row and as a whole', async () => {
    const report = await check(data.header, data.rows);
    expect(report.violations).toEqual([]);
    expect(report.conformant).toBe(true);
    expect(report.summary.rows).toBe(13);
  });

  it('passes FOCUS 1.0 once cut to the 1.0 columns, but for the Unused row: 1.0 wants a ConsumedQuantity on every Usage row', async () => {
    const report = await check(data10.header, data10.rows, { version: '1.0' });
    expect(report.violations.map((v) => [v.row, v.column, v.rule])).toEqual([
      [ROW.unusedCommitment + 1, 'ConsumedQuantity', 'consumed-quantity'],
      [ROW.unusedCommitment + 1, 'ConsumedUnit', 'consumed-quantity'],
    ]);
  });

  it('as a 1.2 file checked as 1.0, names each column 1.0 does not have', async () => {
    const report = await check(data.header, data.rows, { version: '1.0' });
    expect(report.summary.byRule['unknown-column']).toBe(14);
    expect(report.violations[0]).toEqual({
      row: 0,
      column: 'BillingAccountType',
      rule: 'unknown-column',
      message: "'BillingAccountType' is not a FOCUS 1.0 column (it is one of FOCUS 1.2): custom columns start with 'x_'",
    });
  });
});

describe('header rules', () => {
  const without = (name: string) => data.header.map((n) => (n === name ? 'x_Dropped' : n));

  it('column-presence: every Mandatory column, Conditional ones only if present', async () => {
    const report = await check(without('BilledCost'), [data.rows[ROW.usage]!]);
    expect(report.summary.byRule).toEqual({ 'column-presence': 1 });
    expect(report.violations[0]).toMatchObject({ row: 0, column: 'BilledCost', message: 'the Mandatory column BilledCost is missing' });
    expect((await check(without('CapacityReservationId'), [data.rows[ROW.usage]!])).conformant).toBe(true);
  });

  it('unknown-column: a non-FOCUS column needs the x_ prefix; a case slip is named', async () => {
    const header = data.header.map((n) => (n === 'x_MeterId' ? 'MeterId' : n === 'SkuPriceId' ? 'SkuPriceid' : n));
    const report = await check(header, [data.rows[ROW.noResource]!]);
    expect(report.summary.byRule).toEqual({ 'unknown-column': 2 });
    expect(report.violations.map((v) => v.message)).toEqual([
      "'SkuPriceid' is not a FOCUS 1.2 column: column names are case-sensitive, did you mean 'SkuPriceId'?",
      "'MeterId' is not a FOCUS 1.2 column: custom columns start with 'x_' (e.g. 'x_MeterId')",
    ]);
  });

  it('duplicate-column', async () => {
    const report = await check([...data.header, 'Tags'], [[...data.rows[ROW.usage]!, '{}']]);
    expect(report.summary.byRule).toEqual({ 'duplicate-column': 1 });
  });

  it('row-length: a row with more or fewer cells than the header', async () => {
    const row = data.rows[ROW.usage]!;
    const report = await check(data.header, [row, row.slice(1), [...row, 'extra']]);
    expect(report.summary.byRule).toEqual({ 'row-length': 2 });
    expect(report.violations.map((v) => v.row)).toEqual([2, 3]);
  });

  it('csv-syntax: broken quoting stops the reading, with the rows before it checked', async () => {
    const good = 'ChargeCategory,x_A\nUsage,1\n';
    const report = await validateCsv(Readable.from([good, 'Usage,"unclosed\n']));
    expect(report.summary.byRule['csv-syntax']).toBe(1);
    expect(report.summary.rows).toBe(1);
    expect(report.violations.find((v) => v.rule === 'csv-syntax')).toMatchObject({ row: 2, column: '*' });
  });
});

describe('cell rules', () => {
  const cases: Case[] = [
    ['literal-null: the text NULL in a nullable column', ROW.usage, { Tags: 'NULL' }, { 'literal-null': 1 }],
    ['literal-null: the text null', ROW.usage, { AvailabilityZone: 'null' }, { 'literal-null': 1 }],
    ['literal-null and nullability: NULL in a non-nullable column', ROW.usage, { BilledCost: 'NULL' }, { 'literal-null': 1, nullability: 1 }],
    ['nullability: an empty BilledCost', ROW.usage, { BilledCost: null }, { nullability: 1 }],
    ['nullability: PricingCurrency (§9: not null)', ROW.usage, { PricingCurrency: null }, { nullability: 1 }],
    ['nullability: PricingCurrencyEffectiveCost (§9: not null)', ROW.usage, { PricingCurrencyEffectiveCost: null }, { nullability: 1 }],
    ['numeric-format: a + sign', ROW.usage, { BilledCost: '+0.18' }, { 'numeric-format': 1 }],
    ['numeric-format: thousands separators', ROW.usage, { EffectiveCost: '1,000.18' }, { 'numeric-format': 1 }],
    ['numeric-format: a signed positive exponent', ROW.usage, { BilledCost: '18E+2' }, { 'numeric-format': 1 }],
    ['non-negative: a negative unit price', ROW.usage, { ContractedUnitPrice: '-0.18', ContractedCost: '-0.18' }, { 'non-negative': 1 }],
    ['date-format: space-separated', ROW.usage, { ChargePeriodStart: '2025-06-10 10:00:00' }, { 'date-format': 1 }],
    ['date-format: fractional seconds', ROW.usage, { BillingPeriodEnd: '2025-07-01T00:00:00.000Z' }, { 'date-format': 1 }],
    ['key-value-format: a nested object', ROW.usage, { Tags: '{"team": {"name": "web"}}' }, { 'key-value-format': 1 }],
    ['key-value-format: a repeated key', ROW.usage, { Tags: '{"env": "prod", "env": "dev"}' }, { 'key-value-format': 1 }],
    ['sku-price-details-key: an undefined key without x_', ROW.usage, { SkuPriceDetails: '{"Cores": 4}' }, { 'sku-price-details-key': 1 }],
    ['currency-format: lower case', ROW.usage, { BillingCurrency: 'eur' }, { 'currency-format': 1 }],
    ['allowed-values: wrong case', ROW.usage, { ChargeFrequency: 'Usage-based' }, { 'allowed-values': 1 }],
    ['allowed-values: unknown ServiceSubcategory', ROW.usage, { ServiceSubcategory: 'Servers' }, { 'allowed-values': 1 }],
  ];
  it.each(cases)('%s', expectRules);

  it.each<Case>([
    ['E-notation and negative costs', ROW.usage, { BilledCost: '18E-2', EffectiveCost: '-0.5' }, {}],
    ['a JSON object of primitives', ROW.usage, { Tags: '{"a": null, "b": true, "c": 1.5, "d": "x"}' }, {}],
    ['x_ keys in SkuPriceDetails', ROW.usage, { SkuPriceDetails: '{"CoreCount": 4, "x_Cores": "four"}' }, {}],
    ['a zero unit price', ROW.usage, { ContractedUnitPrice: '0', ContractedCost: '0' }, {}],
  ])('passes: %s', expectRules);

  it('says what a violation is, and where', async () => {
    const report = await check(data.header, [data.rows[ROW.usage]!, rowWith(data, ROW.usage, { ChargeFrequency: 'Usage-based' })]);
    expect(report.violations).toEqual([
      { row: 2, column: 'ChargeFrequency', rule: 'allowed-values', message: "'Usage-based' is not an allowed ChargeFrequency; values are case-sensitive: 'Usage-Based'" },
    ]);
  });
});

describe('row rules (FOCUS 1.2)', () => {
  const failing: Case[] = [
    ['paired-null: PricingUnit without PricingQuantity', ROW.credit, { PricingUnit: 'Hours' }, { 'paired-null': 1 }],
    ['paired-null: PricingQuantity without PricingUnit', ROW.usage, { PricingUnit: null }, { 'paired-null': 1 }],
    ['paired-null: ConsumedUnit ⇔ ConsumedQuantity', ROW.usage, { ConsumedUnit: null }, { 'paired-null': 1 }],
    ['paired-null: RegionName ⇔ RegionId', ROW.usage, { RegionName: null }, { 'paired-null': 1 }],
    ['paired-null: ResourceType ⇔ ResourceId', ROW.usage, { ResourceType: null }, { 'paired-null': 1 }],
    ['paired-null: CommitmentDiscountCategory ⇔ CommitmentDiscountId', ROW.committedUsage, { CommitmentDiscountCategory: null }, { 'paired-null': 1 }],
    ['paired-null: CommitmentDiscountUnit ⇔ CommitmentDiscountQuantity', ROW.committedUsage, { CommitmentDiscountUnit: null }, { 'paired-null': 1 }],
    ['null-without-id: SubAccountName needs a SubAccountId', ROW.usage, { SubAccountId: null, SubAccountType: null }, { 'null-without-id': 1 }],
    ['null-without-id: CommitmentDiscountName needs its Id', ROW.usage, { CommitmentDiscountName: 'plan' }, { 'null-without-id': 1 }],
    ['null-without-id: SkuMeter needs a SkuId', ROW.tax, { SkuMeter: 'VM Hours' }, { 'null-without-id': 1 }],
    ['commitment-discount-status: set on Usage rows of a commitment', ROW.committedUsage, { CommitmentDiscountStatus: null }, { 'commitment-discount-status': 1 }],
    ['capacity-reservation-status: set on Usage rows of a reservation', ROW.capacityReservation, { CapacityReservationStatus: null }, { 'capacity-reservation-status': 1 }],
    ['unit-price-group: null on Tax', ROW.tax, { SkuId: 'SKU-VM-M' }, { 'unit-price-group': 1 }],
    ['unit-price-group: not null on Usage', ROW.usage, { PricingCategory: null }, { 'unit-price-group': 1 }],
    ['unit-price-group: not null on Purchase', ROW.purchase, { ListUnitPrice: null, PricingCurrencyListUnitPrice: null }, { 'unit-price-group': 2 }],
    ['consumed-quantity: null unless Usage', ROW.purchase, { ConsumedQuantity: '1', ConsumedUnit: 'Hours' }, { 'consumed-quantity': 1 }],
    ['consumed-quantity: null on an Unused commitment', ROW.unusedCommitment, { ConsumedQuantity: '1', ConsumedUnit: 'Hours' }, { 'consumed-quantity': 1 }],
    ['consumed-quantity: set on Usage', ROW.usage, { ConsumedQuantity: null, ConsumedUnit: null }, { 'consumed-quantity': 1 }],
    ['commitment-discount-quantity: set on a commitment Usage', ROW.committedUsage, { CommitmentDiscountQuantity: null, CommitmentDiscountUnit: null }, { 'commitment-discount-quantity': 1 }],
    ['commitment-discount-quantity: null without a commitment', ROW.usage, { CommitmentDiscountQuantity: '1', CommitmentDiscountUnit: 'Hours' }, { 'commitment-discount-quantity': 1 }],
    ['list-cost: ListCost ≠ ListUnitPrice × PricingQuantity', ROW.usage, { ListCost: '0.21' }, { 'list-cost': 1 }],
    ['list-cost: past the relative tolerance on large amounts', ROW.usage, { PricingQuantity: '1000000000', ListCost: '200000300', ContractedCost: '180000000' }, { 'list-cost': 1 }],
    ['contracted-cost: ContractedCost ≠ ContractedUnitPrice × PricingQuantity', ROW.usage, { ContractedCost: '0.17' }, { 'contracted-cost': 1 }],
    ['charge-frequency: no Usage-Based Purchase', ROW.purchase, { ChargeFrequency: 'Usage-Based' }, { 'charge-frequency': 1 }],
    ['service-subcategory-parent', ROW.usage, { ServiceSubcategory: 'Object Storage' }, { 'service-subcategory-parent': 1 }],
    ['billing-period-order: the end is exclusive', ROW.usage, { BillingPeriodEnd: '2025-06-01T00:00:00Z' }, { 'billing-period-order': 1 }],
    ['charge-period-order', ROW.usage, { ChargePeriodEnd: '2025-06-10T09:00:00Z' }, { 'charge-period-order': 1 }],
  ];
  it.each(failing)('fails: %s', expectRules);

  const passing: Case[] = [
    ['SubAccountName may be null with a SubAccountId', ROW.usage, { SubAccountName: null }, {}],
    ['no sub account at all', ROW.usage, { SubAccountId: null, SubAccountName: null, SubAccountType: null }, {}],
    ['a correction may leave the unit-price group null', ROW.correction, { PricingCategory: null, SkuPriceId: null, SkuPriceDetails: null }, {}],
    ['a correction may leave ConsumedQuantity null', ROW.correction, { ConsumedQuantity: null, ConsumedUnit: null }, {}],
    ['a correction may break ListCost = ListUnitPrice × PricingQuantity', ROW.correction, { ListCost: '-0.3', ContractedCost: '-1' }, {}],
    ['Credit rows may leave unit prices null', ROW.credit, {}, {}],
    ['a difference within 1e-6 absolute', ROW.usage, { ListCost: '0.2000009' }, {}],
    ['a difference within 1e-6 relative on large amounts', ROW.usage, { PricingQuantity: '1000000000', ListCost: '200000150', ContractedCost: '180000000' }, {}],
    ['a Recurring Purchase', ROW.purchase, { ChargeFrequency: 'One-Time' }, {}],
    ['an Other subcategory under its own category', ROW.usage, { ServiceSubcategory: 'Other (Compute)' }, {}],
    ['CommitmentDiscountStatus may be null on the Purchase', ROW.purchase, { CommitmentDiscountStatus: null }, {}],
  ];
  it.each(passing)('passes: %s', expectRules);

  it('uses decimal arithmetic: 0.1 × 3 is 0.3 exactly, with no tolerance at all', async () => {
    const row = rowWith(data, ROW.usage, { ListUnitPrice: '0.1', PricingCurrencyListUnitPrice: '0.1', PricingQuantity: '3', ListCost: '0.3', ContractedCost: '0.54' });
    const strict = { relative: '0', absolute: '0' };
    expect((await check(data.header, [row], { costTolerance: strict })).summary.byRule).toEqual({});
    const off = rowWith(data, ROW.usage, { ListCost: '0.2000000001' });
    expect((await check(data.header, [off], { costTolerance: strict })).summary.byRule).toEqual({ 'list-cost': 1 });
  });
});

describe('row rules that differ in FOCUS 1.0', () => {
  it('RegionName and units are not paired with their ids and quantities', async () => {
    expect(await byRuleOf(rowWith(data10, ROW.usage, { RegionName: null }), '1.0')).toEqual({});
  });
  it('PricingUnit belongs to the unit-price group', async () => {
    expect(await byRuleOf(rowWith(data10, ROW.usage, { PricingUnit: null }), '1.0')).toEqual({ 'unit-price-group': 1 });
    expect(await byRuleOf(rowWith(data10, ROW.tax, { PricingUnit: 'Hours' }), '1.0')).toEqual({ 'unit-price-group': 1 });
  });
  it('ConsumedQuantity and ConsumedUnit both follow the Usage rule', async () => {
    expect(await byRuleOf(rowWith(data10, ROW.purchase, { ConsumedQuantity: '1', ConsumedUnit: 'Hours' }), '1.0')).toEqual({ 'consumed-quantity': 2 });
  });
});

describe('dataset rules', () => {
  it('service-category-consistency: each ServiceName has one ServiceCategory, reported once at row 0', async () => {
    const other = rowWith(data, ROW.usage, { ServiceCategory: 'Storage', ServiceSubcategory: 'Other (Storage)' });
    const report = await check(data.header, [...data.rows, other, other]);
    expect(report.summary.byRule).toEqual({ 'service-category-consistency': 1 });
    expect(report.violations[0]).toEqual({
      row: 0,
      column: 'ServiceName',
      rule: 'service-category-consistency',
      message: "ServiceName 'Consumo Compute' maps to 2 ServiceCategory values, not one: 'Compute' (first at row 1), 'Storage' (first at row 14)",
    });
  });

  it('sku-price-id-consistency: each SkuPriceId has one SkuId', async () => {
    const other = rowWith(data, ROW.spot, { SkuId: 'SKU-VM-L' });
    const report = await check(data.header, [...data.rows, other]);
    expect(report.summary.byRule).toEqual({ 'sku-price-id-consistency': 1 });
    expect(report.violations[0]!.message).toBe("SkuPriceId 'SKU-VM-M-EU-SPOT' has 2 SkuId values, not one: 'SKU-VM-M' (first at row 9), 'SKU-VM-L' (first at row 14)");
  });

  it('1.0 lets a commitment-discount row share a SkuPriceId across SkuIds (commitment discount flexibility)', async () => {
    const flexible = rowWith(data10, ROW.committedUsage, { SkuId: 'SKU-VM-L' });
    expect((await check(data10.header, [data10.rows[ROW.committedUsage]!, flexible], { version: '1.0' })).summary.byRule).toEqual({});
    const flexible12 = rowWith(data, ROW.committedUsage, { SkuId: 'SKU-VM-L' });
    expect((await check(data.header, [data.rows[ROW.committedUsage]!, flexible12])).summary.byRule).toEqual({ 'sku-price-id-consistency': 1 });
  });
});

describe('collecting', () => {
  it('keeps maxViolations, counts the rest, and hands each kept one over as found', async () => {
    const bad = rowWith(data, ROW.usage, { Tags: 'NULL', BilledCost: '+1' });
    const seen: unknown[] = [];
    const report = await check(data.header, Array.from({ length: 10 }, () => bad), { maxViolations: 5, onViolation: (v) => seen.push(v) });
    expect(report.summary).toMatchObject({ rows: 10, violations: 20, collected: 5, truncated: true, byRule: { 'literal-null': 10, 'numeric-format': 10 } });
    expect(report.violations).toHaveLength(5);
    expect(seen).toEqual(report.violations);
    expect(report.conformant).toBe(false);
  });

  it('an empty input misses every Mandatory column', async () => {
    const report = await check([], []);
    expect(report.summary.byRule).toEqual({ 'column-presence': 21 });
  });
});
