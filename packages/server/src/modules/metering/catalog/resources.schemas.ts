/** Metering resource schemas: the PUT body (the FOCUS dimensions rating copies into each record) and the object answered. */
import { type Static, Type } from '@sinclair/typebox';
import { MAX_TEXT_LENGTH, catalogId, text, timestampProperties } from './catalog.schemas.js';
import { SERVICE_CATEGORIES, SERVICE_SUBCATEGORIES } from './service-categories.js';

export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

export const RESOURCE_FIELDS = [
  'billingAccountId', 'subAccountId', 'subAccountName', 'name', 'resourceType', 'serviceName', 'serviceCategory',
  'serviceSubcategory', 'regionId', 'regionName', 'availabilityZone', 'tags', 'deviceId',
] as const;

const optionalText = (description: string) => Type.Optional(text(description));

const Tags = Type.Record(Type.String({ minLength: 1, maxLength: MAX_TAG_KEY_LENGTH }), Type.String({ maxLength: MAX_TAG_VALUE_LENGTH }), {
  maxProperties: MAX_TAGS,
  description: `FOCUS Tags: key (1–${MAX_TAG_KEY_LENGTH} characters) → value (at most ${MAX_TAG_VALUE_LENGTH}); at most ${MAX_TAGS}.`,
});

export const ResourceBody = Type.Object(
  {
    billingAccountId: catalogId('The billing account charged for the resource; it must exist in the workspace.'),
    subAccountId: optionalText('FOCUS SubAccountId.'),
    subAccountName: optionalText('FOCUS SubAccountName; only together with subAccountId.'),
    name: optionalText('FOCUS ResourceName.'),
    resourceType: optionalText('FOCUS ResourceType.'),
    serviceName: text('FOCUS ServiceName.'),
    serviceCategory: Type.String({ enum: [...SERVICE_CATEGORIES], description: 'FOCUS 1.2 ServiceCategory.' }),
    serviceSubcategory: Type.Optional(
      Type.String({ enum: [...SERVICE_SUBCATEGORIES], description: 'FOCUS 1.2 ServiceSubcategory; one whose parent is serviceCategory.' }),
    ),
    regionId: optionalText('FOCUS RegionId.'),
    regionName: optionalText('FOCUS RegionName; only together with regionId.'),
    availabilityZone: optionalText('FOCUS AvailabilityZone.'),
    tags: Type.Optional(Tags),
    deviceId: Type.Optional(Type.String({ format: 'uuid', description: 'The Flex device this resource is: its resourceId in /flex/v1beta1/devices.' })),
  },
  { additionalProperties: false, title: 'MeteringResourceInput' },
);

const optional = () => Type.Optional(Type.String({ maxLength: MAX_TEXT_LENGTH }));

export const Resource = Type.Object(
  {
    id: catalogId('The resource id: the `subject` of its usage events and FOCUS ResourceId.'),
    billingAccountId: Type.String(),
    subAccountId: optional(),
    subAccountName: optional(),
    name: optional(),
    resourceType: optional(),
    serviceName: Type.String(),
    serviceCategory: Type.String(),
    serviceSubcategory: optional(),
    regionId: optional(),
    regionName: optional(),
    availabilityZone: optional(),
    tags: Type.Record(Type.String(), Type.String()),
    deviceId: Type.Optional(Type.String({ format: 'uuid' })),
    ...timestampProperties('the resource'),
  },
  { title: 'MeteringResource' },
);
export type ResourceDto = Static<typeof Resource>;

/** The FOCUS dimensions of a resource: what rating copies into each of its cost records. */
export interface ResourceDimensions {
  billingAccountId: string;
  subAccountId: string | null;
  subAccountName: string | null;
  name: string | null;
  resourceType: string | null;
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory: string | null;
  regionId: string | null;
  regionName: string | null;
  availabilityZone: string | null;
  tags: Record<string, string>;
}

export interface ResourceInput extends ResourceDimensions {
  deviceId: string | null;
}
