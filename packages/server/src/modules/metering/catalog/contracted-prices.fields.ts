/** Which contracted-price fields the list's filter, sort and select may touch, and as which columns of the SKU's current version. */
import type { FieldMap } from '../../../platform/filter-sql/index.js';
import type { ListSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

const filterFields: FieldMap = {
  skuId: { column: 'sku_id', type: 'string' },
  unitPrice: { column: 'unit_price', type: 'decimal' },
  effectiveFrom: { column: 'effective_from', type: 'timestamp' },
  effectiveTo: { column: 'effective_to', type: 'timestamp', nullable: true },
  createdAt: { column: 'created_at', type: 'timestamp' },
  updatedAt: { column: 'updated_at', type: 'timestamp' },
};

/** One item per SKU of the account; filter and sort apply to the version in force now (else the latest). */
export const contractedPriceList: ListSpec = {
  filterFields,
  sortColumns: Object.fromEntries(Object.entries(filterFields).map(([name, spec]) => [name, spec.column])),
  defaultSort: [{ column: 'sku_id', direction: 'asc' }],
  selectFields: ['billingAccountId', ...Object.keys(filterFields)],
  defaultLimit: DEFAULT_LIMIT,
};
