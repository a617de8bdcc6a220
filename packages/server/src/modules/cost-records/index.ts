/**
 * The `cost_records` contract that rating writes and costs, FOCUS exports and the demo read: its
 * columns (FOCUS name, SQL column and type), its key and line keys, its monthly partitions, and how
 * a stored value is written as a FOCUS value. Other modules import it from here only.
 */
export { type CostRecordColumn, COST_RECORD_COLUMNS, COST_RECORD_COLUMN_BY_NAME, SQL_TYPE_OF } from './cost-record-columns.js';
export { COST_RECORD_KEY, lineKey, skuPriceId } from './cost-record-key.js';
export { ensureCostPartitions, monthOf } from './cost-partitions.repository.js';
export { focusValue } from './focus-values.js';
