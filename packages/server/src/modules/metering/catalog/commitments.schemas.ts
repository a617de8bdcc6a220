/** Commitment schemas: committed and minimum capacity of a SKU for a billing account (GreenLake Flex, ADR 0012). */
import { type Static, Type } from '@sinclair/typebox';
import { catalogId, decimalString, effectiveRangeBody, effectiveRangeProperties, timestampProperties } from './catalog.schemas.js';

export const COMMITMENT_FIELDS = ['billingAccountId', 'skuId', 'committedQuantity', 'minimumQuantity', 'effectiveFrom', 'effectiveTo'] as const;

export const CommitmentBody = Type.Object(
  {
    billingAccountId: catalogId('The committed billing account; it must exist in the workspace.'),
    skuId: catalogId('The committed SKU.'),
    committedQuantity: Type.Optional(decimalString("Committed quantity per day, in the meter's consumed unit. Default \"0\".", ['100'])),
    minimumQuantity: Type.Optional(decimalString("Minimum billed quantity per day, in the meter's consumed unit. Default \"0\".", ['80'])),
    ...effectiveRangeBody('the commitment'),
  },
  { additionalProperties: false, title: 'MeteringCommitmentInput' },
);

export const Commitment = Type.Object(
  {
    id: catalogId('The commitment id; FOCUS CommitmentDiscountId.'),
    billingAccountId: Type.String(),
    skuId: Type.String(),
    committedQuantity: Type.String({ examples: ['100'] }),
    minimumQuantity: Type.String({ examples: ['80'] }),
    ...effectiveRangeProperties('the commitment'),
    ...timestampProperties('the commitment'),
  },
  { title: 'MeteringCommitment' },
);
export type CommitmentDto = Static<typeof Commitment>;

export interface CommitmentInput {
  billingAccountId: string;
  skuId: string;
  committedQuantity: string;
  minimumQuantity: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}
