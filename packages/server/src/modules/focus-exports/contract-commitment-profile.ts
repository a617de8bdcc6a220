/**
 * The FOCUS 1.3 Contract Commitment dataset as an export writes it (ADR 0025): one row per
 * commitment of the workspace (the price book's Flex committed and minimum capacity,
 * `/metering/v1/commitments`) in force during the range, the 13 columns of the specification in its
 * order, then two `x_` columns; the cells are made in SQL by contract-commitments.repository.ts.
 * Only the `focus-1.3` profile writes it: the dataset is new in FOCUS 1.3.
 */
import { FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS } from '@consumo/focus';
import type { CellKind, Profile, ProfileColumn } from './export-profiles.js';
import { PROFILES } from './export-profiles.js';
import type { FocusExportDataset, FocusExportProfile } from './focus-exports.enums.js';

/** The one profile that writes the dataset. */
export const CONTRACT_COMMITMENT_PROFILE_NAME = 'focus-1.3' satisfies FocusExportProfile;

/** The label of Consumo's commitments, as rating writes it in CommitmentDiscountType (ADR 0012). */
export const COMMITMENT_TYPE = 'Committed Capacity';

/** Each column's SQL alias in the dataset's query (contract-commitments.repository.ts gives each its expression). */
const COLUMNS = {
  BillingCurrency: ['billing_currency', 'string', "the commitment's billing account `currency`"],
  ContractCommitmentCategory: ['contract_commitment_category', 'string', '`Usage`: a commitment to a quantity (ADR 0012)'],
  ContractCommitmentCost: [
    'contract_commitment_cost', 'decimal',
    'null: a commitment commits quantities (committed and minimum, in the meter\'s unit), no amount of money',
  ],
  ContractCommitmentDescription: [
    'contract_commitment_description', 'string',
    'computed from the commitment: `Committed capacity of SKU <sku> for billing account <account>: <committed> committed and <minimum> minimum <unit> per day`',
  ],
  ContractCommitmentId: ['contract_commitment_id', 'string', 'commitment `id` (the ContractCommitmentId of ContractApplied in Cost and Usage)'],
  ContractCommitmentPeriodEnd: [
    'contract_commitment_period_end', 'timestamp',
    'commitment `effectiveTo` (exclusive); for an open-ended commitment the exclusive end of the range delivered (contents: the range; a run: the billing period)',
  ],
  ContractCommitmentPeriodStart: ['contract_commitment_period_start', 'timestamp', 'commitment `effectiveFrom`'],
  ContractCommitmentQuantity: [
    'contract_commitment_quantity', 'decimal',
    'max(commitment `committedQuantity`, `minimumQuantity`): the quantity rating bills at least each day (ADR 0012); null when the SKU has no price (no unit)',
  ],
  ContractCommitmentType: ['contract_commitment_type', 'string', `\`${COMMITMENT_TYPE}\` (rating's CommitmentDiscountType)`],
  ContractCommitmentUnit: [
    'contract_commitment_unit', 'string',
    "`<unit>/Day`: the consumed unit of the meter of the SKU's price version in force at the end of the delivered period (the unit of the commitment's cost rows), per day",
  ],
  ContractId: ['contract_id', 'string', 'commitment `id`: each commitment is its own contract (as in ContractApplied)'],
  ContractPeriodEnd: ['contract_period_end', 'timestamp', 'as ContractCommitmentPeriodEnd (the contract is the commitment)'],
  ContractPeriodStart: ['contract_period_start', 'timestamp', 'as ContractCommitmentPeriodStart (the contract is the commitment)'],
  x_BillingAccountId: ['x_billing_account_id', 'string', "commitment `billingAccountId` (Cost and Usage's BillingAccountId)"],
  x_SkuId: ['x_sku_id', 'string', "commitment `skuId` (Cost and Usage's SkuId)"],
} as const satisfies Record<string, readonly [column: string, kind: CellKind, source: string]>;

export type ContractCommitmentColumn = (typeof COLUMNS)[keyof typeof COLUMNS][0];

const FOCUS_NAMES = FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS.map((c) => c.name);
const X_NAMES = Object.keys(COLUMNS).filter((name) => name.startsWith('x_'));

/** The columns: FOCUS 1.3's 13 in the specification's order, then the `x_` ones. */
export const CONTRACT_COMMITMENT_PROFILE: Profile = {
  name: CONTRACT_COMMITMENT_PROFILE_NAME,
  dataset: 'ContractCommitment',
  columns: [...FOCUS_NAMES, ...X_NAMES].map((header): ProfileColumn => {
    const spec = (COLUMNS as Record<string, readonly [string, CellKind, string]>)[header];
    if (!spec) throw new Error(`no Contract Commitment cell for ${header}`);
    const [column, kind, source] = spec;
    return { header, column, kind, emptyJson: false, source };
  }),
};

/** The profile that writes `dataset` in the profile `name`; undefined when that profile has no such dataset. */
export function profileOf(name: FocusExportProfile, dataset: FocusExportDataset): Profile | undefined {
  if (dataset === 'CostAndUsage') return PROFILES[name];
  return name === CONTRACT_COMMITMENT_PROFILE_NAME ? CONTRACT_COMMITMENT_PROFILE : undefined;
}

/** Why a profile cannot write a dataset, for the 400 that names the offending field. */
export function datasetProfileProblem(name: FocusExportProfile, dataset: FocusExportDataset): string | undefined {
  if (profileOf(name, dataset)) return undefined;
  return `The ContractCommitment dataset is FOCUS 1.3's: it needs profile ${CONTRACT_COMMITMENT_PROFILE_NAME} (the export's profile is ${name}).`;
}
