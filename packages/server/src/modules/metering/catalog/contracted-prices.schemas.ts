/** Contracted price schemas: a billing account's negotiated unit price for a SKU, versioned by effectiveFrom like list prices. */
import { type Static, Type } from '@sinclair/typebox';
import { catalogId, decimalString, effectiveRangeProperties, versionRangeBody, versionTimestamps } from './catalog.schemas.js';

export const CONTRACTED_PRICE_FIELDS = ['unitPrice', 'effectiveFrom', 'effectiveTo'] as const;

export const ContractedPriceBody = Type.Object(
  {
    unitPrice: decimalString('FOCUS ContractedUnitPrice per pricing unit; it replaces every band\'s price.'),
    ...versionRangeBody(),
  },
  { additionalProperties: false, title: 'MeteringContractedPriceInput' },
);

export const ContractedPrice = Type.Object(
  {
    billingAccountId: catalogId('The billing account.'),
    skuId: catalogId('The SKU.'),
    unitPrice: Type.String({ examples: ['0.8'] }),
    ...effectiveRangeProperties('this version'),
    ...versionTimestamps(),
  },
  { title: 'MeteringContractedPrice' },
);
export type ContractedPriceDto = Static<typeof ContractedPrice>;

export interface ContractedPriceInput {
  unitPrice: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}
