/** Subscription Management schemas as HPE's OpenAPI bundle defines them (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/). */
import { type Static, Type } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../platform/query/index.js';

const dateTime = (description: string) => Type.String({ format: 'date-time', description });

export const SUBSCRIPTION_RESOURCE_TYPE = 'subscriptions/subscription';
export const OPERATION_RESOURCE_TYPE = 'subscriptions/asyncOperation';

/** A subscription (v1 and v1beta1), in the property order of HPE's sample. */
export const Subscription = Type.Object(
  {
    id: Type.String({ maxLength: 36, description: 'The primary unique identifier of the subscription.' }),
    type: Type.Literal(SUBSCRIPTION_RESOURCE_TYPE),
    subscriptionType: Type.Optional(Type.String({ description: 'Type of the subscription, e.g. CENTRAL_AP.' })),
    subscriptionStatus: Type.Optional(
      Type.String({ description: 'STARTED, ENDED, SUSPENDED, CANCELLED, LOCKED or NONE (not started yet).' }),
    ),
    createdAt: Type.Optional(dateTime('When the subscription was added to the workspace.')),
    updatedAt: Type.Optional(dateTime('When the subscription last changed.')),
    key: Type.Optional(Type.String({ description: 'The subscription key.' })),
    quantity: Type.Optional(Type.String({ description: 'Total quantity (a string, as the spec types it).', examples: ['20'] })),
    availableQuantity: Type.Optional(Type.String({ description: 'Available quantity (a string).', examples: ['10'] })),
    isEval: Type.Optional(Type.Boolean()),
    sku: Type.Optional(Type.String()),
    skuDescription: Type.Optional(Type.String()),
    contract: Type.Optional(Type.String()),
    startTime: Type.Optional(dateTime('Start of the subscription term.')),
    endTime: Type.Optional(dateTime('End of the subscription term.')),
    tags: Type.Optional(Type.Record(Type.String(), Type.String())),
    productType: Type.Optional(Type.String({ description: 'DEVICE, SERVICE, MANDATORY_ATTACHED, ON_PREM or SUPPORT.' })),
    tier: Type.Optional(Type.String()),
    tierDescription: Type.Optional(Type.String()),
    quote: Type.Optional(Type.String()),
    po: Type.Optional(Type.String()),
    resellerPo: Type.Optional(Type.String()),
  },
  { title: 'Subscription' },
);
export type SubscriptionDto = Static<typeof Subscription>;

/** The v1alpha1 list item (the legacy schema). */
export const LegacySubscription = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    key: Type.Optional(Type.String()),
    aasType: Type.Optional(Type.Literal('IAAS')),
    appointment: Type.Optional(
      Type.Object({ subscriptionStart: Type.Optional(dateTime('Start of the term.')), subscriptionEnd: Type.Optional(dateTime('End of the term.')) }),
    ),
    contract: Type.Optional(Type.String()),
    endUserName: Type.Optional(Type.String()),
    evaluationType: Type.Optional(Type.Union([Type.Literal('EVAL'), Type.Literal('ALPHA'), Type.Literal('NONE')])),
    orderClass: Type.Optional(Type.String()),
    po: Type.Optional(Type.String()),
    productDescription: Type.Optional(Type.String()),
    productSku: Type.Optional(Type.String()),
    quantity: Type.Optional(Type.String()),
    quote: Type.Optional(Type.String()),
  },
  { title: 'LegacySubscription' },
);
export type LegacySubscriptionDto = Static<typeof LegacySubscription>;

const filter = Type.Optional(Type.String({ description: "Filter expression, e.g. `subscriptionType in 'CENTRAL_AP', 'CENTRAL_SWITCH'`." }));
const filterTags = Type.Optional(
  Type.String({ description: "Tag filter; keys and values compare case-insensitively, e.g. `'city' eq 'London'`." }),
);
const sort = listParameter('Comma list of `field [asc|desc]`, e.g. `key, quote desc`.');
const select = listParameter('Comma list of the fields to return, e.g. `id,key`.');

