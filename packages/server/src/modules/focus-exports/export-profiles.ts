/**
 * The three column sets a FOCUS export writes: `greenlake` (the 43 columns of GreenLake's own export,
 * in its order, ChargeFrequency as Estimated/Usage), `focus-1.2` (every FOCUS 1.2 column in the
 * spec's order, then Consumo's x_ columns, values as stored) and `focus-1.3` (every FOCUS 1.3 Cost and
 * Usage column in the spec's order, then the x_ columns: ADR 0025).
 */
import { FOCUS_1_3_COLUMNS } from '@consumo/focus';
import { COST_RECORD_COLUMNS, COST_RECORD_COLUMN_BY_NAME, type CostRecordColumn } from '../cost-records/index.js';
import { CONTRACT_APPLIED_COLUMN } from './computed-cells.repository.js';
import type { FocusExportDataset, FocusExportProfile } from './focus-exports.enums.js';

/** The header of GreenLake's FOCUS export, exactly as its sample shows it. */
export const GREENLAKE_COLUMNS = [
  'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BilledCost', 'BillingPeriodStart', 'BillingPeriodEnd',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargePeriodStart', 'ChargePeriodEnd', 'ContractedCost',
  'ContractedUnitPrice', 'EffectiveCost', 'InvoiceIssuerName', 'ProviderName', 'PublisherName', 'PricingQuantity',
  'PricingUnit', 'ListCost', 'ListUnitPrice', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceCategory',
  'ServiceName', 'SkuId', 'ConsumedQuantity', 'ConsumedUnit', 'AvailabilityZone', 'CommitmentDiscountType',
  'ChargeFrequency', 'CommitmentDiscountCategory', 'CommitmentDiscountId', 'CommitmentDiscountName',
  'CommitmentDiscountStatus', 'PricingCategory', 'RegionId', 'RegionName', 'SkuPriceId', 'SubAccountId',
  'SubAccountName', 'Tags',
] as const;

/**
 * How a cell is made: a cost-record column's type (the column as stored, or for `json` also a
 * computed JSON value, computed-cells.repository.ts), GreenLake's special cells, or `absent`: always null, for
 * a FOCUS column whose feature Consumo does not have (split cost allocation).
 */
export type CellKind = CostRecordColumn['type'] | 'greenlake-frequency' | 'unused-consumed-quantity' | 'unused-consumed-unit' | 'absent';

export interface ProfileColumn {
  header: string;
  /** The SQL column read (for the GreenLake ChargeFrequency: billing_period_end). */
  column: string;
  kind: CellKind;
  /** A null JSON cell is written `{}` (GreenLake's Tags) instead of empty. */
  emptyJson: boolean;
  /** Further SQL columns the cell is computed from. */
  reads?: readonly string[];
  /** Where the value comes from, in words, for docs/focus.md (when more than "the cost-record column"). */
  source?: string;
}

/**
 * GreenLake's export is FOCUS 1.0 (its 43 columns are 1.0's), whose ConsumedQuantity "MUST NOT be
 * null if ChargeCategory is "Usage" and ChargeClass is not "Correction"" — with no exception for the
 * Unused part of a commitment, which is a Usage row too. The exception ("Must be null when
 * CommitmentDiscountStatus is "Unused"") came with 1.1 (FOCUS_Spec CHANGELOG, v1.1, Changed). So the
 * GreenLake profile writes 0 in the commitment's unit on Unused rows (nothing of the shortfall was
 * consumed) and focus-1.2 keeps both null: neither value conforms to both versions (ADR 0013,
 * "Unused commitment rows in the two profiles").
 */
const GREENLAKE_SPECIAL: Readonly<Record<string, ProfileColumn>> = {
  ChargeFrequency: {
    header: 'ChargeFrequency', column: 'billing_period_end', kind: 'greenlake-frequency', emptyJson: false,
    source: 'computed from cost record `billing_period_end`: `Estimated` while the billing period is open at export time, else `Usage` (ADR 0013)',
  },
  ConsumedQuantity: {
    header: 'ConsumedQuantity',
    column: 'consumed_quantity',
    kind: 'unused-consumed-quantity',
    emptyJson: false,
    reads: ['commitment_discount_status'],
    source: 'cost record `consumed_quantity`; `0` on Unused commitment rows (ADR 0013)',
  },
  ConsumedUnit: {
    header: 'ConsumedUnit',
    column: 'consumed_unit',
    kind: 'unused-consumed-unit',
    emptyJson: false,
    reads: ['commitment_discount_status', 'commitment_discount_unit'],
    source: 'cost record `consumed_unit`; `commitment_discount_unit` on Unused commitment rows (ADR 0013)',
  },
};

