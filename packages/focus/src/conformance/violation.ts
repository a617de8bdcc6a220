/** What a conformance check reports: one violation, the stable rule ids, and the summary of a run. */

/** Stable rule ids: scripts may match on them (`--json`), so they are never renamed. */
export const RULE_IDS = [
  // The header (row 0).
  'column-presence',
  'unknown-column',
  'duplicate-column',
  // The file's structure.
  'csv-syntax',
  'row-length',
  // One cell.
  'literal-null',
  'nullability',
  'numeric-format',
  'non-negative',
  'date-format',
  'key-value-format',
  'sku-price-details-key',
  'currency-format',
  'allowed-values',
  // Several cells of one row.
  'paired-null',
  'null-without-id',
  'commitment-discount-status',
  'capacity-reservation-status',
  'unit-price-group',
  'consumed-quantity',
  'commitment-discount-quantity',
  'list-cost',
  'contracted-cost',
  'charge-frequency',
  'service-subcategory-parent',
  'billing-period-order',
  'charge-period-order',
  // The whole dataset (row 0, reported at its end).
  'service-category-consistency',
  'sku-price-id-consistency',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface Violation {
  /** 1-based data row (the header is not counted); 0 for the header and for dataset-wide rules. */
  row: number;
  /** The column concerned; `*` when the violation is about no one column (a CSV syntax error, a short row). */
  column: string;
  rule: RuleId;
  message: string;
}

export interface ConformanceSummary {
  /** Data rows read. */
  rows: number;
  /** Every violation found, collected or not. */
  violations: number;
  /** Violations kept in the report (at most maxViolations). */
  collected: number;
  /** True when violations were found past maxViolations: they are counted, not kept. */
  truncated: boolean;
  /** Violations per rule, counted past maxViolations too; only rules that fired. */
  byRule: Partial<Record<RuleId, number>>;
  /** Things the check could not do in full (e.g. a dataset rule that stopped tracking new values). */
  notes: string[];
}

export interface ConformanceReport {
  version: string;
  conformant: boolean;
  violations: Violation[];
  summary: ConformanceSummary;
}
