/** Which commitment fields the list's filter, sort and select may touch. */
import { effectiveRangeFields, idKeyedList } from './catalog.fields.js';

export const commitmentList = idKeyedList({
  billingAccountId: 'string',
  skuId: 'string',
  committedQuantity: 'decimal',
  minimumQuantity: 'decimal',
  ...effectiveRangeFields,
});
