/**
 * The operators of a FOCUS export's filter (GreenLake's ReportFieldCriteria): how many values each
 * takes and the column types each applies to. The server validates a filter with them
 * (modules/focus-exports/export-filter.fields.ts) and the console builds its filter rows from them.
 */

export const FILTER_OPERATORS = [
  'EQ', 'NOT_EQ', 'IN', 'NOT_IN', 'TOP', 'BOTTOM', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'NOT_BETWEEN',
  'STARTS_WITH', 'CONTAINS', 'DOES_NOT_CONTAIN', 'EMPTY', 'IS_EMPTY', 'NOT_EMPTY', 'DOES_NOT_START_WITH',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The number of values each operator takes, [min, max]. */
export const FILTER_OPERATOR_ARITY: Readonly<Record<FilterOperator, readonly [min: number, max: number]>> = {
  EQ: [1, 1], NOT_EQ: [1, 1], IN: [1, Infinity], NOT_IN: [1, Infinity], TOP: [1, 1], BOTTOM: [1, 1],
  GT: [1, 1], GTE: [1, 1], LT: [1, 1], LTE: [1, 1], BETWEEN: [2, 2], NOT_BETWEEN: [2, 2],
  STARTS_WITH: [1, 1], CONTAINS: [1, 1], DOES_NOT_CONTAIN: [1, 1], DOES_NOT_START_WITH: [1, 1],
  EMPTY: [0, 0], IS_EMPTY: [0, 0], NOT_EMPTY: [0, 0],
};

/** Comparisons: decimal and date/time columns only. */
export const ORDERED_FILTER_OPERATORS: ReadonlySet<FilterOperator> = new Set(['GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'NOT_BETWEEN']);
/** Text matching: string columns only. */
export const TEXT_FILTER_OPERATORS: ReadonlySet<FilterOperator> = new Set(['STARTS_WITH', 'CONTAINS', 'DOES_NOT_CONTAIN', 'DOES_NOT_START_WITH']);
/** The only operators a JSON column takes. */
export const EMPTINESS_FILTER_OPERATORS: ReadonlySet<FilterOperator> = new Set(['EMPTY', 'IS_EMPTY', 'NOT_EMPTY']);
/** The top or bottom n by BilledCost: one positive integer, Cost and Usage only. */
export const RANK_FILTER_OPERATORS: ReadonlySet<FilterOperator> = new Set(['TOP', 'BOTTOM']);
