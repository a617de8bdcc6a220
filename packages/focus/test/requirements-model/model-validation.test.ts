/**
 * Whole files through the model validator: Consumo's conformant 1.2 and 1.3 fixtures and a Contract
 * Commitment file pass, each finding of the FOCUS 1.2 spec example is the one the model predicts,
 * broken cells fail the rule that covers them, and Consumo's own checks report beside the model's.
 * focus-conformant-1.3.csv and focus-contract-commitment-1.3.csv are hand-made (the 1.3 one is the 1.2
 * fixture's rows with the 1.3 columns: HostProviderName and ServiceProviderName from ProviderName, a
 * ContractApplied object on the commitment's usage rows, the split-allocation columns null).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { type Cell, type ModelValidationReport, type RuleVerdict, FocusFileError, validateCsvWithModel, validateFileWithModel, validateRowsWithModel } from '../../src/index.js';
import { CONSUMO_ONLY_RULES } from '../../src/requirements-model/consumo-rules.js';
import { CONFORMANT_CSV, FIXTURES, SPEC_EXAMPLE_1_2, conformantRows, parquetOf, rowWith } from '../support/focus-rows.js';

const CONFORMANT_13 = `${FIXTURES}focus-conformant-1.3.csv`;
const CONTRACT_COMMITMENT_13 = `${FIXTURES}focus-contract-commitment-1.3.csv`;
const tmp = mkdtempSync(path.join(tmpdir(), 'consumo-model-validation-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const failed = (r: ModelValidationReport) => r.rules.filter((v) => v.status === 'fail').map((v) => v.id);
const byId = (r: ModelValidationReport) => new Map<string, RuleVerdict>(r.rules.map((v) => [v.id, v]));

describe("Consumo's files pass", () => {
  it('the conformant FOCUS 1.2 fixture, as CSV, gzip-compressed CSV and Parquet: every checked rule passes', async () => {
    const gz = path.join(tmp, 'conformant.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(CONFORMANT_CSV)));
    const parquet = path.join(tmp, 'conformant.parquet');
    writeFileSync(parquet, parquetOf(conformantRows()));
    for (const file of [CONFORMANT_CSV, gz, parquet]) {
      const report = await validateFileWithModel(file, { version: '1.2' });
      expect(failed(report), file).toEqual([]);
      expect(report).toMatchObject({ version: '1.2', modelVersion: '1.2-consumo.1', dataset: 'CostAndUsage', rows: 13, conformant: true });
      expect(report.counts.pass).toBeGreaterThan(200);
    }
  });

  it('the FOCUS 1.3 Cost and Usage fixture', async () => {
    const report = await validateFileWithModel(CONFORMANT_13, { version: '1.3' });
    expect(failed(report)).toEqual([]);
    expect(report).toMatchObject({ version: '1.3', modelVersion: '1.3-consumo.1', rows: 13, conformant: true });
    const v = byId(report);
    expect(v.get('CAU-HostProviderName-C-000-M')!.status).toBe('pass');
    expect(v.get('CAU-ContractApplied-C-001-M')).toMatchObject({ status: 'pass', checked: 13 });
    // Consumo declares no split cost allocation: the Allocated* columns are not checked.
    expect(v.get('CAU-AllocatedMethodId-C-000-M')).toMatchObject({ status: 'skipped', skip: 'not-applicable' });
    expect(report.notes).toEqual([expect.stringMatching(/checked by the model alone/)]);
  });

  it('a FOCUS 1.3 Contract Commitment file', async () => {
    const report = await validateFileWithModel(CONTRACT_COMMITMENT_13, { version: '1.3', dataset: 'ContractCommitment' });
    expect(failed(report)).toEqual([]);
    expect(report).toMatchObject({ dataset: 'ContractCommitment', rows: 3, conformant: true });
    expect(byId(report).get('CCT-ContractCommitmentId-C-004-M')).toMatchObject({ status: 'pass', mustSatisfy: 'ContractCommitmentId MUST be unique within the dataset.' });
  });
});

describe('broken files fail the rule that covers the problem', () => {
  it('1.3 Cost and Usage: a missing Mandatory column, a bad Date/Time, an unknown ChargeCategory, a JSON that is not an object', async () => {
    const [header, ...rows] = (parse(readFileSync(CONFORMANT_13, 'utf8')) as string[][]).map((r) => r.map((v): Cell => (v === '' ? null : v)));
    const at = (name: string) => header!.indexOf(name as string);
    const drop = at('HostProviderName');
    rows[0]![at('ChargePeriodStart')] = '2026-12-01 00:00:00';
    rows[1]![at('ChargeCategory')] = 'usage';
    const applied = rows.findIndex((r) => r[at('ContractApplied')] !== null);
    rows[applied]![at('ContractApplied')] = `[${rows[applied]![at('ContractApplied')]!}]`;
    const without = (r: Cell[]) => r.filter((_, i) => i !== drop);
    const report = await validateRowsWithModel([without(header!), ...rows.map(without)], { version: '1.3' });
    const v = byId(report);
    expect(report.conformant).toBe(false);
    expect(v.get('CAU-CostAndUsage-D-035-M')).toMatchObject({ status: 'fail', mustSatisfy: 'HostProviderName MUST be present in a CostAndUsage dataset.' });
    expect(v.get('CAU-HostProviderName-C-000-M')).toMatchObject({ status: 'skipped', skip: 'dependency-failed' });
    expect(v.get('CAU-ChargePeriodStart-C-002-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: 1, values: { ChargePeriodStart: '2026-12-01 00:00:00' } }] });
    expect(v.get('CAU-ChargeCategory-C-004-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: 2, values: { ChargeCategory: 'usage' } }] });
    expect(v.get('CAU-ContractApplied-C-001-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: applied + 1 }] });
    expect(failed(report).filter((id) => !/-C-000-|-D-000-/.test(id)).sort()).toEqual([
      'CAU-ChargeCategory-C-004-M',
      'CAU-ChargePeriodStart-C-001-M',
      'CAU-ChargePeriodStart-C-002-M',
      'CAU-ContractApplied-C-001-M',
      'CAU-ContractApplied-C-002-M',
      'CAU-CostAndUsage-D-035-M',
    ]);
  });

  it('Contract Commitment: a duplicate id, a null category, a currency that is not national', async () => {
    const lines = readFileSync(CONTRACT_COMMITMENT_13, 'utf8').trim().split('\n');
    const bad = [...lines, lines[1]!.replace('USD,Spend', 'XBT,')];
    const report = await validateCsvWithModel(Readable.from([bad.join('\n')]), { version: '1.3', dataset: 'ContractCommitment' });
    const v = byId(report);
    expect(v.get('CCT-ContractCommitmentId-C-004-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: 4 }] });
    expect(v.get('CCT-ContractCommitmentCategory-C-003-M')).toMatchObject({ status: 'fail', mustSatisfy: 'ContractCommitmentCategory MUST NOT be null.' });
    expect(v.get('CCT-BillingCurrency-C-004-M')).toMatchObject({ status: 'fail', keyword: 'MUST', firstFailures: [{ row: 4, values: { BillingCurrency: 'XBT' } }] });
  });

  it('1.2: a unit price below zero and a RegionName without a RegionId (paired nulls) are the model rules; the cost arithmetic stays a Consumo check', async () => {
    const data = conformantRows();
    const rows = [rowWith(data, 0, { ListUnitPrice: '-0.01', RegionId: null }), rowWith(data, 1, { ListCost: '123456.78' })];
    const report = await validateRowsWithModel([data.header, ...rows], { version: '1.2' });
    const v = byId(report);
    expect(v.get('CAU-ListUnitPrice-C-003-M')).toMatchObject({ status: 'fail', source: 'model 1.2-consumo.1' });
    expect(v.get('CAU-RegionName-C-003-C')).toMatchObject({ status: 'fail', mustSatisfy: 'RegionName MUST be null when RegionId is null.' });
    expect(v.get('list-cost')).toMatchObject({ status: 'fail', source: 'consumo', failures: 1 });
  });
});

describe('the FOCUS 1.2 spec example gives the findings the model predicts', () => {
  it('with every criterion declared: the 12 missing Mandatory columns (and the Conditional and Recommended ones) and the literal null; the rules of absent columns are skipped', async () => {
    const report = await validateFileWithModel(SPEC_EXAMPLE_1_2, { version: '1.2', applicability: 'all' });
    const v = byId(report);
    const missing = (level: string) =>
      report.rules.filter((r) => r.status === 'fail' && r.id.startsWith('CAU-CostAndUsage-D-') && r.id !== 'CAU-CostAndUsage-D-000-M' && r.id.endsWith(`-${level}`)).map((r) => r.mustSatisfy.split(' ')[0]);
    expect(missing('M')).toEqual([
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
    // SkuPriceid is a typo: SkuPriceId is absent too.
    expect(missing('C')).toContain('SkuPriceId');
    expect(missing('O')).toEqual(['AvailabilityZone', 'InvoiceId', 'ServiceSubcategory']);
    expect(v.get('CAU-CostAndUsage-D-001-O')).toMatchObject({ severity: 'warning' });
    // The literal `null` in row 1: not a number for ConsumedQuantity, not an allowed CommitmentDiscountStatus.
    expect(v.get('CAU-ConsumedQuantity-C-002-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: 1, values: { ConsumedQuantity: 'null' } }] });
    expect(v.get('CAU-CommitmentDiscountStatus-C-003-M')).toMatchObject({ status: 'fail', firstFailures: [{ row: 1, values: { CommitmentDiscountStatus: 'null' } }] });
    expect(v.get('CAU-BillingCurrency-C-000-M')).toMatchObject({ status: 'skipped', skip: 'dependency-failed' });
    expect(v.get('CAU-BilledCost-C-002-M')).toMatchObject({ status: 'pass', checked: 3 });
    // Consumo's own checks: the header typo and the placeholders.
    expect(v.get('unknown-column')).toMatchObject({ status: 'fail', source: 'consumo', firstFailures: [{ column: 'SkuPriceid' }] });
    expect(v.get('literal-null')).toMatchObject({ status: 'fail', failures: 3 });
    expect(report.conformant).toBe(false);
  });

  it('with what it does not support left undeclared, its absent Conditional columns are not applicable rather than missing', async () => {
    const report = await validateFileWithModel(SPEC_EXAMPLE_1_2, { version: '1.2', applicability: 'COMMITMENT_DISCOUNT_SUPPORTED,USAGE_MEASUREMENT_SUPPORTED' });
    const v = byId(report);
    expect(v.get('CAU-CostAndUsage-D-053-C')).toMatchObject({ status: 'skipped', skip: 'not-applicable', reason: 'not applicable: UNIT_PRICING_SUPPORTED not declared' });
    expect(report.applicability).toEqual(['COMMITMENT_DISCOUNT_SUPPORTED', 'USAGE_MEASUREMENT_SUPPORTED']);
  });
});

describe('the report', () => {
  it('has one verdict per rule id, with its source; each of Consumo\'s checks beside the model is there, those the model covers are not', async () => {
    const report = await validateFileWithModel(CONFORMANT_CSV, { version: '1.2' });
    const ids = report.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(report.rules.filter((r) => r.source === 'consumo').map((r) => r.id).sort()).toEqual([...CONSUMO_ONLY_RULES].sort());
    for (const covered of ['nullability', 'column-presence', 'allowed-values', 'numeric-format', 'paired-null']) expect(ids).not.toContain(covered);
    expect(report.counts.pass + report.counts.fail + report.counts.skipped).toBe(report.rules.length);
    expect(report.rules.filter((r) => r.status === 'skipped').every((r) => r.reason !== undefined)).toBe(true);
    expect(byId(report).get('CAU-PricingUnit-C-003-O')).toMatchObject({ status: 'skipped', skip: 'not-implemented', reason: 'skipped: check function FormatUnit not implemented' });
  });

  it('a short row and broken CSV are Consumo findings for every version and dataset; an unreadable file is an error, not a verdict', async () => {
    const lines = readFileSync(CONTRACT_COMMITMENT_13, 'utf8').trim().split('\n');
    const report = await validateCsvWithModel(Readable.from([[...lines, 'USD,Spend', '"unclosed'].join('\n')]), { version: '1.3', dataset: 'ContractCommitment' });
    expect(byId(report).get('row-length')).toMatchObject({ status: 'fail', source: 'consumo', failures: 1, firstFailures: [{ row: 4 }] });
    expect(byId(report).get('csv-syntax')).toMatchObject({ status: 'fail' });
    await expect(validateFileWithModel(path.join(tmp, 'absent.csv'))).rejects.toThrow(FocusFileError);
  });

  it('refuses a dataset the version has not', async () => {
    await expect(validateFileWithModel(CONFORMANT_CSV, { version: '1.2', dataset: 'ContractCommitment' })).rejects.toThrow(/has no dataset ContractCommitment/);
  });
});