export const ListQueryV1 = Type.Object({
  filter,
  'filter-tags': filterTags,
  sort,
  select,
  ...pagingQuery({ defaultLimit: 50, maxLimit: 200, minLimit: 1 }),
});
export const ListQueryV1Beta1 = Type.Object({
  filter,
  'filter-tags': filterTags,
  sort,
  select,
  ...pagingQuery({ defaultLimit: 50, maxLimit: 50, minLimit: 1 }),
});
export const ListQueryV1Alpha1 = Type.Object({ filter, sort, select, ...pagingQuery({ defaultLimit: 2000, maxLimit: 2000, minLimit: 1 }) });

export const IdParams = Type.Object({ id: Type.String({ description: 'The unique identifier (a UUID).' }) });

const dryRun = Type.Optional(
  Type.Boolean({ default: false, description: 'Validate and report what would happen, without changing anything.' }),
);
export const WriteQuery = Type.Object({ 'dry-run': dryRun });
export const PatchQuery = Type.Object({
  id: Type.Array(Type.String(), {
    minItems: 1,
    description: 'Subscription ids: repeat `id=` or send a comma list.',
  }),
  'dry-run': dryRun,
});
export const PatchQueryV1Beta1 = Type.Object({ id: PatchQuery.properties.id });

const TagValue = Type.Union([Type.String(), Type.Null()]);
const Tags = Type.Record(Type.String(), TagValue, {
  description: 'Tag key → value (1–128 and 0–256 characters: letters, digits, spaces and `_ . : = + - @`); `null` removes.',
});

export const AddBody = Type.Object({
  subscriptions: Type.Array(Type.Object({ key: Type.String({ description: 'A subscription key.' }), tags: Type.Optional(Tags) }), {
    description: 'One to five subscription keys.',
  }),
});
export type AddBody = Static<typeof AddBody>;

export const PatchBody = Type.Object({ tags: Tags });
export type PatchBody = Static<typeof PatchBody>;

export const BulkDeleteBody = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String({ description: 'A subscription id.' }) }), { description: 'One to ten subscriptions to unclaim.' }),
});
export type BulkDeleteBody = Static<typeof BulkDeleteBody>;

export const AsyncResponse = Type.Object(
  {
    code: Type.Integer({ format: 'int32', examples: [202] }),
    status: Type.String({ examples: ['202 ACCEPTED'] }),
    transactionId: Type.String({ description: 'The async operation id; poll `Location`.' }),
  },
  { title: 'AsyncResponse' },
);

const ResultItem = Type.Object({
  key: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});

export const AsyncOperation = Type.Object(
  {
    status: Type.String({ description: 'INITIALIZED, RUNNING, SUCCEEDED, FAILED or TIMEDOUT.' }),
    startedAt: Type.Optional(dateTime('When the operation was accepted.')),
    endedAt: Type.Optional(dateTime('When it reached a terminal state.')),
    progressPercent: Type.Integer({ format: 'int32' }),
    suggestedPollingIntervalSeconds: Type.Integer({ format: 'int32' }),
    timeoutMinutes: Type.Integer({ format: 'int32' }),
    result: Type.Object({
      dryRun: Type.Optional(Type.Boolean()),
      succeededSubscriptions: Type.Array(ResultItem),
      failedSubscriptions: Type.Array(ResultItem),
    }),
    resultType: Type.String({ examples: ['postSubscriptionsResponse'] }),
    id: Type.String({ format: 'uuid' }),
    type: Type.Literal(OPERATION_RESOURCE_TYPE),
    sourceResourceUri: Type.Optional(Type.String()),
    error: Type.Optional(Type.Unknown()),
  },
  { title: 'AsyncOperation' },
);
export type AsyncOperationDto = Static<typeof AsyncOperation>;
