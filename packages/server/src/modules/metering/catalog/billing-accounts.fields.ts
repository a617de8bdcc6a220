/** Which billing-account fields the list's filter, sort and select may touch. */
import { idKeyedList } from './catalog.fields.js';

export const billingAccountList = idKeyedList({
  name: 'string',
  currency: 'string',
  accountingDay: 'integer',
  fiscalStartMonth: 'integer',
  customerId: 'integer',
});
