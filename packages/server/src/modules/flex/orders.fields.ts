/** The order list's fields: which ones filter, sort and select may name, and as which columns. */
import type { FieldMap } from '../../platform/filter-sql/index.js';
import { listSpec, selectOnly } from '../../platform/query/index.js';

/** In the order an item carries them. Filterable: the fields the Flex spec lists; the dates and generation sort only. */
export const orderList = listSpec(
  {
    id: { column: 'id', type: 'uuid' },
    createdAt: { column: 'created_at', type: 'timestamp', filter: false },
    updatedAt: { column: 'updated_at', type: 'timestamp', filter: false },
    type: selectOnly,
    generation: { column: 'generation', type: 'integer', filter: false },
    billingAccountId: { column: 'billing_account_id', type: 'string' },
    sowId: { column: 'sow_id', type: 'string' },
    billingAccountName: { column: 'billing_account_name', type: 'string' },
    orderStartDate: { column: 'order_start_date', type: 'timestamp', filter: false },
    orderEndDate: { column: 'order_end_date', type: 'timestamp', filter: false },
    customerName: { column: 'customer_name', type: 'string' },
    resellerName: { column: 'reseller_name', type: 'string', nullable: true },
    distributorName: { column: 'distributor_name', type: 'string', nullable: true },
    partnerName: { column: 'partner_name', type: 'string', nullable: true },
    isFlexPartner: { column: 'is_flex_partner', type: 'boolean', nullable: true },
  },
  { defaultSort: ['orderEndDate'], defaultLimit: 20 },
);

/** The transform endpoint filters on the same fields except id and isFlexPartner. */
export const transformFilterFields: FieldMap = Object.fromEntries(
  Object.entries(orderList.filterFields).filter(([name]) => name !== 'id' && name !== 'isFlexPartner'),
);

/** The column each transform group-by field reads (partnerName is special: see the repository). */
export const groupByColumns = {
  sowId: 'sow_id',
  customerName: 'customer_name',
  billingAccountName: 'billing_account_name',
  billingAccountId: 'billing_account_id',
} as const;
