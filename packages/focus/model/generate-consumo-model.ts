/**
 * Writes Consumo's encoding of the FOCUS 1.2 and 1.3 requirements models (packages/focus/model/<version>/),
 * in the official model's shape, from the column specifications of packages/focus/src/columns.
 *
 *   (from the repository root) npm run focus-model
 *
 * The rules are Consumo's reading of the specification, not the official rule text: every rule's Notes
 * says so, and the README beside them says how the official model replaces them (drop in
 * model-<version>.json, or the official model_rules folder).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FOCUS_1_2_COLUMNS, type FocusColumn } from '../src/columns/focus-1.2-columns.js';
import { FOCUS_1_3_COLUMNS, FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS } from '../src/columns/focus-1.3-columns.js';
import { rulesOf } from '../src/conformance/focus-versions.js';
import type { CheckNode, ModelRule } from '../src/requirements-model/model-shape.js';


const NOTES = "Consumo's encoding of the specification's requirement (not the official requirements-model text); replaced by the official model when it is bundled.";

/** The capability a Conditional (or Recommended, gated) column depends on: keys of applicability_criteria.json. */
const COLUMN_CRITERIA: Readonly<Record<string, string>> = {
  AllocatedMethodId: 'DATA_GENERATOR_SPLIT_COST_ALLOCATION_SUPPORTED',
  AllocatedMethodDetails: 'DATA_GENERATOR_SPLIT_COST_ALLOCATION_SUPPORTED',
  AllocatedResourceId: 'DATA_GENERATOR_SPLIT_COST_ALLOCATION_SUPPORTED',
  AllocatedResourceName: 'DATA_GENERATOR_SPLIT_COST_ALLOCATION_SUPPORTED',
  AllocatedTags: 'DATA_GENERATOR_SPLIT_COST_ALLOCATION_SUPPORTED',
  AvailabilityZone: 'AVAILABILITY_ZONE_SUPPORTED',
  BillingAccountType: 'MULTIPLE_BILLING_ACCOUNT_TYPES_SUPPORTED',
  CapacityReservationId: 'CAPACITY_RESERVATION_SUPPORTED',
  CapacityReservationStatus: 'CAPACITY_RESERVATION_SUPPORTED',
  CommitmentDiscountCategory: 'COMMITMENT_DISCOUNT_SUPPORTED',
  CommitmentDiscountId: 'COMMITMENT_DISCOUNT_SUPPORTED',
  CommitmentDiscountName: 'COMMITMENT_DISCOUNT_SUPPORTED',
  CommitmentDiscountQuantity: 'COMMITMENT_DISCOUNT_SUPPORTED',
  CommitmentDiscountStatus: 'COMMITMENT_DISCOUNT_SUPPORTED',
  CommitmentDiscountType: 'COMMITMENT_DISCOUNT_SUPPORTED',
  CommitmentDiscountUnit: 'COMMITMENT_DISCOUNT_SUPPORTED',
  ConsumedQuantity: 'USAGE_MEASUREMENT_SUPPORTED',
  ConsumedUnit: 'USAGE_MEASUREMENT_SUPPORTED',
  ContractApplied: 'CONTRACT_COMMITMENT_SUPPORTED',
  ContractedUnitPrice: 'NEGOTIATED_PRICING_SUPPORTED',
  ListUnitPrice: 'PUBLIC_PRICE_LIST_SUPPORTED',
  PricingCategory: 'MULTIPLE_PRICING_CATEGORIES_SUPPORTED',
  PricingCurrency: 'PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED',
  PricingCurrencyContractedUnitPrice: 'PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED',
  PricingCurrencyEffectiveCost: 'PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED',
  PricingCurrencyListUnitPrice: 'PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED',
  RegionId: 'REGION_SUPPORTED',
  RegionName: 'REGION_SUPPORTED',
  ResourceId: 'BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED',
  ResourceName: 'BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED',
  ResourceType: 'RESOURCE_TYPE_ASSIGNMENT_SUPPORTED',
  SkuId: 'UNIT_PRICING_SUPPORTED',
  SkuMeter: 'UNIT_PRICING_SUPPORTED',
  SkuPriceDetails: 'UNIT_PRICING_SUPPORTED',
  SkuPriceId: 'UNIT_PRICING_SUPPORTED',
  SubAccountId: 'SUB_ACCOUNT_SUPPORTED',
  SubAccountName: 'SUB_ACCOUNT_SUPPORTED',
  SubAccountType: 'MULTIPLE_SUB_ACCOUNT_TYPES_SUPPORTED',
  Tags: 'TAGGING_SUPPORTED',
};

