/** Price schemas: one version of a SKU's list price (ADR 0012: versioned by effectiveFrom), its bands, and the object answered. */
import { type Static, Type } from '@sinclair/typebox';
import type { PriceBand } from './price-bands.js';
import {
  MAX_DESCRIPTION_LENGTH, catalogId, currency, decimalString, effectiveRangeProperties, text, versionRangeBody, versionTimestamps,
} from './catalog.schemas.js';

export const MAX_BANDS = 20;

export const PRICE_FIELDS = [
  'meterId', 'chargeDescription', 'publisherName', 'providerName', 'invoiceIssuerName', 'pricingUnit', 'pricingQuantityDivisor',
  'listUnitPrice', 'currency', 'effectiveFrom', 'effectiveTo', 'bands',
] as const;
export const BAND_FIELDS = ['upTo', 'unitPrice'] as const;

const Band = Type.Object(
  {
    upTo: Type.Union([decimalString('Upper end of the band in pricing units (> the previous band\'s); null: no end.', ['1000']), Type.Null()]),
    unitPrice: decimalString('Unit price within the band.'),
  },
  { additionalProperties: false, title: 'MeteringPriceBand' },
);

const Bands = Type.Array(Band, {
  minItems: 1,
  maxItems: MAX_BANDS,
  description: `Graduated pricing over one record's PricingQuantity: 1–${MAX_BANDS} bands, upTo strictly ascending, only the last may be null.`,
});

export const PriceBody = Type.Object(
  {
    meterId: catalogId('The meter whose quantities this SKU prices; it must exist in the workspace.'),
    chargeDescription: Type.Optional(text('FOCUS ChargeDescription; by default built from the price and the resource.', MAX_DESCRIPTION_LENGTH)),
    publisherName: text('FOCUS PublisherName.'),
    providerName: text('FOCUS ProviderName.'),
    invoiceIssuerName: text('FOCUS InvoiceIssuerName.'),
    pricingUnit: text('FOCUS PricingUnit, e.g. `GB-Months`.'),
    pricingQuantityDivisor: Type.Optional(decimalString('PricingQuantity = ConsumedQuantity ÷ divisor; greater than 0. Default "1".', ['30'])),
    listUnitPrice: decimalString('FOCUS ListUnitPrice, per pricing unit.'),
    currency: currency('The currency of the price.'),
    ...versionRangeBody(),
    bands: Type.Optional(Bands),
  },
  { additionalProperties: false, title: 'MeteringPriceInput' },
);

export const Price = Type.Object(
  {
    skuId: catalogId('FOCUS SkuId.'),
    meterId: Type.String(),
    chargeDescription: Type.Optional(Type.String()),
    publisherName: Type.String(),
    providerName: Type.String(),
    invoiceIssuerName: Type.String(),
    pricingUnit: Type.String(),
    pricingQuantityDivisor: Type.String({ examples: ['1'] }),
    listUnitPrice: Type.String({ examples: ['0.9'] }),
    currency: Type.String({ examples: ['USD'] }),
    ...effectiveRangeProperties('this version'),
    bands: Type.Optional(Type.Array(Type.Object({ upTo: Type.Union([Type.String(), Type.Null()]), unitPrice: Type.String() }))),
    ...versionTimestamps(),
  },
  { title: 'MeteringPrice' },
);
export type PriceDto = Static<typeof Price>;

/** What one version of a SKU's price charges, from when: what rating prices usage with. */
export interface PriceTerms {
  meterId: string;
  chargeDescription: string | null;
  publisherName: string;
  providerName: string;
  invoiceIssuerName: string;
  pricingUnit: string;
  pricingQuantityDivisor: string;
  listUnitPrice: string;
  currency: string;
  effectiveFrom: Date;
  bands: PriceBand[] | null;
}

export interface PriceInput extends PriceTerms {
  effectiveTo: Date | null;
}
