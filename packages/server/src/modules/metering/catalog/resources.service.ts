/** Resource rules: the FOCUS dimensions checked together (category and subcategory, pairs that need their id), references resolved. */
import type { Db } from '../../../storage/database.js';
import type { Issue } from '../../../platform/errors/index.js';
import { badRequest } from '../../../platform/errors/index.js';
import { BodyReader, isObject } from './body-reader.js';
import { RESOURCE, hasIssue } from './catalog.errors.js';
import { billingAccountReference, crudService, lockReference, timestamps } from './catalog-crud.service.js';
import { SERVICE_CATEGORIES, SERVICE_SUBCATEGORIES, parentCategory } from './service-categories.js';
import { resourceList } from './resources.fields.js';
import * as repo from './resources.repository.js';
import {
  MAX_TAGS, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, RESOURCE_FIELDS, type ResourceDto, type ResourceInput,
} from './resources.schemas.js';

function dto(row: repo.ResourceRow): ResourceDto {
  return {
    id: row.id,
    billingAccountId: row.billing_account_id,
    ...(row.sub_account_id !== null && { subAccountId: row.sub_account_id }),
    ...(row.sub_account_name !== null && { subAccountName: row.sub_account_name }),
    ...(row.name !== null && { name: row.name }),
    ...(row.resource_type !== null && { resourceType: row.resource_type }),
    serviceName: row.service_name,
    serviceCategory: row.service_category,
    ...(row.service_subcategory !== null && { serviceSubcategory: row.service_subcategory }),
    ...(row.region_id !== null && { regionId: row.region_id }),
    ...(row.region_name !== null && { regionName: row.region_name }),
    ...(row.availability_zone !== null && { availabilityZone: row.availability_zone }),
    tags: row.tags,
    ...(row.device_id !== null && { deviceId: row.device_id }),
    ...timestamps(row),
  };
}

function readTags(r: BodyReader): Record<string, string> {
  const value = r.raw('tags');
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    r.fail('tags', 'Must be an object of tag key → string value.');
    return {};
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_TAGS) r.fail('tags', `At most ${MAX_TAGS} tags, got ${entries.length}.`);
  const tags: Record<string, string> = {};
  for (const [key, v] of entries) {
    const field = `tags.${key}`;
    if (key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) r.fail(field, `A tag key must be 1 to ${MAX_TAG_KEY_LENGTH} characters long.`);
    if (typeof v !== 'string') r.fail(field, 'A tag value must be a string.');
    else if (v.length > MAX_TAG_VALUE_LENGTH) r.fail(field, `A tag value must be at most ${MAX_TAG_VALUE_LENGTH} characters long.`);
    else tags[key] = v;
  }
  return tags;
}

/** A name that means nothing without its id (FOCUS: SubAccountName describes SubAccountId, RegionName RegionId). */
function requirePair(r: BodyReader, nameField: string, idField: string): void {
  if (r.given(nameField) && !r.given(idField)) r.fail(nameField, `Only allowed together with ${idField}.`);
}

export function readResource(body: unknown): { input: ResourceInput; issues: Issue[] } {
  const r = new BodyReader(body, RESOURCE_FIELDS);
  const input: ResourceInput = {
    billingAccountId: r.id('billingAccountId'),
    subAccountId: r.text('subAccountId'),
    subAccountName: r.text('subAccountName'),
    name: r.text('name'),
    resourceType: r.text('resourceType'),
    serviceName: r.text('serviceName', { required: true }),
    serviceCategory: r.oneOf('serviceCategory', SERVICE_CATEGORIES, { required: true }) ?? '',
    serviceSubcategory: r.oneOf('serviceSubcategory', SERVICE_SUBCATEGORIES, { required: false }),
    regionId: r.text('regionId'),
    regionName: r.text('regionName'),
    availabilityZone: r.text('availabilityZone'),
    tags: readTags(r),
    deviceId: r.uuid('deviceId'),
  };
  requirePair(r, 'subAccountName', 'subAccountId');
  requirePair(r, 'regionName', 'regionId');
  if (input.serviceSubcategory !== null && SERVICE_CATEGORIES.includes(input.serviceCategory)) {
    const parent = parentCategory(input.serviceSubcategory);
    if (parent !== undefined && parent !== input.serviceCategory) {
      r.fail('serviceSubcategory', `'${input.serviceSubcategory}' belongs under the service category '${parent}', not '${input.serviceCategory}'.`);
    }
  }
  return { input, issues: r.issues };
}

async function putResource(db: Db, workspaceId: string, id: string, body: unknown, now: Date) {
  const { input, issues } = readResource(body);
  return db.transaction().execute(async (trx) => {
    // References are resolved only for a body that is otherwise well-formed, then reported with its other issues.
    await lockReference(trx, workspaceId, billingAccountReference, input.billingAccountId, issues);
    if (input.deviceId !== null && !hasIssue(issues, 'deviceId') && !(await repo.deviceExists(trx, workspaceId, input.deviceId))) {
      issues.push({ source: 'field', subject: 'deviceId', description: `No Flex device with resourceId '${input.deviceId}' in this workspace.` });
    }
    if (issues.length) throw badRequest(issues);
    return repo.upsert(trx, workspaceId, id, input, now);
  });
}

/** Usage events name resources by id without a foreign key, so a resource can be deleted while its events remain. */
export const resources = crudService({ table: 'metering_resources', what: RESOURCE, list: resourceList, dto }, { put: putResource });
