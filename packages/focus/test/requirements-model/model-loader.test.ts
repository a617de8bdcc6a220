/**
 * The loader: the bundled models as source folders, the same model as one assembled model-<version>.json,
 * an official-shaped rule file dropped in, and the models that cannot be used.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateConsumoModels } from '../../model/generate-consumo-model.js';
import { validateCsvWithModel } from '../../src/index.js';
import { BUNDLED_MODELS_DIR, bundledModel, loadAssembledModel, loadModelFolder, loadRequirementsModel } from '../../src/requirements-model/model-loader.js';
import { RequirementsModelError } from '../../src/requirements-model/model-shape.js';
import { Readable } from 'node:stream';

const tmp = mkdtempSync(path.join(tmpdir(), 'consumo-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the bundled models', () => {
  it.each(['1.2', '1.3'] as const)('FOCUS %s loads from packages/focus/model/%s with its datasets and every rule id unique', (version) => {
    const model = bundledModel(version);
    expect(model.Details).toMatchObject({ FOCUSVersion: version, ModelVersion: `${version}-consumo.1` });
    expect(Object.keys(model.ModelDatasets)).toEqual(version === '1.3' ? ['CostAndUsage', 'ContractCommitment'] : ['CostAndUsage']);
    expect(model.ModelDatasets.CostAndUsage!.ModelRules).toEqual(['CAU-CostAndUsage-D-000-M']);
    if (version === '1.3') expect(model.ModelDatasets.ContractCommitment!.ModelRules).toEqual(['CCT-ContractCommitment-D-000-M']);
    for (const rule of Object.values(model.ModelRules)) {
      expect(Object.keys(rule)).toEqual(['Function', 'Reference', 'EntityType', 'Notes', 'ModelVersionIntroduced', 'Status', 'ApplicabilityCriteria', 'Order', 'DatasetId', 'Type', 'ValidationCriteria']);
      expect(Object.keys(rule.ValidationCriteria)).toEqual(['MustSatisfy', 'Keyword', 'Requirement', 'Condition', 'Dependencies']);
      expect(rule.Notes).toMatch(/^Consumo's encoding/);
    }
  });

  it('are what the generator writes from the column specifications (regenerate them when a column changes)', () => {
    const out = path.join(tmp, 'generated');
    generateConsumoModels(out);
    for (const version of ['1.2', '1.3'] as const) {
      expect(loadModelFolder(path.join(out, version)), `run the generator (packages/focus/model/generate-consumo-model.ts) for ${version}`).toEqual(bundledModel(version));
    }
  });
});

describe('two shapes, one model', () => {
  it('an assembled model-1.3.json (as the official build writes it) loads to the same model as the folder', () => {
    const folder = loadModelFolder(path.join(BUNDLED_MODELS_DIR, '1.3'));
    const file = path.join(tmp, 'model-1.3.json');
    writeFileSync(file, JSON.stringify(folder));
    expect(loadAssembledModel(file)).toEqual(folder);
    expect(loadRequirementsModel(file)).toEqual(folder);
    expect(loadRequirementsModel(path.join(BUNDLED_MODELS_DIR, '1.3'))).toEqual(folder);
  });

  it('an official rule file drops into a folder unchanged and is evaluated, its Dynamic rule skipped', async () => {
    // The official BillingCurrency rules (FOCUS_Spec specification/requirements_model/model_rules/columns/billingcurrency.json
    // @ 0d80cb90ce161c547899280d0b697eab29fb04af, CC BY 4.0), trimmed to the keys the engine reads.
    const official = (id: string, fn: string, must: string, keyword: string, requirement: object, type = 'Static') => ({
      Function: fn, Reference: 'BillingCurrency', EntityType: 'Column', Notes: '', ModelVersionIntroduced: '1.2', Status: 'Active', ApplicabilityCriteria: [], Order: 0,
      DatasetId: 'CostAndUsage', DatasetName: 'Cost and Usage', Type: type,
      ValidationCriteria: { MustSatisfy: must, Keyword: keyword, Requirement: requirement, Condition: {}, Dependencies: id.endsWith('000-M') ? ['CAU-CostAndUsage-D-035-M'] : [] },
    });
    const dir = path.join(tmp, 'official-drop-in');
    cpSync(path.join(BUNDLED_MODELS_DIR, '1.2'), dir, { recursive: true });
    rmSync(path.join(dir, 'model_rules'), { recursive: true });
    mkdirSync(path.join(dir, 'model_rules', 'columns'), { recursive: true });
    const items = ['001', '002', '003', '004', '005', '006'].map((n) => ({ CheckFunction: 'CheckModelRule', ModelRuleId: `CAU-BillingCurrency-C-${n}-M` }));
    writeFileSync(
      path.join(dir, 'model_rules', 'columns', 'billingcurrency.json'),
      JSON.stringify({
        'CAU-BillingCurrency-C-000-M': official('CAU-BillingCurrency-C-000-M', 'Composite', 'BillingCurrency adheres to the following requirements:', 'MUST', { CheckFunction: 'AND', Items: items }),
        'CAU-BillingCurrency-C-001-M': official('C-001', 'Type', 'BillingCurrency MUST be of type String.', 'MUST', { CheckFunction: 'TypeString', ColumnName: 'BillingCurrency' }),
        'CAU-BillingCurrency-C-002-M': official('C-002', 'Format', 'BillingCurrency MUST conform to StringHandling requirements.', 'MUST', { CheckFunction: 'FormatString', ColumnName: 'BillingCurrency' }),
        'CAU-BillingCurrency-C-003-M': official('C-003', 'Format', 'BillingCurrency MUST conform to CurrencyFormat requirements.', 'MUST', { CheckFunction: 'FormatCurrency', ColumnName: 'BillingCurrency' }),
        'CAU-BillingCurrency-C-004-M': official('C-004', 'Nullability', 'BillingCurrency MUST NOT be null.', 'MUST NOT', { CheckFunction: 'CheckNotValue', ColumnName: 'BillingCurrency', Value: null }),
        'CAU-BillingCurrency-C-005-M': official('C-005', 'Validation', 'BillingCurrency MUST match the currency used in the invoice generated by the invoice issuer.', 'MUST', {}, 'Dynamic'),
        'CAU-BillingCurrency-C-006-M': official('C-006', 'Validation', 'BillingCurrency MUST be expressed in national currency (e.g., USD, EUR).', 'MUST', { CheckFunction: 'CheckNationalCurrency', ColumnName: 'BillingCurrency' }),
      }),
    );
    mkdirSync(path.join(dir, 'model_rules', 'datasets'), { recursive: true });
    const presence = official('CAU-CostAndUsage-D-035-M', 'Presence', 'BillingCurrency MUST be present.', 'MUST', { CheckFunction: 'ColumnPresent', ColumnName: 'BillingCurrency' });
    const root = official('CAU-CostAndUsage-D-000-M', 'Composite', 'The dataset adheres to:', 'MUST', { CheckFunction: 'AND', Items: [{ CheckFunction: 'CheckModelRule', ModelRuleId: 'CAU-BillingCurrency-C-000-M' }] });
    root.ValidationCriteria.Dependencies = [];
    writeFileSync(path.join(dir, 'model_rules', 'datasets', 'costandusage.json'), JSON.stringify({ 'CAU-CostAndUsage-D-000-M': root, 'CAU-CostAndUsage-D-035-M': presence }));

    const model = loadRequirementsModel(dir);
    const report = await validateCsvWithModel(Readable.from(['BillingCurrency\nUSD\nXBT\n\n']), { version: '1.2', model });
    const byId = new Map(report.rules.map((r) => [r.id, r]));
    expect(byId.get('CAU-BillingCurrency-C-005-M')).toMatchObject({ status: 'skipped', skip: 'not-checkable' });
    expect(byId.get('CAU-BillingCurrency-C-006-M')).toMatchObject({ status: 'fail', failures: 1, firstFailures: [{ row: 2, values: { BillingCurrency: 'XBT' } }] });
    expect(byId.get('CAU-BillingCurrency-C-003-M')!.status).toBe('pass');
    expect(byId.get('CAU-CostAndUsage-D-035-M')!.status).toBe('pass');
    expect(report.modelVersion).toBe('1.2-consumo.1');
    expect(report.conformant).toBe(false);
  });
});

describe('models that cannot be used', () => {
  it('a missing part, a rule defined twice, an unreadable file', () => {
    const dir = path.join(tmp, 'broken');
    cpSync(path.join(BUNDLED_MODELS_DIR, '1.2'), dir, { recursive: true });
    rmSync(path.join(dir, 'model_datasets.json'));
    expect(() => loadModelFolder(dir)).toThrow(RequirementsModelError);
    writeFileSync(path.join(dir, 'model_datasets.json'), readFileSync(path.join(BUNDLED_MODELS_DIR, '1.2', 'model_datasets.json')));
    cpSync(path.join(dir, 'model_rules', 'datasets', 'cost_and_usage', 'columns', 'billedcost.json'), path.join(dir, 'model_rules', 'copy.json'));
    expect(() => loadModelFolder(dir)).toThrow(/the rule CAU-BilledCost-C-000-M is defined twice/);
    const file = path.join(tmp, 'partial.json');
    writeFileSync(file, JSON.stringify({ Details: { ModelVersion: 'x', FOCUSVersion: '1.3' }, ModelRules: {} }));
    expect(() => loadAssembledModel(file)).toThrow(/has no 'ApplicabilityCriteria' object/);
    expect(() => loadRequirementsModel(path.join(tmp, 'nothing-here.json'))).toThrow(RequirementsModelError);
  });
});
