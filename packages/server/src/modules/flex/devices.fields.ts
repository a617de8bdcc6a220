/** The device list's fields: which ones filter, sort and select may name, and as which columns. */
import { sql } from 'kysely';
import { listSpec, selectOnly } from '../../platform/query/index.js';

export const DEVICE_RESOURCE_TYPE = 'flex/devices';

/** In the order an item carries them. Filterable: the fields the Flex spec lists; deviceType, the dates and generation sort only. */
export const deviceList = listSpec(
  {
    id: { column: 'id', type: 'uuid' },
    createdAt: { column: 'created_at', type: 'timestamp', filter: false },
    updatedAt: { column: 'updated_at', type: 'timestamp', filter: false },
    // Every device has the same resource type, so the field is a constant, not a column.
    type: { column: 'type', type: 'string', expression: sql`${DEVICE_RESOURCE_TYPE}::text`, sort: false },
    generation: { column: 'generation', type: 'integer', filter: false },
    macAddress: { column: 'mac_address', type: 'string' },
    serialNumber: { column: 'serial_number', type: 'string' },
    resourceId: { column: 'resource_id', type: 'uuid' },
    partNumber: { column: 'part_number', type: 'string' },
    name: { column: 'name', type: 'string', nullable: true },
    deviceType: { column: 'device_type', type: 'string', filter: false },
    model: { column: 'model', type: 'string' },
    make: { column: 'make', type: 'string' },
    billingAccountName: { column: 'billing_account_name', type: 'string', nullable: true },
    billingTier: { column: 'billing_tier', type: 'string', nullable: true },
    tags: selectOnly,
  },
  { defaultSort: ['resourceId'], defaultLimit: 20 },
);