/** Columns whose values are nested JSON (an object with an Elements array), not flat key-value objects. */
const NESTED_JSON = new Set(['AllocatedMethodDetails', 'ContractApplied']);
/** Columns whose values SHOULD follow the UnitFormat attribute. */
const UNIT_COLUMNS = new Set(['PricingUnit', 'ConsumedUnit', 'CommitmentDiscountUnit', 'ContractCommitmentUnit']);

interface DatasetSpec {
  id: string;
  prefix: string;
  folder: string;
  file: string;
  columns: readonly FocusColumn[];
}

interface VersionSpec {
  version: '1.2' | '1.3';
  datasets: DatasetSpec[];
}

const pad = (n: number) => String(n).padStart(3, '0');
const check = (fn: string, args: Record<string, unknown> = {}): CheckNode => ({ CheckFunction: fn, ...args });
const ref = (id: string): CheckNode => check('CheckModelRule', { ModelRuleId: id });
const level = (keyword: string, conditional: boolean) => (keyword.startsWith('SHOULD') || keyword === 'MAY' ? 'O' : conditional ? 'C' : 'M');

function rule(version: string, dataset: DatasetSpec, fields: { fn: string; reference: string; entity: string; must: string; keyword: string; requirement: CheckNode; condition?: CheckNode; dependencies?: string[]; applicability?: string[]; order: number }): ModelRule {
  return {
    Function: fields.fn,
    Reference: fields.reference,
    EntityType: fields.entity,
    Notes: NOTES,
    ModelVersionIntroduced: version,
    Status: 'Active',
    ApplicabilityCriteria: fields.applicability ?? [],
    Order: fields.order,
    DatasetId: dataset.id,
    Type: 'Static',
    ValidationCriteria: {
      MustSatisfy: fields.must,
      Keyword: fields.keyword,
      Requirement: fields.requirement,
      Condition: fields.condition ?? {},
      Dependencies: fields.dependencies ?? [],
    },
  };
}

