/** Which cost-record columns filter, sort and select may name: derived from COST_RECORD_COLUMNS so they cannot drift. */
import type { FieldMap, FieldSpec } from '../../../platform/filter-sql/index.js';
import type { SortKey } from '../../../platform/query/index.js';
import { COST_RECORD_COLUMNS, type CostRecordColumn } from '../../cost-records/index.js';
import type { CostRecordsTable } from '../../../storage/database.js';

/** A FOCUS (or `x_`) column of `cost_records`, typed as the table declares it. */
export type CostRecordSqlColumn = Exclude<keyof CostRecordsTable & string, 'workspace_id' | 'line_key'>;

export interface CostRecordField extends CostRecordColumn {
  column: CostRecordSqlColumn;
}

/**
 * Every column in the order an item carries them: FOCUS 1.2's order, then Consumo's `x_` columns.
 * The cast holds because `CostRecordsTable` declares every column of the list (a test checks the
 * migrated table against it).
 */
export const COST_RECORD_FIELDS = COST_RECORD_COLUMNS as readonly CostRecordField[];

/**
 * JSON columns (Tags, SkuPriceDetails) are returned but neither filtered nor sorted by: the filter
 * language has no JSON type. Tags have their own parameter, `filter-tags`.
 */
const scalarFields = COST_RECORD_FIELDS.filter(
  (c): c is CostRecordField & { type: FieldSpec['type'] } => c.type !== 'json',
);

export const costRecordFilterFields: FieldMap = Object.fromEntries(
  scalarFields.map((c) => [c.name, { column: c.column, type: c.type, nullable: c.nullable }]),
);

export const costRecordSortColumns: Readonly<Record<string, string>> = Object.fromEntries(scalarFields.map((c) => [c.name, c.column]));

export const costRecordSelectFields: readonly string[] = COST_RECORD_FIELDS.map((c) => c.name);

/** The jsonb column `filter-tags` reads. */
export const TAGS_COLUMN = 'tags';

/** A day's lines resource by resource, each resource's lines by price. */
export const defaultCostRecordSort: readonly SortKey[] = [
  { column: 'charge_period_start', direction: 'asc' },
  { column: 'resource_id', direction: 'asc' },
  { column: 'sku_price_id', direction: 'asc' },
];
