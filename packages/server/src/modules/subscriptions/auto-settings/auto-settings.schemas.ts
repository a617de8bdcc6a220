/** Auto-subscription settings schemas (v1 and v1alpha1 share them), as the spec defines them (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/). */
import { Type, type Static } from '@sinclair/typebox';
import { pagingQuery } from '../../../platform/query/index.js';
import { WORKSPACE_ID_PATTERN } from '../../../platform/tenancy/ids.js';
import { DEVICE_TYPES, RESPONSE_DEVICE_TYPES, TIERS, type DeviceType, type Tier } from './auto-settings.enums.js';

export const RESOURCE_TYPE = 'subscriptions/auto-subscription-settings';

// Plain `enum`s rather than unions of literals: Ajv then reports one issue per bad value, not one per literal.
const enumOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

const dateTime = (description: string) => Type.String({ format: 'date-time', description });

export const AutoSubscriptionSetting = Type.Object(
  {
    deviceType: enumOf(RESPONSE_DEVICE_TYPES, 'The device type the setting applies to.'),
    tier: enumOf<Tier>(TIERS, 'The tier new devices of that type are subscribed to.'),
  },
  { title: 'AutoSubscriptionSetting' },
);

const common = {
  id: Type.String({ format: 'uuid', description: "The settings id: the workspace id written as a UUID.", examples: ['b9e4a5c2-0d1f-4c3e-9a7b-1234567890ab'] }),
  type: Type.Literal(RESOURCE_TYPE),
  resourceUri: Type.String({ examples: ['/subscriptions/v1/auto-subscription-settings/b9e4a5c2-0d1f-4c3e-9a7b-1234567890ab'] }),
  createdAt: dateTime('When the settings were created (with the workspace).'),
  updatedAt: dateTime('When the settings last changed.'),
  generation: Type.Integer({ format: 'int32', description: 'Incremented on every change; send it as `If-Match` to update safely.' }),
};
const settings = Type.Array(AutoSubscriptionSetting);

/** One workspace's settings, as `GET …/{id}` and `PATCH …/{id}` answer them. */
export const AutoSubscriptionSettings = Type.Object(
  { ...common, autoSubscriptionSettings: settings },
  { title: 'AutoSubscriptionSettings' },
);
export type AutoSubscriptionSettingsDto = Static<typeof AutoSubscriptionSettings>;

/** A list item: the same, plus the workspace the settings belong to. */
export const AutoSubscriptionSettingsListItem = Type.Object(
  {
    ...common,
    tenantWorkspaceId: Type.String({ pattern: WORKSPACE_ID_PATTERN, description: 'The workspace the settings belong to.' }),
    autoSubscriptionSettings: settings,
  },
  { title: 'AutoSubscriptionSettingsListItem' },
);
export type AutoSubscriptionSettingsListItemDto = Static<typeof AutoSubscriptionSettingsListItem>;

/** Paging only: the guide says the list cannot be filtered, so any other parameter is refused. */
export const ListQuery = Type.Object(pagingQuery({ defaultLimit: 50, maxLimit: 200 }), { additionalProperties: false });
export type ListQuery = Static<typeof ListQuery>;

export const SettingsParams = Type.Object({
  id: Type.String({ description: 'The settings id (a UUID) or the 32-hex workspace id; both name the same settings.' }),
});

export const PatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The generation the change is based on (or `*`); when it is not the current generation the answer is 412.', examples: ['3'] }),
  ),
});

const PatchItem = Type.Object(
  {
    deviceType: enumOf<DeviceType>(DEVICE_TYPES, 'The device type to set or remove.'),
    tier: Type.Unsafe<Tier | null>({
      type: ['string', 'null'],
      enum: [...TIERS, null],
      description: "A tier that fits the device type (e.g. `ADVANCED_AP` for `AP`), or null to remove the device type's setting.",
    }),
  },
  { additionalProperties: false },
);
export type PatchItem = Static<typeof PatchItem>;

const patchList = (description: string) => Type.Optional(Type.Array(PatchItem, { description }));

/** A merge patch: settings are merged by device type. `autoSubscriptions` is the key the spec's `required` names. */
export const PatchBody = Type.Object(
  {
    autoSubscriptionSettings: patchList('Settings to add, change (same device type) or remove (tier null).'),
    autoSubscriptions: patchList('Alias of autoSubscriptionSettings (the spec requires this key; send one of the two).'),
  },
  { additionalProperties: false },
);
export type PatchBody = Static<typeof PatchBody>;
