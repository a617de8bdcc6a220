/** Which billing-account fields the list's filter, sort and select may touch, and as which columns. */
import { listSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

export const billingAccountList = listSpec(
  {
    id: { column: 'id', type: 'string' },
    name: { column: 'name', type: 'string' },
    currency: { column: 'currency', type: 'string' },
    accountingDay: { column: 'accounting_day', type: 'integer' },
    fiscalStartMonth: { column: 'fiscal_start_month', type: 'integer' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  { defaultSort: ['id'], defaultLimit: DEFAULT_LIMIT },
);
