/**
 * The two column sets a FOCUS export writes: `greenlake` (the 43 columns of GreenLake's own export,
 * in its order, ChargeFrequency as Estimated/Usage) and `focus-1.2` (every FOCUS 1.2 column in the
 * spec's order, then Consumo's x_ columns, values as stored).
 */
import { COST_RECORD_COLUMNS, COST_RECORD_COLUMN_BY_NAME, type CostRecordColumn } from '../cost-records/index.js';
import type { FocusExportProfile } from './focus-exports.enums.js';

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

export type CellKind = CostRecordColumn['type'] | 'greenlake-frequency' | 'unused-consumed-quantity' | 'unused-consumed-unit';

export interface ProfileColumn {
  header: string;
  /** The SQL column read (for the GreenLake ChargeFrequency: billing_period_end). */
  column: string;
  kind: CellKind;
  /** A null JSON cell is written `{}` (GreenLake's Tags) instead of empty. */
  emptyJson: boolean;
  /** Further SQL columns the cell is computed from. */
  reads?: readonly string[];
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
  ChargeFrequency: { header: 'ChargeFrequency', column: 'billing_period_end', kind: 'greenlake-frequency', emptyJson: false },
  ConsumedQuantity: {
    header: 'ConsumedQuantity',
    column: 'consumed_quantity',
    kind: 'unused-consumed-quantity',
    emptyJson: false,
    reads: ['commitment_discount_status'],
  },
  ConsumedUnit: {
    header: 'ConsumedUnit',
    column: 'consumed_unit',
    kind: 'unused-consumed-unit',
    emptyJson: false,
    reads: ['commitment_discount_status', 'commitment_discount_unit'],
  },
};

export interface Profile {
  name: FocusExportProfile;
  columns: readonly ProfileColumn[];
}

const column = (name: string): CostRecordColumn => {
  const c = COST_RECORD_COLUMN_BY_NAME.get(name);
  if (!c) throw new Error(`no cost-record column ${name}`);
  return c;
};

export const PROFILES: Readonly<Record<FocusExportProfile, Profile>> = {
  greenlake: {
    name: 'greenlake',
    columns: GREENLAKE_COLUMNS.map(
      (header): ProfileColumn => GREENLAKE_SPECIAL[header] ?? { header, column: column(header).column, kind: column(header).type, emptyJson: header === 'Tags' },
    ),
  },
  'focus-1.2': {
    name: 'focus-1.2',
    columns: COST_RECORD_COLUMNS.map((c) => ({ header: c.name, column: c.column, kind: c.type, emptyJson: false })),
  },
};

/** Every SQL column a profile's cells read. */
export function columnsRead(profile: Profile): string[] {
  return [...new Set(profile.columns.flatMap((c) => [c.column, ...(c.reads ?? [])]))];
}

export function isProfileName(value: string): value is FocusExportProfile {
  return Object.hasOwn(PROFILES, value);
}
