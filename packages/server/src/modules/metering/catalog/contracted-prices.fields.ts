/** Which contracted-price fields the list's filter, sort and select may touch, and as which columns of the SKU's current version. */
import { listSpec, selectOnly } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

/** One item per SKU of the account; filter and sort apply to the version in force now (else the latest). */
export const contractedPriceList = listSpec(
  {
    billingAccountId: selectOnly,
    skuId: { column: 'sku_id', type: 'string' },
    unitPrice: { column: 'unit_price', type: 'decimal' },
    effectiveFrom: { column: 'effective_from', type: 'timestamp' },
    effectiveTo: { column: 'effective_to', type: 'timestamp', nullable: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  { defaultSort: ['skuId'], defaultLimit: DEFAULT_LIMIT },
);
