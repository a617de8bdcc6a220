/** Auto-subscription settings rules: id forms, the merge by device type, tier fit, If-Match; rows to DTOs. */
import { ApiError, badRequest, invalidId, type Issue } from '../../../platform/errors/index.js';
import { isoUtcMillis, page, type Page } from '../../../platform/query/index.js';
import { parseUuid } from '../../../platform/formats/index.js';
import type { Db } from '../../../storage/database.js';
import type { AutoSubscriptionSetting } from './auto-settings.enums.js';
import { subscriptionNotFound } from '../subscriptions.errors.js';
import { TIERS_BY_DEVICE_TYPE } from './auto-settings.enums.js';
import * as repo from './auto-settings.repository.js';
import {
  RESOURCE_TYPE,
  type AutoSubscriptionSettingsDto,
  type AutoSubscriptionSettingsListItemDto,
  type ListQuery,
  type PatchBody,
  type PatchItem,
} from './auto-settings.schemas.js';

/** The API versions that serve these settings; they differ only in paths (and v1alpha1's deprecation headers). */
export type AutoSettingsVersion = 'v1' | 'v1alpha1';

// Built in the property order of the spec's schema; `tenantWorkspaceId` only in list items.
function dto(row: repo.SettingsRow, version: AutoSettingsVersion): AutoSubscriptionSettingsDto {
  return {
    id: row.id,
    type: RESOURCE_TYPE,
    resourceUri: `/subscriptions/${version}/auto-subscription-settings/${row.id}`,
    createdAt: isoUtcMillis(row.created_at),
    updatedAt: isoUtcMillis(row.updated_at),
    generation: row.generation,
    autoSubscriptionSettings: settingsDto(row.settings),
  };
}

function listItemDto(row: repo.SettingsRow, version: AutoSettingsVersion): AutoSubscriptionSettingsListItemDto {
  const { autoSubscriptionSettings, ...head } = dto(row, version);
  return { ...head, tenantWorkspaceId: row.workspace_id, autoSubscriptionSettings };
}

function settingsDto(settings: AutoSubscriptionSetting[]): AutoSubscriptionSettingsDto['autoSubscriptionSettings'] {
  return settings.map((s) => ({ deviceType: s.deviceType, tier: s.tier }) as AutoSubscriptionSettingsDto['autoSubscriptionSettings'][number]);
}

/**
 * The settings id as stored (a lowercase UUID) from either form a client may send: the UUID, in any
 * case, or the 32-hex workspace id it is written from. Anything else is a 400.
 */
export function settingsIdOf(raw: string): string {
  const id = parseUuid(raw, 'hex32');
  if (!id) throw invalidId('Id');
  return id;
}

export async function listSettings(
  db: Db,
  workspaceId: string,
  version: AutoSettingsVersion,
  query: ListQuery,
): Promise<Page<AutoSubscriptionSettingsListItemDto>> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const row = await repo.findByWorkspace(db, workspaceId);
  const all = row ? [listItemDto(row, version)] : [];
  return page(all.slice(offset, offset + limit), offset, all.length);
}

export async function getSettings(
  db: Db,
  workspaceId: string,
  version: AutoSettingsVersion,
  rawId: string,
): Promise<AutoSubscriptionSettingsDto> {
  const row = await repo.findById(db, workspaceId, settingsIdOf(rawId));
  if (!row) throw subscriptionNotFound(rawId);
  return dto(row, version);
}

