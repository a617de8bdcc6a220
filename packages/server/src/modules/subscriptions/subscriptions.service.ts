/** Subscription rules: list and get as HPE shapes them, and the checks a write passes before it becomes an operation. */
import { type Issue, badRequest, invalidId, queryIssue } from '../../platform/errors/index.js';
import { compileFilter, compileTagFilter } from '../../platform/filter-sql/index.js';
import { isoUtcMillis, page, parseSelect, parseSort, project, type ListParameter, type Page } from '../../platform/query/index.js';
import { isUuid, parseUuid } from '../../platform/formats/index.js';
import type { SubscriptionsDeps } from './subscriptions-deps.js';
import type { AddRequest, UnclaimRequest, UpdateRequest } from './operations/operation-steps.js';
import * as operations from './operations/operations.service.js';
import { subscriptionNotFound } from './subscriptions.errors.js';
import { legacySubscriptionList, subscriptionList, subscriptionStatusAt } from './subscriptions.fields.js';
import * as repo from './subscriptions.repository.js';
import {
  SUBSCRIPTION_RESOURCE_TYPE, type AddBody, type BulkDeleteBody, type LegacySubscriptionDto, type PatchBody, type SubscriptionDto,
} from './subscriptions.schemas.js';
import { tagIssues } from './tags.js';

export const MAX_KEYS_PER_ADD = 5;
export const MAX_IDS_PER_PATCH = 100;
export const MAX_IDS_PER_UNCLAIM = 10;

function subscriptionDto(row: repo.SubscriptionRow, now: Date): SubscriptionDto {
  return {
    id: row.id,
    type: SUBSCRIPTION_RESOURCE_TYPE,
    subscriptionType: row.subscription_type,
    subscriptionStatus: subscriptionStatusAt(row, now),
    createdAt: isoUtcMillis(row.created_at),
    updatedAt: isoUtcMillis(row.updated_at),
    key: row.key,
    quantity: String(row.quantity),
    availableQuantity: String(row.available_quantity),
    isEval: row.is_eval,
    sku: row.sku,
    skuDescription: row.sku_description,
    ...(row.contract !== null && { contract: row.contract }),
    startTime: isoUtcMillis(row.start_time),
    endTime: isoUtcMillis(row.end_time),
    tags: row.tags,
    productType: row.product_type,
    tier: row.tier,
    ...(row.tier_description !== null && { tierDescription: row.tier_description }),
    ...(row.quote !== null && { quote: row.quote }),
    ...(row.po !== null && { po: row.po }),
    ...(row.reseller_po !== null && { resellerPo: row.reseller_po }),
  };
}

function legacyDto(row: repo.SubscriptionRow): LegacySubscriptionDto {
  return {
    id: row.id,
    key: row.key,
    aasType: 'IAAS',
    appointment: { subscriptionStart: isoUtcMillis(row.start_time), subscriptionEnd: isoUtcMillis(row.end_time) },
    ...(row.contract !== null && { contract: row.contract }),
    ...(row.end_user_name !== null && { endUserName: row.end_user_name }),
    evaluationType: row.is_eval ? 'EVAL' : 'NONE',
    ...(row.order_class !== null && { orderClass: row.order_class }),
    ...(row.po !== null && { po: row.po }),
    productDescription: row.sku_description,
    productSku: row.sku,
    quantity: String(row.quantity),
    ...(row.quote !== null && { quote: row.quote }),
  };
}

export interface ListParams {
  filter?: string;
  'filter-tags'?: string;
  sort?: ListParameter;
  select?: ListParameter;
  limit?: number;
  offset?: number;
}

export async function listSubscriptions(deps: SubscriptionsDeps, workspaceId: string, q: ListParams): Promise<Page<SubscriptionDto>> {
  const now = new Date(deps.now());
  const spec = subscriptionList(now);
  const offset = q.offset ?? 0;
  const selected = parseSelect(q.select, spec.selectFields);
  const { rows, total } = await repo.listPage(deps.db, workspaceId, {
    where: q.filter === undefined ? undefined : compileFilter(q.filter, spec.filterFields),
    tagWhere: q['filter-tags'] === undefined ? undefined : compileTagFilter(q['filter-tags'], 'tags', 'filter-tags', { foldedIndex: true }),
    sort: parseSort(q.sort, spec.sortColumns, spec.defaultSort),
    limit: q.limit ?? spec.defaultLimit,
    offset,
    now,
  });
  return page(
    rows.map((r) => project(subscriptionDto(r, now), selected)),
    offset,
    total,
  );
}

