/** Which cost-record columns filter, sort and select may name: derived from COST_RECORD_COLUMNS so they cannot drift. */
import { type ListField, listSpec, selectOnly } from '../../../platform/query/index.js';
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
 * Every column is selectable; JSON columns (Tags, SkuPriceDetails) are neither filtered nor sorted
 * by: the filter language has no JSON type. Tags have their own parameter, `filter-tags`. By
 * default a day's lines resource by resource, each resource's lines by price.
 */
export const costRecordList = listSpec(
  Object.fromEntries(
    COST_RECORD_FIELDS.map((c): [string, ListField] => [
      c.name,
      c.type === 'json' ? selectOnly : { column: c.column, type: c.type, nullable: c.nullable },
    ]),
  ),
  { defaultSort: ['ChargePeriodStart', 'ResourceId', 'SkuPriceId'], defaultLimit: 100 },
);

/** The jsonb column `filter-tags` reads. */
export const TAGS_COLUMN = 'tags';
