/**
 * One item of an operation — a key to claim, a subscription to tag or to unclaim — decided and,
 * unless the operation is a dry run, carried out inside the caller's transaction. The worker
 * records the outcome in that same transaction, so an item is done exactly once or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../storage/database.js';
import type { AsyncOperationKind, AsyncOperationResult } from './operations.enums.js';
import * as subscriptions from '../subscriptions.repository.js';
import { initialTags, mergeTags, type TagPatch } from '../tags.js';

export interface AddRequest {
  items: { key: string; tags?: TagPatch }[];
}
export interface UpdateRequest {
  ids: string[];
  tags: TagPatch;
}
export interface UnclaimRequest {
  ids: string[];
}
export type OperationRequest = AddRequest | UpdateRequest | UnclaimRequest;

export type Succeeded = AsyncOperationResult['succeeded'][number];
export type Failed = AsyncOperationResult['failed'][number];
export type Outcome = { succeeded: Succeeded } | { failed: Failed };

/** Why an item failed, as the operation's result names it. */
export const FailureReasons = {
  KEY_NOT_FOUND: 'No subscription key like this was issued.',
  KEY_CLAIMED_BY_ANOTHER_WORKSPACE: 'The key was already added to another workspace.',
  KEY_ALREADY_IN_WORKSPACE: 'The key was already added to this workspace.',
  KEY_EXPIRED: 'The subscription term of this key has ended.',
  KEY_NOT_CLAIMABLE: 'The provider suspended, cancelled or locked this key.',
  SUBSCRIPTION_NOT_FOUND: 'No subscription with this id in the workspace.',
  TAG_KEY_CASE_CONFLICT: 'A tag key differs from an existing one only in case.',
  TOO_MANY_TAGS: 'The subscription would have more than 50 tags.',
} as const;
export type FailureReason = keyof typeof FailureReasons;

const fail = (reason: FailureReason, item: { key?: string; id?: string }, message: string = FailureReasons[reason]): Outcome => ({
  failed: { ...(item.key !== undefined && { key: item.key }), ...(item.id !== undefined && { id: item.id }), reason, message },
});

export function itemCount(kind: AsyncOperationKind, request: OperationRequest): number {
  return kind === 'add' ? (request as AddRequest).items.length : (request as UpdateRequest | UnclaimRequest).ids.length;
}

interface StepContext {
  workspaceId: string;
  dryRun: boolean;
  now: Date;
}

async function addKey(db: Executor, item: AddRequest['items'][number], ctx: StepContext): Promise<Outcome> {
  const found = await subscriptions.findKey(db, item.key);
  if (!found) return fail('KEY_NOT_FOUND', { key: item.key }, `Subscription key [${item.key}] was not found.`);
  if (found.holder === ctx.workspaceId) return fail('KEY_ALREADY_IN_WORKSPACE', { key: item.key });
  if (found.holder !== null) return fail('KEY_CLAIMED_BY_ANOTHER_WORKSPACE', { key: item.key });
  if (found.end_time.getTime() <= ctx.now.getTime()) {
    return fail('KEY_EXPIRED', { key: item.key }, `The subscription term of key [${item.key}] ended at ${found.end_time.toISOString()}.`);
  }
  if (found.provider_status !== 'STARTED') {
    return fail('KEY_NOT_CLAIMABLE', { key: item.key }, `Key [${item.key}] is ${found.provider_status}.`);
  }
  if (ctx.dryRun) return { succeeded: { key: item.key } };
  const claimed = await subscriptions.claimKey(db, found, { workspaceId: ctx.workspaceId, id: randomUUID(), tags: initialTags(item.tags), now: ctx.now });
  if (!claimed) {
    // Another claim of the same key committed between our read and our insert.
    const holder = (await subscriptions.findKey(db, item.key))?.holder;
    return fail(holder === ctx.workspaceId ? 'KEY_ALREADY_IN_WORKSPACE' : 'KEY_CLAIMED_BY_ANOTHER_WORKSPACE', { key: item.key });
  }
  return { succeeded: { key: item.key, id: claimed.id } };
}

async function tagSubscription(db: Executor, id: string, tags: TagPatch, ctx: StepContext): Promise<Outcome> {
  const [row] = await subscriptions.lockByIds(db, ctx.workspaceId, [id]);
  if (!row) return fail('SUBSCRIPTION_NOT_FOUND', { id });
  const merged = mergeTags(row.tags, tags);
  if (!merged.ok) return fail(merged.reason, { key: row.key, id }, merged.message);
  if (!ctx.dryRun && merged.changed) await subscriptions.writeTags(db, ctx.workspaceId, id, merged.tags, ctx.now);
  return { succeeded: { key: row.key, id } };
}

async function unclaimSubscription(db: Executor, id: string, ctx: StepContext): Promise<Outcome> {
  const [row] = await subscriptions.lockByIds(db, ctx.workspaceId, [id]);
  if (!row) return fail('SUBSCRIPTION_NOT_FOUND', { id });
  if (!ctx.dryRun) await subscriptions.unclaim(db, ctx.workspaceId, id);
  return { succeeded: { key: row.key, id } };
}

/** Decides, and unless dry-running carries out, item `index` of an operation. */
export function runStep(db: Executor, kind: AsyncOperationKind, request: OperationRequest, index: number, ctx: StepContext): Promise<Outcome> {
  switch (kind) {
    case 'add':
      return addKey(db, (request as AddRequest).items[index]!, ctx);
    case 'update':
      return tagSubscription(db, (request as UpdateRequest).ids[index]!, (request as UpdateRequest).tags, ctx);
    case 'unclaim':
      return unclaimSubscription(db, (request as UnclaimRequest).ids[index]!, ctx);
  }
}
