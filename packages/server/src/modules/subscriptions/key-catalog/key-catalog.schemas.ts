/** Schemas of the provider's key catalog (`/admin/v1/subscription-keys`): import body, list query, list item. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../../platform/query/index.js';
import { PRODUCT_TYPES, PROVIDER_STATUSES, SUBSCRIPTION_TYPES, TIERS } from '../subscriptions.enums.js';

export const MAX_KEYS_PER_IMPORT = 1000;
export const MAX_KEY_LENGTH = 128;
/** Characters a key may hold: GreenLake's tag alphabet without the space. */
export const KEY_PATTERN = '^[A-Za-z0-9_.:=+@-]+$';
/** Longest value of the short text fields (sku, contract, quote, po, …) and of the descriptions. */
export const MAX_CODE_LENGTH = 128;
export const MAX_DESCRIPTION_LENGTH = 512;

const enumOf = (values: readonly string[], description: string) =>
  Type.Union(values.map((v) => Type.Literal(v)), { description });
const optionalText = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()], { description: `${description} Empty or null: none.` }));
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * One key as the provider issues it. The route validates bodies itself (see key-catalog.routes.ts);
 * this schema documents them and types the SDK.
 */
export const KeyInput = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: MAX_KEY_LENGTH,
      pattern: KEY_PATTERN,
      description: 'The subscription key workspaces claim, e.g. `E91A5C2A7B0C44D`. Letters, digits and `_ . : = + @ -`.',
    }),
    sku: Type.String({ minLength: 1, maxLength: MAX_CODE_LENGTH, examples: ['Q9Y58AAE'] }),
    skuDescription: Type.String({ minLength: 1, maxLength: MAX_DESCRIPTION_LENGTH }),
    subscriptionType: enumOf(SUBSCRIPTION_TYPES, 'Type of the subscription.'),
    tier: enumOf(TIERS, 'Tier of the subscription.'),
    tierDescription: optionalText(MAX_DESCRIPTION_LENGTH, 'Description of the tier.'),
    productType: enumOf(PRODUCT_TYPES, 'Product type of the subscription.'),
    quantity: Type.Union([Type.Integer({ minimum: 0, maximum: 2_147_483_647 }), Type.String({ pattern: '^[0-9]+$' })], {
      description: 'Total quantity: a non-negative integer, or a string of digits as GreenLake types it.',
    }),
    isEval: Type.Optional(Type.Boolean({ description: 'An evaluation subscription. Default false.' })),
    startTime: Type.String({ format: 'date-time', description: 'Start of the term (RFC 3339).' }),
    endTime: Type.String({ format: 'date-time', description: 'End of the term (RFC 3339), after startTime.' }),
    status: Type.Optional(enumOf(PROVIDER_STATUSES, "The provider's state of the key. Default STARTED.")),
    contract: optionalText(MAX_CODE_LENGTH, 'Contract number.'),
    quote: optionalText(MAX_CODE_LENGTH, 'Quote number.'),
    po: optionalText(MAX_CODE_LENGTH, 'Purchase order number.'),
    resellerPo: optionalText(MAX_CODE_LENGTH, "Reseller's purchase order number."),
    endUserName: optionalText(MAX_DESCRIPTION_LENGTH, 'Name of the end customer.'),
    orderClass: optionalText(MAX_CODE_LENGTH, 'Order class.'),
  },
  { additionalProperties: false, title: 'SubscriptionKeyInput' },
);
export type KeyInput = Static<typeof KeyInput>;

export const ImportKeysBody = Type.Object(
  { keys: Type.Array(KeyInput, { minItems: 1, maxItems: MAX_KEYS_PER_IMPORT }) },
  { additionalProperties: false, title: 'SubscriptionKeyImport' },
);

export const ImportKeysResult = Type.Object(
  {
    created: Type.Integer({ description: 'Keys added to the catalog.' }),
    unchanged: Type.Integer({ description: 'Keys already in the catalog with identical data.' }),
  },
  { title: 'SubscriptionKeyImportResult' },
);
export type ImportKeysResult = Static<typeof ImportKeysResult>;

export const CatalogKey = Type.Object(
  {
    key: Type.String(),
    sku: Type.String(),
    skuDescription: Type.String(),
    subscriptionType: Type.String(),
    tier: Type.String(),
    tierDescription: nullable(Type.String()),
    productType: Type.String(),
    quantity: Type.Integer(),
    isEval: Type.Boolean(),
    startTime: Type.String({ format: 'date-time' }),
    endTime: Type.String({ format: 'date-time' }),
    status: enumOf(PROVIDER_STATUSES, "The provider's state of the key (ENDED and NONE are derived from the dates, not stored)."),
    contract: nullable(Type.String()),
    quote: nullable(Type.String()),
    po: nullable(Type.String()),
    resellerPo: nullable(Type.String()),
    endUserName: nullable(Type.String()),
    orderClass: nullable(Type.String()),
    claimedBy: nullable(Type.String({ description: 'The workspace whose subscription holds the key; null while the key is free.' })),
    claimable: Type.Boolean({
      description: 'Whether an add would claim the key now: nobody holds it, its term has not ended (endTime is after now) and its status is STARTED.',
    }),
    createdAt: Type.String({ format: 'date-time', description: 'When the key entered the catalog.' }),
  },
  { title: 'SubscriptionKey' },
);
export type CatalogKey = Static<typeof CatalogKey>;

export const CatalogQuery = Type.Object({
  filter: Type.Optional(
    Type.String({
      description:
        "OData-style filter over key, sku, skuDescription, subscriptionType, tier, productType, quantity, isEval, startTime, endTime, status, contract, claimed, claimedBy, claimable; e.g. `claimable eq true and endTime gt '2027-01-01T00:00:00Z'`.",
    }),
  ),
  sort: listParameter('Comma list of `field [asc|desc]`, e.g. `endTime desc`. Default `key asc`.'),
  ...pagingQuery({ defaultLimit: 100, maxLimit: 1000 }),
});
export type CatalogQuery = Static<typeof CatalogQuery>;
