/** Which resource fields the list's filter, sort and select may touch, and as which columns. */
import { listSpec, selectOnly } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

export const resourceList = listSpec(
  {
    id: { column: 'id', type: 'string' },
    billingAccountId: { column: 'billing_account_id', type: 'string' },
    subAccountId: { column: 'sub_account_id', type: 'string', nullable: true },
    subAccountName: { column: 'sub_account_name', type: 'string', nullable: true },
    name: { column: 'name', type: 'string', nullable: true },
    resourceType: { column: 'resource_type', type: 'string', nullable: true },
    serviceName: { column: 'service_name', type: 'string' },
    serviceCategory: { column: 'service_category', type: 'string' },
    serviceSubcategory: { column: 'service_subcategory', type: 'string', nullable: true },
    regionId: { column: 'region_id', type: 'string', nullable: true },
    regionName: { column: 'region_name', type: 'string', nullable: true },
    availabilityZone: { column: 'availability_zone', type: 'string', nullable: true },
    tags: selectOnly,
    deviceId: { column: 'device_id', type: 'uuid', nullable: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  { defaultSort: ['id'], defaultLimit: DEFAULT_LIMIT },
);
