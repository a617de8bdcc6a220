/** Typed queries over metering_resources, and the Flex device a resource may name; every one scoped by workspace. */
import { type Selectable, sql } from 'kysely';
import type { Executor, MeteringResourcesTable } from '../../../storage/database.js';
import type { ResourceInput } from './resources.schemas.js';

export type ResourceRow = Selectable<MeteringResourcesTable>;

export function find(db: Executor, workspaceId: string, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('metering_resources').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

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
  return db
    .insertInto('metering_resources')
    .values({ workspace_id: workspaceId, id, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
}

export async function remove(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('metering_resources').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
