/** The two FinOps Foundation samples fail with exactly their known problems, counted independently. */
// The two FinOps Foundation samples (CC BY 4.0, see fixtures/focus-samples/README.md) fail with
// exactly their known problems. Every count below was also computed apart from this code, by a
// Python csv-module script over the same file (NULL/empty as null, Python's decimal module), and the
// first three against the README: 8,973 literal NULL cells, 7 'Usage-based', 7 null ContractedCost.
import { createReadStream, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCsv, validateFile } from '../../src/index.js';
import { SAMPLE_1_0, SPEC_EXAMPLE_1_2 } from '../support/focus-rows.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'focus-samples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The official 1.0 sample (AWS 942 rows, Microsoft 51, Oracle 7) against FOCUS 1.0. */
const SAMPLE_1_0_BY_RULE = {
  // README: nulls written as the literal NULL, 8,973 cells.
  'literal-null': 8973,
  // README: '2024-10-01 00:00:00' date/times: 4 Date/Time columns × 1,000 rows.
  'date-format': 4000,
  // README: the extra column Id without the x_ prefix.
  'unknown-column': 1,
  // README: ChargeFrequency 'Usage-based' (wrong case) in 7 rows.
  'allowed-values': 7,
  // README: null ContractedCost in 7 rows.
  nullability: 7,
  // README: a ServiceName mapped to more than one ServiceCategory ('Amazon Elastic Compute Cloud': Compute and Storage).
  'service-category-consistency': 1,
  // Found here too: ResourceType null while ResourceId is set (752 rows) or set while it is null (36 rows).
  'paired-null': 788,
  // The 7 rows with a null ContractedCost also lack ContractedUnitPrice, and 7 lack PricingCategory and SkuPriceId (empty fields):
  // 5 of each are Usage rows, where the unit-price group must be set.
  'unit-price-group': 15,
  // Two Adjustment rows (948, 949) carry a ConsumedQuantity and a ConsumedUnit.
  'consumed-quantity': 4,
  // Microsoft rows whose ListCost is ~10,000 × ListUnitPrice × PricingQuantity, past the 1e-6 tolerance.
  'list-cost': 25,
  // AWS rows with ContractedCost 0 or 1 and ContractedUnitPrice × PricingQuantity ≠ that.
  'contracted-cost': 16,
  // Row 457 (a Credit) has ContractedUnitPrice -3.
  'non-negative': 1,
};

