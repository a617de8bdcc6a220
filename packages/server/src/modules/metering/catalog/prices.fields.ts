/** Which price fields the list's filter, sort and select may touch, as columns of the SKU's current version. */
import { selectOnly } from '../../../platform/query/index.js';
import { catalogList, effectiveRangeFields, nullable, timestampFields } from './catalog.fields.js';

/** The list shows one item per SKU; filter and sort apply to that item, the version in force now (else the latest). */
export const priceList = catalogList(
  {
    skuId: 'string',
    meterId: 'string',
    chargeDescription: nullable('string'),
    publisherName: 'string',
    providerName: 'string',
    invoiceIssuerName: 'string',
    pricingUnit: 'string',
    pricingQuantityDivisor: 'decimal',
    listUnitPrice: 'decimal',
    currency: 'string',
    ...effectiveRangeFields,
    ...timestampFields,
    bands: selectOnly,
  },
  'skuId',
);