export interface Profile {
  name: FocusExportProfile;
  /** The FOCUS dataset whose rows it writes: Cost and Usage, or (focus-1.3 only) Contract Commitment. */
  dataset: FocusExportDataset;
  columns: readonly ProfileColumn[];
}

const column = (name: string): CostRecordColumn => {
  const c = COST_RECORD_COLUMN_BY_NAME.get(name);
  if (!c) throw new Error(`no cost-record column ${name}`);
  return c;
};

/** The value of a FOCUS 1.2 column, or a Consumo x_ column, as stored. */
const stored = (c: CostRecordColumn): ProfileColumn => ({ header: c.name, column: c.column, kind: c.type, emptyJson: false });

/**
 * The FOCUS 1.3 columns that are not a cost-record column of the same name (ADR 0025): the two new
 * provider columns are the record's provider (ProviderName's successor; GreenLake's infrastructure
 * is the provider's own), ContractApplied is computed from the record's commitment columns, and the
 * split-cost-allocation columns are null: Consumo allocates no shared cost, and FOCUS asks for them
 * only on rows a split allocation produced.
 */
const FOCUS_1_3_SPECIAL: Readonly<Record<string, ProfileColumn>> = {
  ServiceProviderName: {
    header: 'ServiceProviderName', column: 'provider_name', kind: 'string', emptyJson: false,
    source: 'cost record `provider_name` (the price version\'s provider: ProviderName\'s successor)',
  },
  HostProviderName: {
    header: 'HostProviderName', column: 'provider_name', kind: 'string', emptyJson: false,
    source: 'cost record `provider_name` (the provider owns the GreenLake infrastructure the service runs on)',
  },
  ContractApplied: {
    header: 'ContractApplied', column: CONTRACT_APPLIED_COLUMN, kind: 'json', emptyJson: false,
    reads: ['commitment_discount_id', 'commitment_discount_quantity', 'commitment_discount_unit'],
    source:
      'computed from the cost record\'s commitment columns: `{"Elements": [{"ContractId" and "ContractCommitmentId": commitment_discount_id (each commitment its own contract), ' +
      '"ContractCommitmentAppliedCost": null, "ContractCommitmentAppliedQuantity": commitment_discount_quantity, "ContractCommitmentAppliedUnit": commitment_discount_unit}]}`; null without a commitment',
  },
  ...Object.fromEntries(
    ['AllocatedMethodDetails', 'AllocatedMethodId', 'AllocatedResourceId', 'AllocatedResourceName', 'AllocatedTags'].map((header) => [
      header,
      { header, column: '', kind: 'absent', emptyJson: false, source: 'null: Consumo does no split cost allocation' } satisfies ProfileColumn,
    ]),
  ),
};

export const PROFILES: Readonly<Record<FocusExportProfile, Profile>> = {
  greenlake: {
    name: 'greenlake',
    dataset: 'CostAndUsage',
    columns: GREENLAKE_COLUMNS.map(
      (header): ProfileColumn => GREENLAKE_SPECIAL[header] ?? { header, column: column(header).column, kind: column(header).type, emptyJson: header === 'Tags' },
    ),
  },
  'focus-1.2': {
    name: 'focus-1.2',
    dataset: 'CostAndUsage',
    columns: COST_RECORD_COLUMNS.map(stored),
  },
  'focus-1.3': {
    name: 'focus-1.3',
    dataset: 'CostAndUsage',
    columns: [...FOCUS_1_3_COLUMNS.map((c) => FOCUS_1_3_SPECIAL[c.name] ?? stored(column(c.name))), ...COST_RECORD_COLUMNS.filter((c) => c.name.startsWith('x_')).map(stored)],
  },
};

/** The FOCUS version a profile's files conform to. */
export const FOCUS_VERSION_OF: Readonly<Record<FocusExportProfile, '1.0' | '1.2' | '1.3'>> = {
  greenlake: '1.0',
  'focus-1.2': '1.2',
  'focus-1.3': '1.3',
};

/** Every SQL column a profile's cells read. */
export function columnsRead(profile: Profile): string[] {
  return [...new Set(profile.columns.flatMap((c) => [c.column, ...(c.reads ?? [])]))].filter((c) => c !== '');
}

export function isProfileName(value: string): value is FocusExportProfile {
  return Object.hasOwn(PROFILES, value);
}
