/** Contracted price schemas: a billing account's negotiated unit price for a SKU, versioned by effectiveFrom like list prices. */
import { type Static, Type } from '@sinclair/typebox';
import { catalogId, dateTime, decimalString } from './catalog.schemas.js';

export const CONTRACTED_PRICE_FIELDS = ['unitPrice', 'effectiveFrom', 'effectiveTo'] as const;

export const ContractedPriceBody = Type.Object(
  {
    unitPrice: decimalString('FOCUS ContractedUnitPrice per pricing unit; it replaces every band\'s price.'),
    effectiveFrom: dateTime('Start of this version (inclusive); versions are keyed by it.'),
    effectiveTo: Type.Optional(dateTime('End of this version (exclusive), after effectiveFrom; absent: open-ended.')),
  },
  { additionalProperties: false, title: 'MeteringContractedPriceInput' },
);

export const ContractedPrice = Type.Object(
  {
    billingAccountId: catalogId('The billing account.'),
    skuId: catalogId('The SKU.'),
    unitPrice: Type.String({ examples: ['0.8'] }),
    effectiveFrom: dateTime('Start of this version (inclusive).'),
    effectiveTo: Type.Optional(dateTime('End of this version (exclusive); absent: open-ended.')),
    createdAt: dateTime('When this version was created.'),
    updatedAt: dateTime('When this version last changed (also when a later version closed it).'),
  },
  { title: 'MeteringContractedPrice' },
);
export type ContractedPriceDto = Static<typeof ContractedPrice>;

export interface ContractedPriceInput {
  unitPrice: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}
