/** Which commitment fields the list's filter, sort and select may touch, and as which columns. */
import type { FieldMap } from '../../../platform/filter-sql/index.js';
import type { ListSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

const filterFields: FieldMap = {
  id: { column: 'id', type: 'string' },
  billingAccountId: { column: 'billing_account_id', type: 'string' },
  skuId: { column: 'sku_id', type: 'string' },
  committedQuantity: { column: 'committed_quantity', type: 'decimal' },
  minimumQuantity: { column: 'minimum_quantity', type: 'decimal' },
  effectiveFrom: { column: 'effective_from', type: 'timestamp' },
  effectiveTo: { column: 'effective_to', type: 'timestamp', nullable: true },
  createdAt: { column: 'created_at', type: 'timestamp' },
  updatedAt: { column: 'updated_at', type: 'timestamp' },
};

export const commitmentList: ListSpec = {
  filterFields,
  sortColumns: Object.fromEntries(Object.entries(filterFields).map(([name, spec]) => [name, spec.column])),
  defaultSort: [{ column: 'id', direction: 'asc' }],
  selectFields: [...Object.keys(filterFields)],
  defaultLimit: DEFAULT_LIMIT,
};
