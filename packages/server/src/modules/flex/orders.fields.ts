/** Which order fields the filter, sort and select parameters may touch, and as which columns. */
import type { FieldMap } from '../../platform/filter-sql/index.js';
import type { SortKey } from '../../platform/query/index.js';

/** Filterable as the Flex spec lists them. */
export const orderFilterFields: FieldMap = {
  id: { column: 'id', type: 'uuid' },
  billingAccountId: { column: 'billing_account_id', type: 'string' },
  sowId: { column: 'sow_id', type: 'string' },
  billingAccountName: { column: 'billing_account_name', type: 'string' },
  customerName: { column: 'customer_name', type: 'string' },
  resellerName: { column: 'reseller_name', type: 'string', nullable: true },
  partnerName: { column: 'partner_name', type: 'string', nullable: true },
  distributorName: { column: 'distributor_name', type: 'string', nullable: true },
  isFlexPartner: { column: 'is_flex_partner', type: 'boolean', nullable: true },
};

/** The transform endpoint filters on the same fields except id and isFlexPartner. */
export const transformFilterFields: FieldMap = Object.fromEntries(
  Object.entries(orderFilterFields).filter(([name]) => name !== 'id' && name !== 'isFlexPartner'),
);

export const orderSortColumns: Readonly<Record<string, string>> = {
  id: 'id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  generation: 'generation',
  billingAccountId: 'billing_account_id',
  sowId: 'sow_id',
  billingAccountName: 'billing_account_name',
  orderStartDate: 'order_start_date',
  orderEndDate: 'order_end_date',
  customerName: 'customer_name',
  resellerName: 'reseller_name',
  distributorName: 'distributor_name',
  partnerName: 'partner_name',
  isFlexPartner: 'is_flex_partner',
};

export const defaultOrderSort: readonly SortKey[] = [{ column: 'order_end_date', direction: 'asc' }];

export const orderSelectFields = [
  'id', 'createdAt', 'updatedAt', 'type', 'generation', 'billingAccountId', 'sowId', 'billingAccountName',
  'orderStartDate', 'orderEndDate', 'customerName', 'resellerName', 'distributorName', 'partnerName', 'isFlexPartner',
] as const;

/** The column each transform group-by field reads (partnerName is special: see the repository). */
export const groupByColumns = {
  sowId: 'sow_id',
  customerName: 'customer_name',
  billingAccountName: 'billing_account_name',
  billingAccountId: 'billing_account_id',
} as const;
