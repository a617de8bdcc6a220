/**
 * FOCUS cells computed in SQL from a cost record's columns rather than read from one (ADR 0025).
 * Every path reads the same SQL: the row stream selects the expression under its alias (Parquet,
 * runs) and the CSV statements use it as the cell, so the JSON text is PostgreSQL's on every path.
 */
import { type RawBuilder, sql } from 'kysely';

/** The alias the row stream gives ContractApplied (no cost_records column has this name). */
export const CONTRACT_APPLIED_COLUMN = 'contract_applied';

/**
 * FOCUS 1.3 ContractApplied: the contract commitment a charge counts against, as the spec's object
 * (a top-level `Elements` array of key-value objects, keys spelled as the 1.3 requirements model
 * spells them). Consumo's commitments (price-book committed capacity and minimums) are the
 * contract commitments; each is its own contract (the spec allows ContractCommitmentId = ContractId),
 * and applies in its unit: the Used row the quantity consumed under it, the Unused row the shortfall
 * billed. No monetary amount is applied (a usage commitment), so AppliedCost is null. Null without
 * a commitment.
 */
const CONTRACT_APPLIED: RawBuilder<string | null> = sql<string | null>`(case when commitment_discount_id is null then null else jsonb_build_object(
  'Elements', jsonb_build_array(jsonb_build_object(
    'ContractId', commitment_discount_id,
    'ContractCommitmentId', commitment_discount_id,
    'ContractCommitmentAppliedCost', null,
    'ContractCommitmentAppliedQuantity', commitment_discount_quantity,
    'ContractCommitmentAppliedUnit', commitment_discount_unit))) end)::text`;

/** Alias → the SQL text of the computed JSON cell. */
export const COMPUTED_CELLS: ReadonlyMap<string, RawBuilder<string | null>> = new Map([[CONTRACT_APPLIED_COLUMN, CONTRACT_APPLIED]]);