describe('the official FOCUS 1.0 sample (focus_sample.csv, 1,000 rows)', () => {
  it('fails FOCUS 1.0 with exactly its known problems', async () => {
    const report = await validateFile(SAMPLE_1_0, { version: '1.0', maxViolations: 20_000 });
    expect(report.conformant).toBe(false);
    expect(report.summary).toEqual({
      rows: 1000,
      violations: 13_838,
      collected: 13_838,
      truncated: false,
      byRule: SAMPLE_1_0_BY_RULE,
      notes: [],
    });
    expect(Object.values(SAMPLE_1_0_BY_RULE).reduce((a, b) => a + b, 0)).toBe(13_838);
  });

  it('names the problems where they are', async () => {
    const { violations } = await validateFile(SAMPLE_1_0, { version: '1.0', maxViolations: 20_000 });
    const find = (rule: string, column: string) => violations.filter((v) => v.rule === rule && v.column === column);
    expect(violations[0]).toEqual({
      row: 0,
      column: 'Id',
      rule: 'unknown-column',
      message: "'Id' is not a FOCUS 1.0 column: custom columns start with 'x_' (e.g. 'x_Id')",
    });
    expect(find('date-format', 'BillingPeriodStart')[0]).toEqual({
      row: 1,
      column: 'BillingPeriodStart',
      rule: 'date-format',
      message: "'2024-09-01 00:00:00' is not YYYY-MM-DDTHH:mm:ssZ: date and time are joined by 'T', not a space, and the value ends with 'Z' (UTC)",
    });
    expect(find('literal-null', 'ChargeClass')).toHaveLength(1000);
    expect(find('allowed-values', 'ChargeFrequency').map((v) => v.row)).toEqual([926, 927, 942, 945, 948, 949, 951]);
    expect(find('nullability', 'ContractedCost').map((v) => v.row)).toEqual([926, 927, 942, 945, 948, 949, 951]);
    expect(find('non-negative', 'ContractedUnitPrice')).toEqual([
      { row: 457, column: 'ContractedUnitPrice', rule: 'non-negative', message: "ContractedUnitPrice is a unit price and must not be negative, got '-3.00000000000'" },
    ]);
    expect(find('list-cost', 'ListCost')[0]).toEqual({
      row: 947,
      column: 'ListCost',
      rule: 'list-cost',
      message: 'ListCost 0.00001500000 ≠ ListUnitPrice 0.05 × PricingQuantity 0.00000003000 = 0.0000000015 (off by 0.0000149985, more than 0.000001)',
    });
    expect(violations.at(-1)).toEqual({
      row: 0,
      column: 'ServiceName',
      rule: 'service-category-consistency',
      message: "ServiceName 'Amazon Elastic Compute Cloud' maps to 2 ServiceCategory values, not one: 'Compute' (first at row 4), 'Storage' (first at row 7)",
    });
  });

  it('reads the same gzip-compressed (.csv.gz), and from a stream', async () => {
    const gz = path.join(tmp, 'focus_sample.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(SAMPLE_1_0)));
    expect((await validateFile(gz, { version: '1.0', maxViolations: 0 })).summary.byRule).toEqual(SAMPLE_1_0_BY_RULE);
    expect((await validateCsv(createReadStream(SAMPLE_1_0), { version: '1.0', maxViolations: 0 })).summary.byRule).toEqual(SAMPLE_1_0_BY_RULE);
  });

  it('checked as 1.2: no Mandatory column is missing (the 1.1/1.2 additions are Conditional or Recommended), and RegionName is paired with RegionId', async () => {
    const report = await validateFile(SAMPLE_1_0, { version: '1.2', maxViolations: 0 });
    expect(report.summary.byRule['column-presence']).toBeUndefined();
    // 1.2 pairs RegionName with RegionId: 9 rows have one without the other.
    expect(report.summary.byRule['paired-null']).toBe(788 + 9);
  });
});

describe('the FOCUS 1.2 spec example (commitment discount flexibility, 3 rows)', () => {
  it('fails FOCUS 1.2 with exactly its known problems: a partial column set, literal null, the SkuPriceid typo', async () => {
    const report = await validateFile(SPEC_EXAMPLE_1_2, { version: '1.2' });
    expect(report.summary).toEqual({
      rows: 3,
      violations: 16,
      collected: 16,
      truncated: false,
      byRule: { 'unknown-column': 1, 'column-presence': 12, 'literal-null': 3 },
      notes: [],
    });
    expect(report.violations.filter((v) => v.rule === 'column-presence').map((v) => v.column)).toEqual([
      'BillingAccountId',
      'BillingAccountName',
      'BillingCurrency',
      'ChargeClass',
      'ChargeDescription',
      'ContractedCost',
      'InvoiceIssuerName',
      'PricingUnit',
      'ProviderName',
      'PublisherName',
      'ServiceCategory',
      'ServiceName',
    ]);
    expect(report.violations[0]!.message).toBe("'SkuPriceid' is not a FOCUS 1.2 column: column names are case-sensitive, did you mean 'SkuPriceId'?");
    expect(report.violations.filter((v) => v.rule === 'literal-null').map((v) => [v.row, v.column])).toEqual([
      [1, 'ConsumedQuantity'],
      [1, 'ConsumedUnit'],
      [1, 'CommitmentDiscountStatus'],
    ]);
  });
});
