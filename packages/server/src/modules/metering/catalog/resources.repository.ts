/** Typed queries over metering_resources, and the Flex device a resource may name; every one scoped by workspace. */
import type { Executor } from '../../../storage/database.js';
import { type IdKeyedRow, upsertById } from './catalog-rows.repository.js';
import type { ResourceInput } from './resources.schemas.js';

export type ResourceRow = IdKeyedRow<'metering_resources'>;

/** Flex keys devices by resource id (ADR 0001), so that is what a resource's deviceId names. */
export async function deviceExists(db: Executor, workspaceId: string, resourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('flex_devices')
    .select('resource_id')
    .where('workspace_id', '=', workspaceId)
    .where('resource_id', '=', resourceId)
    .executeTakeFirst();
  return row !== undefined;
}

export function upsert(db: Executor, workspaceId: string, id: string, input: ResourceInput, now: Date) {
  const values = {
    billing_account_id: input.billingAccountId,
    sub_account_id: input.subAccountId,
    sub_account_name: input.subAccountName,
    name: input.name,
    resource_type: input.resourceType,
    service_name: input.serviceName,
    service_category: input.serviceCategory,
    service_subcategory: input.serviceSubcategory,
    region_id: input.regionId,
    region_name: input.regionName,
    availability_zone: input.availabilityZone,
    tags: JSON.stringify(input.tags),
    device_id: input.deviceId,
  };
  return upsertById(db, 'metering_resources', workspaceId, id, values, now);
}
