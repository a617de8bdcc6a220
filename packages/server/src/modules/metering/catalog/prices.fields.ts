/** Which price fields the list's filter, sort and select may touch, and as which columns of the SKU's current version. */
import { listSpec, selectOnly } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

/** The list shows one item per SKU; filter and sort apply to that item, the version in force now (else the latest). */
export const priceList = listSpec(
  {
    skuId: { column: 'sku_id', type: 'string' },
    meterId: { column: 'meter_id', type: 'string' },
    chargeDescription: { column: 'charge_description', type: 'string', nullable: true },
    publisherName: { column: 'publisher_name', type: 'string' },
    providerName: { column: 'provider_name', type: 'string' },
    invoiceIssuerName: { column: 'invoice_issuer_name', type: 'string' },
    pricingUnit: { column: 'pricing_unit', type: 'string' },
    pricingQuantityDivisor: { column: 'pricing_quantity_divisor', type: 'decimal' },
    listUnitPrice: { column: 'list_unit_price', type: 'decimal' },
    currency: { column: 'currency', type: 'string' },
    effectiveFrom: { column: 'effective_from', type: 'timestamp' },
    effectiveTo: { column: 'effective_to', type: 'timestamp', nullable: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
    bands: selectOnly,
  },
  { defaultSort: ['skuId'], defaultLimit: DEFAULT_LIMIT },
);