/** The patch's settings under whichever of the two keys was sent, checked item by item (every issue at once). */
export function patchItemsOf(body: PatchBody): PatchItem[] {
  const sent = (['autoSubscriptionSettings', 'autoSubscriptions'] as const).filter((k) => body[k] !== undefined);
  if (sent.length === 0) {
    throw badRequest([
      {
        source: 'field',
        subject: 'autoSubscriptionSettings',
        description: 'Required parameter is missing (autoSubscriptions is accepted as an alias).',
      },
    ]);
  }
  if (sent.length === 2) {
    throw badRequest([
      { source: 'field', subject: 'autoSubscriptions', description: 'Send autoSubscriptionSettings or its alias autoSubscriptions, not both.' },
    ]);
  }
  const key = sent[0]!;
  const items = body[key]!;
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.deviceType);
    if (first !== undefined) {
      issues.push({
        source: 'field',
        subject: `${key}[${i}].deviceType`,
        description: `Device type ${item.deviceType} is already set by ${key}[${first}]; send each device type once.`,
      });
    } else {
      seen.set(item.deviceType, i);
    }
    if (item.tier === null) return;
    const fitting = TIERS_BY_DEVICE_TYPE[item.deviceType];
    if (fitting.includes(item.tier)) return;
    issues.push({
      source: 'field',
      subject: `${key}[${i}].tier`,
      description:
        fitting.length === 0
          ? `Device type ${item.deviceType} has no auto-subscription tier; only null (remove) is allowed.`
          : `Tier ${item.tier} does not apply to device type ${item.deviceType}; use one of: ${fitting.join(', ')}.`,
    });
  });
  if (issues.length > 0) throw badRequest(issues);
  return items;
}

/** Merges by device type: a known one gets its tier replaced in place, a new one is appended, a null tier removes it. */
export function mergeSettings(current: readonly AutoSubscriptionSetting[], patch: readonly PatchItem[]): AutoSubscriptionSetting[] {
  const next = current.map((s) => ({ deviceType: s.deviceType, tier: s.tier }));
  for (const { deviceType, tier } of patch) {
    const at = next.findIndex((s) => s.deviceType === deviceType);
    if (tier === null) {
      if (at >= 0) next.splice(at, 1);
    } else if (at >= 0) {
      next[at] = { deviceType, tier };
    } else {
      next.push({ deviceType, tier });
    }
  }
  return next;
}

function sameSettings(a: readonly AutoSubscriptionSetting[], b: readonly AutoSubscriptionSetting[]): boolean {
  return a.length === b.length && a.every((s, i) => s.deviceType === b[i]!.deviceType && s.tier === b[i]!.tier);
}

function preconditionFailed(description: string): ApiError {
  return new ApiError('PRECONDITION_FAILED', {
    details: [{ type: 'hpe.greenlake.precondition_failed', issues: [{ source: 'header', subject: 'If-Match', description }] }],
  });
}

/**
 * The generations an `If-Match` header accepts: `*` (any, returned as undefined) or a comma list of
 * generations, each bare, quoted or weak (`3`, `"3"`, `W/"3"`). A value that is none of these is a 400.
 */
export function expectedGenerations(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const values = header.split(',').map((v) => v.trim());
  if (values.includes('*')) return undefined;
  const generations = values.map((v) => /^(?:W\/)?("?)(\d{1,10})\1$/.exec(v)?.[2]);
  if (generations.some((g) => g === undefined)) {
    throw badRequest([{ source: 'header', subject: 'If-Match', description: 'Must be a generation number (e.g. 3) or *.' }]);
  }
  return generations.map(Number);
}

export async function updateSettings(
  db: Db,
  workspaceId: string,
  version: AutoSettingsVersion,
  rawId: string,
  body: PatchBody,
  ifMatch: string | undefined,
  now: () => number,
): Promise<AutoSubscriptionSettingsDto> {
  const id = settingsIdOf(rawId);
  const patch = patchItemsOf(body);
  const expected = expectedGenerations(ifMatch);
  return db.transaction().execute(async (trx) => {
    // The row lock serialises concurrent PATCHes: each merges into the settings the previous one saved.
    const row = await repo.lockById(trx, workspaceId, id);
    if (!row) throw subscriptionNotFound(rawId);
    if (expected && !expected.includes(row.generation)) {
      throw preconditionFailed(`If-Match names generation ${expected.join(', ')}; the current generation is ${row.generation}.`);
    }
    const next = mergeSettings(row.settings, patch);
    // Nothing changed (same tiers, or removing what is absent): no new generation.
    if (sameSettings(next, row.settings)) return dto(row, version);
    return dto(await repo.saveSettings(trx, workspaceId, next, new Date(now())), version);
  });
}
