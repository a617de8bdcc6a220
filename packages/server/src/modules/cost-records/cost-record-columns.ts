/**
 * How a cost record's FOCUS columns are stored: FOCUS name → SQL column of `cost_records`, the
 * filter type it reads as and the SQL type it is stored as. Every FOCUS 1.2 column has one, plus
 * Consumo's own `x_` columns. Migrations keep their own frozen copy: this list is the live one.
 */
import { FOCUS_1_2_COLUMNS } from '@consumo/focus';
import type { FieldType } from '../../platform/filter-sql/index.js';

export interface CostRecordColumn {
  /** The FOCUS (or `x_`) column name. */
  name: string;
  /** The SQL column of `cost_records`. */
  column: string;
  type: Extract<FieldType, 'string' | 'decimal' | 'timestamp' | 'uuid'> | 'json';
  nullable: boolean;
}

/** PascalCase FOCUS name → snake_case SQL column (`BillingAccountId` → `billing_account_id`). */
export function sqlColumnOf(focusName: string): string {
  return focusName.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();
}

/** The SQL type each column type is stored (and bulk-inserted) as. */
export const SQL_TYPE_OF = {
  string: 'text', decimal: 'numeric', timestamp: 'timestamptz', json: 'jsonb', uuid: 'uuid',
} as const satisfies Record<CostRecordColumn['type'], string>;

const typeOf = { String: 'string', Decimal: 'decimal', 'Date/Time': 'timestamp', JSON: 'json' } as const;

/** Consumo's own columns, named as FOCUS asks of custom columns (`x_` prefix, after the FOCUS ones). */
export const CONSUMO_COLUMNS: readonly CostRecordColumn[] = [
  { name: 'x_MeterId', column: 'x_meter_id', type: 'string', nullable: false },
  { name: 'x_RatingStatus', column: 'x_rating_status', type: 'string', nullable: false },
  { name: 'x_PriceEffectiveFrom', column: 'x_price_effective_from', type: 'timestamp', nullable: true },
  { name: 'x_RatedAt', column: 'x_rated_at', type: 'timestamp', nullable: false },
  { name: 'x_RatingRunId', column: 'x_rating_run_id', type: 'uuid', nullable: true },
];

export const COST_RECORD_COLUMNS: readonly CostRecordColumn[] = [
  ...FOCUS_1_2_COLUMNS.map((c) => ({
    name: c.name,
    column: sqlColumnOf(c.name),
    type: typeOf[c.type],
    // Unknown prices are stored as null (the rule), so cost columns may be null here even where FOCUS says not.
    nullable: true,
  })),
  ...CONSUMO_COLUMNS,
];

export const COST_RECORD_COLUMN_BY_NAME: ReadonlyMap<string, CostRecordColumn> = new Map(COST_RECORD_COLUMNS.map((c) => [c.name, c]));