function write(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

function generateDataset(spec: VersionSpec, dataset: DatasetSpec, dir: string): void {
  const { version } = spec;
  const rules12 = rulesOf('1.2');
  const names = new Set(dataset.columns.map((c) => c.name));
  const presenceOf = new Map<string, string>();
  const datasetRules: Record<string, ModelRule> = {};
  const rootItems: CheckNode[] = [];
  const rootId = `${dataset.prefix}-${dataset.id}-D-000-M`;
  dataset.columns.forEach((c, i) => {
    const criterion = c.level === 'Mandatory' ? undefined : COLUMN_CRITERIA[c.name];
    const keyword = c.level === 'Recommended' ? 'SHOULD' : 'MUST';
    const id = `${dataset.prefix}-${dataset.id}-D-${pad(i + 1)}-${c.level === 'Mandatory' ? 'M' : c.level === 'Conditional' ? 'C' : 'O'}`;
    presenceOf.set(c.name, id);
    const when = c.level === 'Conditional' ? (criterion ? ' when the provider supports it' : ' when it applies') : '';
    datasetRules[id] = rule(version, dataset, {
      fn: 'Presence',
      reference: dataset.id,
      entity: 'Dataset',
      must: `${c.name} ${keyword} be present in a ${dataset.id} dataset${when}.`,
      keyword,
      requirement: check('ColumnPresent', { ColumnName: c.name }),
      applicability: criterion ? [criterion] : [],
      order: (i + 1) * 10,
    });
    rootItems.push(ref(id));
  });

  for (const c of dataset.columns) {
    const rules: Record<string, ModelRule> = {};
    const children: string[] = [];
    let n = 0;
    const add = (fields: Omit<Parameters<typeof rule>[2], 'reference' | 'entity' | 'order'>) => {
      n++;
      const id = `${dataset.prefix}-${c.name}-C-${pad(n)}-${level(fields.keyword, fields.condition !== undefined)}`;
      rules[id] = rule(version, dataset, { ...fields, reference: c.name, entity: 'Column', order: n * 10 });
      children.push(id);
    };
    const col = { ColumnName: c.name };
    switch (c.type) {
      case 'Decimal':
        add({ fn: 'Type', must: `${c.name} MUST be of type Decimal.`, keyword: 'MUST', requirement: check('TypeDecimal', col) });
        add({ fn: 'Format', must: `${c.name} MUST conform to NumericFormat requirements.`, keyword: 'MUST', requirement: check('FormatNumeric', col) });
        break;
      case 'Date/Time':
        add({ fn: 'Type', must: `${c.name} MUST be of type Date/Time.`, keyword: 'MUST', requirement: check('TypeDateTime', col) });
        add({ fn: 'Format', must: `${c.name} MUST conform to DateTimeFormat requirements.`, keyword: 'MUST', requirement: check('FormatDateTime', col) });
        break;
      case 'JSON':
        if (NESTED_JSON.has(c.name)) {
          add({ fn: 'Format', must: `${c.name} MUST be a JSON object.`, keyword: 'MUST', requirement: check('FormatJSON', { ...col, Path: '$' }) });
          add({ fn: 'Validation', must: `${c.name} MUST have a top-level Elements array.`, keyword: 'MUST', requirement: check('JSONCheckPathKeyExists', { ...col, Path: '$.Elements' }) });
        } else {
          add({ fn: 'Format', must: `${c.name} MUST conform to KeyValueFormat requirements.`, keyword: 'MUST', requirement: check('FormatKeyValue', col) });
        }
        break;
      case 'String':
        add({ fn: 'Type', must: `${c.name} MUST be of type String.`, keyword: 'MUST', requirement: check('TypeString', col) });
        add({ fn: 'Format', must: `${c.name} MUST conform to StringHandling requirements.`, keyword: 'MUST', requirement: check('FormatString', col) });
        break;
    }
    if (c.name === 'BillingCurrency') {
      add({ fn: 'Format', must: 'BillingCurrency MUST conform to CurrencyFormat requirements.', keyword: 'MUST', requirement: check('FormatCurrency', col) });
      add({ fn: 'Validation', must: 'BillingCurrency MUST be expressed in national currency (e.g., USD, EUR).', keyword: 'MUST', requirement: check('CheckNationalCurrency', col) });
    }
    if (UNIT_COLUMNS.has(c.name)) {
      add({ fn: 'Format', must: `${c.name} SHOULD conform to UnitFormat requirements.`, keyword: 'SHOULD', requirement: check('FormatUnit', col) });
    }
    if (!c.nullable) add({ fn: 'Nullability', must: `${c.name} MUST NOT be null.`, keyword: 'MUST NOT', requirement: check('CheckNotValue', { ...col, Value: null }) });
    if (c.allowedValues) {
      add({
        fn: 'Validation',
        must: `${c.name} MUST be one of the allowed values.`,
        keyword: 'MUST',
        requirement: check('OR', { Items: [check('CheckValue', { ...col, Value: null }), ...c.allowedValues.map((v) => check('CheckValue', { ...col, Value: v }))] }),
      });
    }
    if (rules12.unitPrices.includes(c.name)) {
      add({ fn: 'Validation', must: `${c.name} MUST be a non-negative decimal value.`, keyword: 'MUST', requirement: check('CheckGreaterOrEqualThanValue', { ...col, Value: 0 }) });
    }
    const dependsOn = (other: string) => [presenceOf.get(c.name)!, presenceOf.get(other)!];
    for (const [a, b] of rules12.pairedNull) {
      if (a !== c.name || !names.has(b)) continue;
      add({ fn: 'Nullability', must: `${a} MUST be null when ${b} is null.`, keyword: 'MUST', condition: check('CheckValue', { ColumnName: b, Value: null }), requirement: check('CheckValue', { ...col, Value: null }), dependencies: dependsOn(b) });
      add({ fn: 'Nullability', must: `${a} MUST NOT be null when ${b} is not null.`, keyword: 'MUST NOT', condition: check('CheckNotValue', { ColumnName: b, Value: null }), requirement: check('CheckNotValue', { ...col, Value: null }), dependencies: dependsOn(b) });
    }
    for (const [dependent, id] of rules12.nullWithoutId) {
      if (dependent !== c.name || !names.has(id)) continue;
      add({ fn: 'Nullability', must: `${dependent} MUST be null when ${id} is null.`, keyword: 'MUST', condition: check('CheckValue', { ColumnName: id, Value: null }), requirement: check('CheckValue', { ...col, Value: null }), dependencies: dependsOn(id) });
    }
    if (c.name === 'SkuPriceId' && names.has('SkuId')) {
      add({ fn: 'Validation', must: 'A given SkuPriceId MUST be associated with one and only one SkuId.', keyword: 'MUST', requirement: check('CheckDistinctCount', { ColumnAName: 'SkuPriceId', ColumnBName: 'SkuId', ExpectedCount: 1 }), dependencies: dependsOn('SkuId') });
    }
    if (c.name === 'ContractCommitmentId' && dataset.id === 'ContractCommitment') {
      add({ fn: 'Validation', must: 'ContractCommitmentId MUST be unique within the dataset.', keyword: 'MUST', requirement: check('CheckNoDuplicates', col) });
    }
    const rootColumnId = `${dataset.prefix}-${c.name}-C-000-M`;
    const composite: Record<string, ModelRule> = {
      [rootColumnId]: rule(version, dataset, {
        fn: 'Composite',
        reference: c.name,
        entity: 'Column',
        must: `${c.name} adheres to the following requirements:`,
        keyword: 'MUST',
        requirement: check('AND', { Items: children.map(ref) }),
        dependencies: [presenceOf.get(c.name)!, ...children],
        order: 0,
      }),
    };
    rootItems.push(ref(rootColumnId));
    write(path.join(dir, 'model_rules', 'datasets', dataset.folder, 'columns', `${c.name.toLowerCase()}.json`), { ...composite, ...rules });
  }
  const root = rule(version, dataset, {
    fn: 'Composite',
    reference: dataset.id,
    entity: 'Dataset',
    must: `The ${dataset.id} dataset adheres to the following requirements:`,
    keyword: 'MUST',
    requirement: check('AND', { Items: rootItems }),
    dependencies: [],
    order: 0,
  });
  write(path.join(dir, 'model_rules', 'datasets', dataset.folder, `${dataset.file}.json`), { [rootId]: root, ...datasetRules });
}

const CHECK_FUNCTIONS: Record<string, { Description: string; Arguments: string[] }> = {
  AND: { Description: 'Every item passes.', Arguments: ['Items'] },
  OR: { Description: 'At least one item passes.', Arguments: ['Items'] },
  CheckModelRule: { Description: 'The referenced rule passes.', Arguments: ['ModelRuleId'] },
  ColumnPresent: { Description: 'The column is in the dataset.', Arguments: ['ColumnName'] },
  TypeString: { Description: 'The column holds strings.', Arguments: ['ColumnName'] },
  TypeDecimal: { Description: 'The column holds decimals.', Arguments: ['ColumnName'] },
  TypeDateTime: { Description: 'The column holds date/times.', Arguments: ['ColumnName'] },
  FormatString: { Description: 'Values follow StringHandling.', Arguments: ['ColumnName'] },
  FormatNumeric: { Description: 'Values follow NumericFormat.', Arguments: ['ColumnName'] },
  FormatDateTime: { Description: 'Values follow DateTimeFormat.', Arguments: ['ColumnName'] },
  FormatCurrency: { Description: 'Values follow CurrencyFormat.', Arguments: ['ColumnName'] },
  FormatKeyValue: { Description: 'Values follow KeyValueFormat.', Arguments: ['ColumnName'] },
  FormatUnit: { Description: 'Values follow UnitFormat.', Arguments: ['ColumnName'] },
  FormatJSON: { Description: 'The JSON at the path is an object.', Arguments: ['ColumnName', 'Path'] },
  JSONCheckPathKeyExists: { Description: 'The key at the path exists.', Arguments: ['ColumnName', 'Path'] },
  CheckNationalCurrency: { Description: 'Values are ISO 4217 national currencies.', Arguments: ['ColumnName'] },
  CheckValue: { Description: 'The value equals Value (null: the value is null).', Arguments: ['ColumnName', 'Value'] },
  CheckNotValue: { Description: 'The value differs from Value (null: the value is not null).', Arguments: ['ColumnName', 'Value'] },
  CheckGreaterOrEqualThanValue: { Description: 'The value is greater than or equal to Value.', Arguments: ['ColumnName', 'Value'] },
  CheckDistinctCount: { Description: 'Each value of column A has ExpectedCount distinct values of column B.', Arguments: ['ColumnAName', 'ColumnBName', 'ExpectedCount'] },
  CheckNoDuplicates: { Description: 'No value appears twice in the column.', Arguments: ['ColumnName'] },
};

/** The applicability criteria of the official model (FOCUS_Spec applicability_criteria.json @ 1b509dc5), verbatim. */
const OFFICIAL_CRITERIA: Record<string, { Description: string }> = {
  ACCOUNT_NAMING_SUPPORTED: { Description: 'Provider supports assigning a display name for the billing account' },
  AVAILABILITY_ZONE_SUPPORTED: { Description: 'Provider supports deploying resources or services within an availability zone' },
  CAPACITY_RESERVATION_SUPPORTED: { Description: 'Provider supports capacity reservations' },
  COMMITMENT_DISCOUNT_SUPPORTED: { Description: 'Provider supports commitment discounts' },
  DATA_GENERATOR_SPLIT_COST_ALLOCATION_SUPPORTED: { Description: 'Data generator supports split cost allocation' },
  MULTIPLE_PRICING_CATEGORIES_SUPPORTED: { Description: 'Provider supports more than one pricing category across all SKUs' },
  MULTIPLE_SUB_ACCOUNT_TYPES_SUPPORTED: { Description: 'Provider supports more than one possible SubAccountType value' },
  MULTIPLE_BILLING_ACCOUNT_TYPES_SUPPORTED: { Description: 'Provider supports more than one possible BillingAccountType value' },
  NEGOTIATED_PRICING_SUPPORTED: { Description: 'Provider supports negotiated pricing concepts' },
  PUBLIC_PRICE_LIST_SUPPORTED: { Description: 'Provider publishes public price lists' },
  USAGE_MEASUREMENT_SUPPORTED: { Description: 'Provider supports the measurement of usage' },
  UNIT_PRICING_SUPPORTED: { Description: 'Provider supports unit pricing concepts' },
  SUB_ACCOUNT_SUPPORTED: { Description: 'Provider supports a sub account construct' },
  BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED: { Description: 'Provider supports billing based on provisioned resources' },
  RESOURCE_TYPE_ASSIGNMENT_SUPPORTED: { Description: 'Provider supports assigning types to resources' },
  PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED: { Description: 'Provider supports pricing and billing in different currencies' },
  VIRTUAL_CURRENCY_SUPPORTED: { Description: 'Provider supports prices in virtual currency' },
  REGION_SUPPORTED: { Description: 'Provider supports deploying resources or services within a region' },
  TAGGING_SUPPORTED: { Description: 'Provider supports setting user or provider-defined tags' },
};

const CONSUMO_CRITERIA: Record<string, { Description: string }> = {
  CONTRACT_COMMITMENT_SUPPORTED: { Description: "Provider supports contract commitments (Consumo's key: the official 1.3 key was not available)" },
};

const VERSIONS: VersionSpec[] = [
  {
    version: '1.2',
    datasets: [{ id: 'CostAndUsage', prefix: 'CAU', folder: 'cost_and_usage', file: 'costandusage', columns: FOCUS_1_2_COLUMNS }],
  },
  {
    version: '1.3',
    datasets: [
      { id: 'CostAndUsage', prefix: 'CAU', folder: 'cost_and_usage', file: 'costandusage', columns: FOCUS_1_3_COLUMNS },
      { id: 'ContractCommitment', prefix: 'CCT', folder: 'contract_commitment', file: 'contractcommitment', columns: FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS },
    ],
  },
];

/** Writes packages/focus/model/<version>/ (or the same under `out`). */
export function generateConsumoModels(out: string): void {
  for (const spec of VERSIONS) {
    const dir = path.join(out, spec.version);
    rmSync(path.join(dir, 'model_rules'), { recursive: true, force: true });
    write(path.join(dir, 'model_details.json'), { Details: { ModelVersion: `${spec.version}-consumo.1`, FOCUSVersion: spec.version, Notes: NOTES } });
    write(path.join(dir, 'applicability_criteria.json'), { ApplicabilityCriteria: spec.version === '1.3' ? { ...OFFICIAL_CRITERIA, ...CONSUMO_CRITERIA } : OFFICIAL_CRITERIA });
    write(path.join(dir, 'check_functions.json'), { CheckFunctions: CHECK_FUNCTIONS });
    write(path.join(dir, 'model_datasets.json'), { ModelDatasets: Object.fromEntries(spec.datasets.map((d) => [d.id, { ModelRules: [`${d.prefix}-${d.id}-D-000-M`] }])) });
    for (const dataset of spec.datasets) generateDataset(spec, dataset, dir);
  }
}

if (process.argv[1]?.endsWith('generate-consumo-model.js')) generateConsumoModels(path.resolve('packages/focus/model'));
