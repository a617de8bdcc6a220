/** Typed queries over notification_channels; every one scoped by workspace. */
import type { Expression, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { Executor, NotificationChannelsTable } from '../../../storage/database.js';
import type { PageSort } from '../../../storage/list-page.js';
import { orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';

export type ChannelRow = Selectable<NotificationChannelsTable>;
export type ChannelChanges = Omit<Updateable<NotificationChannelsTable>, 'id' | 'workspace_id' | 'kind' | 'signing_secret' | 'created_at'>;

export function findChannel(db: Executor, workspaceId: string, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('notification_channels').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function insertChannel(db: Executor, row: Insertable<NotificationChannelsTable>): Promise<ChannelRow> {
  return db.insertInto('notification_channels').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateChannel(db: Executor, workspaceId: string, id: string, changes: ChannelChanges): Promise<ChannelRow | undefined> {
  return db.updateTable('notification_channels').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteChannel(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('notification_channels').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page of the workspace's channels matching `where`, and how many match. */
export async function listChannels(
  db: Executor,
  workspaceId: string,
  q: { where: Expression<SqlBool> | undefined; sort: readonly PageSort[]; limit: number; offset: number },
): Promise<{ rows: ChannelRow[]; total: number }> {
  const base = () => {
    const b = db.selectFrom('notification_channels').where('workspace_id', '=', workspaceId);
    return q.where ? b.where(q.where) : b;
  };
  const rows = () => orderedBy(base().selectAll(), stableSort(q.sort, ['id'])).limit(q.limit).offset(q.offset).execute();
  return pageAndCount(q.limit, rows, base() as never);
}

/** The channels an alert is sent to: the workspace's enabled ones. */
export function enabledChannels(db: Executor, workspaceId: string): Promise<Pick<ChannelRow, 'id' | 'kind' | 'url' | 'recipients'>[]> {
  return db
    .selectFrom('notification_channels')
    .select(['id', 'kind', 'url', 'recipients'])
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
