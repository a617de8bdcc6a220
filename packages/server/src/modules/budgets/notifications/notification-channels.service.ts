/**
 * Notification channels: create (a webhook's signing secret generated here and answered once),
 * get, list, replace, merge-patch and delete; every one scoped by workspace — another workspace's
 * channel is not found.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../../../storage/database.js';
import { parseUuid } from '../../../platform/formats/index.js';
import { type ListParams, type Page, isoUtcMillis, page, parseListQuery, project } from '../../../platform/query/index.js';
import { type ChannelInput, mergePatch, readChannelBody } from './channel-body.js';
import { channelList } from './notification-channels.fields.js';
import * as repo from './notification-channels.repository.js';
import type { CreatedNotificationChannelDto, NotificationChannelDto } from './notification-channels.schemas.js';
import { channelNotFound, invalidChannelId } from './notifications.errors.js';

/** `whsec_` and 32 random bytes, base64url: Stripe's shape, so receivers' tooling recognises it. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function toDto(row: repo.ChannelRow): NotificationChannelDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    ...(row.kind === 'WEBHOOK' ? { url: row.url! } : { recipients: row.recipients }),
    enabled: row.enabled,
    createdAt: isoUtcMillis(row.created_at),
    updatedAt: isoUtcMillis(row.updated_at),
  };
}

/** What a patch is applied to: the channel as a client would write it. */
function asBody(row: repo.ChannelRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, id: _id, ...body } = toDto(row);
  return body;
}

function channelId(raw: string): string {
  const id = parseUuid(raw);
  if (!id) throw invalidChannelId();
  return id;
}

async function load(db: Executor, workspaceId: string, raw: string): Promise<repo.ChannelRow> {
  const id = channelId(raw);
  const row = await repo.findChannel(db, workspaceId, id);
  if (!row) throw channelNotFound(raw);
  return row;
}

export async function listChannels(db: Executor, workspaceId: string, params: ListParams): Promise<Page<NotificationChannelDto>> {
  const list = parseListQuery(params, channelList);
  const { rows, total } = await repo.listChannels(db, workspaceId, list);
  return page(
    rows.map((r) => project(toDto(r), list.selected) as NotificationChannelDto),
    list.offset,
    total,
  );
}

export async function getChannel(db: Executor, workspaceId: string, rawId: string): Promise<NotificationChannelDto> {
  return toDto(await load(db, workspaceId, rawId));
}

export async function createChannel(db: Executor, workspaceId: string, body: unknown, now: Date): Promise<CreatedNotificationChannelDto> {
  const input = readChannelBody(body);
  const signingSecret = input.kind === 'WEBHOOK' ? newSigningSecret() : null;
  const row = await repo.insertChannel(db, {
    id: randomUUID(),
    workspace_id: workspaceId,
    name: input.name,
    kind: input.kind,
    url: input.url,
    signing_secret: signingSecret,
    recipients: input.recipients,
    enabled: input.enabled,
    created_at: now,
    updated_at: now,
  });
  return { ...toDto(row), ...(signingSecret !== null && { signingSecret }) };
}

async function write(db: Executor, workspaceId: string, row: repo.ChannelRow, input: ChannelInput, now: Date): Promise<NotificationChannelDto> {
  const updated = await repo.updateChannel(db, workspaceId, row.id, {
    name: input.name,
    url: input.url,
    recipients: input.recipients,
    enabled: input.enabled,
    updated_at: now,
  });
  if (!updated) throw channelNotFound(row.id);
  return toDto(updated);
}

/** PUT: the whole channel; the kind stays what it is, a webhook keeps its signing secret. */
export async function replaceChannel(db: Executor, workspaceId: string, rawId: string, body: unknown, now: Date): Promise<NotificationChannelDto> {
  const row = await load(db, workspaceId, rawId);
  return write(db, workspaceId, row, readChannelBody(body, row.kind), now);
}

/** PATCH: a JSON merge patch (RFC 7396) over the channel, then read as a whole. */
export async function patchChannel(db: Executor, workspaceId: string, rawId: string, patch: unknown, now: Date): Promise<NotificationChannelDto> {
  const row = await load(db, workspaceId, rawId);
  return write(db, workspaceId, row, readChannelBody(mergePatch(asBody(row), patch), row.kind), now);
}

export async function deleteChannel(db: Executor, workspaceId: string, rawId: string): Promise<void> {
  if (!(await repo.deleteChannel(db, workspaceId, channelId(rawId)))) throw channelNotFound(rawId);
}
