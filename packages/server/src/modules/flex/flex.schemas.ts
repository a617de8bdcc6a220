/** Flex Solutions v1beta1 schemas, as HPE's OpenAPI document defines them (https://developer.greenlake.hpe.com/docs/greenlake/services/flex/public/). */
import { Type, type Static } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../platform/query/index.js';

export const DEVICE_TYPES = [
  'ALS', 'AP', 'BLE', 'COMPUTE', 'CONTROLLER', 'DHCI_COMPUTE', 'DHCI_STORAGE', 'EINAR', 'EINR', 'GATEWAY', 'IAP',
  'LTE_MODEM', 'MC', 'STORAGE', 'SWITCH', 'NW_THIRD_PARTY', 'PCE', 'SD_WAN_GW', 'OPSRAMP_SAAS', 'SD_SAAS', 'SENSOR',
  'BRIDGES', 'UNKNOWN',
] as const;

export const GROUP_BY_FIELDS = ['sowId', 'customerName', 'billingAccountName', 'billingAccountId', 'partnerName'] as const;
export type GroupByField = (typeof GROUP_BY_FIELDS)[number];

const dateTime = (description: string) => Type.String({ format: 'date-time', description });
const uuid = (description: string) => Type.String({ format: 'uuid', description });

export const Order = Type.Object(
  {
    id: uuid('Unique identifier of the order.'),
    createdAt: dateTime('When the order was created.'),
    updatedAt: dateTime('When the order was last updated.'),
    type: Type.Literal('flex/orders'),
    generation: Type.Integer({ format: 'int32', description: 'Incremented on every change.' }),
    billingAccountId: Type.String({ examples: ['HP-APJ-0012345678'] }),
    sowId: Type.String({ description: 'Statement of Work id.', examples: ['OPE-0011261086'] }),
    billingAccountName: Type.String(),
    orderStartDate: dateTime('Start of the order term.'),
    orderEndDate: dateTime('End of the order term.'),
    customerName: Type.String(),
    resellerName: Type.Optional(Type.String()),
    distributorName: Type.Optional(Type.String()),
    partnerName: Type.Optional(Type.String()),
    isFlexPartner: Type.Optional(Type.Boolean()),
  },
  { title: 'Order' },
);
export type OrderDto = Static<typeof Order>;

export const DeviceTag = Type.Object({ name: Type.String(), value: Type.String() });
export type DeviceTag = Static<typeof DeviceTag>;

export const Device = Type.Object(
  {
    id: uuid('Unique identifier of the device.'),
    createdAt: dateTime('When the device was created.'),
    updatedAt: dateTime('When the device was last updated.'),
    type: Type.Literal('flex/devices'),
    generation: Type.Integer({ format: 'int32' }),
    macAddress: Type.String({ examples: ['CA:35:DC:4F:5D:FE'] }),
    serialNumber: Type.String({ examples: ['CN134FD36'] }),
    resourceId: uuid('Resource id of the device; `GET /flex/v1beta1/devices/{id}` takes it.'),
    partNumber: Type.String({ examples: ['JK130GT'] }),
    name: Type.Optional(Type.String()),
    deviceType: Type.Union(DEVICE_TYPES.map((t) => Type.Literal(t))),
    model: Type.String(),
    make: Type.String(),
    billingAccountName: Type.Optional(Type.String()),
    billingTier: Type.Optional(Type.String()),
    tags: Type.Optional(Type.Array(DeviceTag)),
  },
  { title: 'Device' },
);
export type DeviceDto = Static<typeof Device>;

const paging = pagingQuery({ defaultLimit: 20, maxLimit: 100 });
const filter = Type.Optional(
  Type.String({ description: "OData-style filter, e.g. `make eq 'HPE' and billingTier in ('Foundation','Enhanced')`." }),
);
const select = listParameter('Comma-separated fields to return for each item.');
const sort = (example: string) => listParameter(`Comma list of \`field [asc|desc]\`, e.g. \`${example}\`.`);

export const OrdersQuery = Type.Object({ filter, select, sort: sort('orderEndDate asc'), ...paging });
export type OrdersQuery = Static<typeof OrdersQuery>;

export const TransformQuery = Type.Object({
  'group-by': Type.Union(GROUP_BY_FIELDS.map((f) => Type.Literal(f)), { description: 'The field to return distinct values of.' }),
  filter,
  sort: sort('partnerName desc'),
  ...paging,
});
export type TransformQuery = Static<typeof TransformQuery>;

export const DevicesQuery = Type.Object({ filter, select, sort: sort('resourceId asc'), ...paging });
export type DevicesQuery = Static<typeof DevicesQuery>;

export const DeviceParams = Type.Object({ id: Type.String({ description: 'The resource id of the device (a UUID).' }) });

export const TransformItem = Type.Record(Type.String(), Type.String(), {
  description: 'One distinct value, keyed by the group-by field, e.g. `{"partnerName": "HPE Distributions"}`.',
});
