/** Which contracted-price fields the list's filter, sort and select may touch, as columns of the SKU's current version. */
import { selectOnly } from '../../../platform/query/index.js';
import { catalogList, effectiveRangeFields, timestampFields } from './catalog.fields.js';

/** One item per SKU of the account; filter and sort apply to the version in force now (else the latest). */
export const contractedPriceList = catalogList(
  {
    billingAccountId: selectOnly,
    skuId: 'string',
    unitPrice: 'decimal',
    ...effectiveRangeFields,
    ...timestampFields,
  },
  'skuId',
);