export async function listLegacySubscriptions(deps: SubscriptionsDeps, workspaceId: string, q: ListParams): Promise<Page<LegacySubscriptionDto>> {
  const spec = legacySubscriptionList;
  const offset = q.offset ?? 0;
  const selected = parseSelect(q.select, spec.selectFields);
  const { rows, total } = await repo.listPage(deps.db, workspaceId, {
    where: q.filter === undefined ? undefined : compileFilter(q.filter, spec.filterFields),
    tagWhere: undefined,
    sort: parseSort(q.sort, spec.sortColumns, spec.defaultSort),
    limit: q.limit ?? spec.defaultLimit,
    offset,
    now: new Date(deps.now()),
  });
  return page(
    rows.map((r) => project(legacyDto(r), selected)),
    offset,
    total,
  );
}

export async function getSubscription(deps: SubscriptionsDeps, workspaceId: string, id: string): Promise<SubscriptionDto> {
  const uuid = parseUuid(id);
  if (!uuid) throw invalidId('Id');
  const row = await repo.findById(deps.db, workspaceId, uuid);
  if (!row) throw subscriptionNotFound(id);
  return subscriptionDto(row, new Date(deps.now()));
}

/** POST: 1–5 distinct, non-empty keys with valid tags; the rest is decided per key by the operation. */
export function validateAdd(body: AddBody): AddRequest {
  const issues: Issue[] = [];
  const list = body.subscriptions;
  if (list.length === 0) issues.push({ source: 'field', subject: 'subscriptions', description: 'At least one subscription key is required.' });
  if (list.length > MAX_KEYS_PER_ADD) {
    issues.push({ source: 'field', subject: 'subscriptions', description: `Maximum ${MAX_KEYS_PER_ADD} subscriptions per request, got ${list.length}.` });
  }
  const seen = new Map<string, number>();
  list.forEach((s, i) => {
    const key = s.key.trim();
    if (key === '') issues.push({ source: 'field', subject: `subscriptions[${i}].key`, description: 'Parameter key is empty.' });
    else if (seen.has(key)) {
      issues.push({ source: 'field', subject: `subscriptions[${i}].key`, description: `Duplicate key '${key}' (also subscriptions[${seen.get(key)}]).` });
    } else seen.set(key, i);
    if (s.tags) issues.push(...tagIssues(s.tags, `subscriptions[${i}].tags`));
  });
  if (issues.length) throw badRequest(issues);
  return { items: list.map((s) => ({ key: s.key.trim(), ...(s.tags && { tags: s.tags }) })) };
}

/** `id` may be repeated or a comma list; each must be a UUID, none twice. */
function parseIds(values: readonly string[], subject: string, max: number, source: 'query.parameter' | 'field'): string[] {
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  const issues: Issue[] = [];
  if (ids.length === 0 || ids.every((id) => id === '')) issues.push({ source, subject, description: 'At least one subscription id is required.' });
  if (ids.length > max) issues.push({ source, subject, description: `At most ${max} ids per request, got ${ids.length}.` });
  const seen = new Set<string>();
  for (const id of ids) {
    if (!isUuid(id)) issues.push({ source, subject, description: `'${id}' is not a valid UUID.` });
    else if (seen.has(id.toLowerCase())) issues.push({ source, subject, description: `Id '${id}' appears twice; ids must be unique.` });
    seen.add(id.toLowerCase());
  }
  if (issues.length) throw badRequest(issues);
  return [...seen];
}

export function validateUpdate(ids: readonly string[], body: PatchBody): UpdateRequest {
  const parsed = parseIds(ids, 'id', MAX_IDS_PER_PATCH, 'query.parameter');
  const issues = tagIssues(body.tags, 'tags');
  if (Object.keys(body.tags).length === 0) issues.push({ source: 'field', subject: 'tags', description: 'At least one tag is required.' });
  if (issues.length) throw badRequest(issues);
  return { ids: parsed, tags: body.tags };
}

export function validateUnclaim(body: BulkDeleteBody): UnclaimRequest {
  const issues: Issue[] = [];
  if (body.items.length === 0) issues.push({ source: 'field', subject: 'items', description: 'At least one subscription is required.' });
  if (body.items.length > MAX_IDS_PER_UNCLAIM) {
    issues.push({ source: 'field', subject: 'items', description: `At most ${MAX_IDS_PER_UNCLAIM} subscriptions per request, got ${body.items.length}.` });
  }
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (!isUuid(item.id)) issues.push({ source: 'field', subject: `items[${i}].id`, description: 'Id is not a valid UUID.' });
    else if (seen.has(item.id.toLowerCase())) issues.push({ source: 'field', subject: `items[${i}].id`, description: 'Duplicate id.' });
    seen.add(item.id.toLowerCase());
  });
  if (issues.length) throw badRequest(issues);
  return { ids: [...seen] };
}

/** v1beta1 has no dry-run: refuse it rather than silently doing the real thing. */
export function refuseDryRun(query: Record<string, unknown>): void {
  if (Object.hasOwn(query, 'dry-run')) throw queryIssue('dry-run', 'dry-run is not supported by v1beta1; use /subscriptions/v1.');
}

export { operations };
