/** The Flex lists' rules: the fields the API sorts by (orders.fields.ts and devices.fields.ts of the server) and its page sizes (limit 1–100). */
import type { ListSpec } from '../inventory/list-state.js';

export const ORDER_LIST: ListSpec = {
  sortable: [
    'id', 'createdAt', 'updatedAt', 'generation', 'billingAccountId', 'sowId', 'billingAccountName', 'orderStartDate', 'orderEndDate',
    'customerName', 'resellerName', 'distributorName', 'partnerName', 'isFlexPartner',
  ],
  pageSizes: [20, 50, 100],
  defaultPageSize: 20,
  tagFilter: false,
};

export const DEVICE_LIST: ListSpec = {
  sortable: [
    'id', 'createdAt', 'updatedAt', 'generation', 'macAddress', 'serialNumber', 'resourceId', 'partNumber', 'name', 'deviceType', 'model',
    'make', 'billingAccountName', 'billingTier',
  ],
  pageSizes: [20, 50, 100],
  defaultPageSize: 20,
  tagFilter: false,
};
