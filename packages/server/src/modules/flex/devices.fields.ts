/** Which device fields the filter, sort and select parameters may touch, and as which columns. */
import { sql } from 'kysely';
import type { FieldMap } from '../../platform/filter-sql/index.js';
import type { SortKey } from '../../platform/query/index.js';

export const DEVICE_RESOURCE_TYPE = 'flex/devices';

/** Filterable as the Flex spec lists them. */
export const deviceFilterFields: FieldMap = {
  id: { column: 'id', type: 'uuid' },
  macAddress: { column: 'mac_address', type: 'string' },
  serialNumber: { column: 'serial_number', type: 'string' },
  resourceId: { column: 'resource_id', type: 'uuid' },
  partNumber: { column: 'part_number', type: 'string' },
  name: { column: 'name', type: 'string', nullable: true },
  // Every device has the same resource type, so the field is a constant, not a column.
  type: { column: 'type', type: 'string', expression: sql`${DEVICE_RESOURCE_TYPE}::text` },
  model: { column: 'model', type: 'string' },
  make: { column: 'make', type: 'string' },
  billingAccountName: { column: 'billing_account_name', type: 'string', nullable: true },
  billingTier: { column: 'billing_tier', type: 'string', nullable: true },
};

export const deviceSortColumns: Readonly<Record<string, string>> = {
  id: 'id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  generation: 'generation',
  macAddress: 'mac_address',
  serialNumber: 'serial_number',
  resourceId: 'resource_id',
  partNumber: 'part_number',
  name: 'name',
  deviceType: 'device_type',
  model: 'model',
  make: 'make',
  billingAccountName: 'billing_account_name',
  billingTier: 'billing_tier',
};

export const defaultDeviceSort: readonly SortKey[] = [{ column: 'resource_id', direction: 'asc' }];

export const deviceSelectFields = [
  'id', 'createdAt', 'updatedAt', 'type', 'generation', 'macAddress', 'serialNumber', 'resourceId', 'partNumber',
  'name', 'deviceType', 'model', 'make', 'billingAccountName', 'billingTier', 'tags',
] as const;
