/** Which commitment fields the list's filter, sort and select may touch, and as which columns. */
import { listSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

export const commitmentList = listSpec(
  {
    id: { column: 'id', type: 'string' },
    billingAccountId: { column: 'billing_account_id', type: 'string' },
    skuId: { column: 'sku_id', type: 'string' },
    committedQuantity: { column: 'committed_quantity', type: 'decimal' },
    minimumQuantity: { column: 'minimum_quantity', type: 'decimal' },
    effectiveFrom: { column: 'effective_from', type: 'timestamp' },
    effectiveTo: { column: 'effective_to', type: 'timestamp', nullable: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  { defaultSort: ['id'], defaultLimit: DEFAULT_LIMIT },
);
