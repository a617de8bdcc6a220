/** The subscription list's rules: the fields v1 sorts by (subscriptions.fields.ts of the server), its page sizes (limit 1–200) and its tag filter. */
import type { ListSpec } from '../inventory/list-state.js';

export const SUBSCRIPTION_LIST: ListSpec = {
  sortable: [
    'id', 'subscriptionType', 'subscriptionStatus', 'createdAt', 'updatedAt', 'key', 'quantity', 'availableQuantity', 'isEval', 'sku',
    'skuDescription', 'contract', 'startTime', 'endTime', 'productType', 'tier', 'tierDescription', 'quote', 'po', 'resellerPo',
  ],
  pageSizes: [50, 100, 200],
  defaultPageSize: 50,
  tagFilter: true,
};
