/** Typed queries over auto_subscription_settings; every one scoped by workspace. */
import type { Selectable } from 'kysely';
import type { AutoSubscriptionSettingsTable, Executor } from '../../../storage/database.js';
import type { AutoSubscriptionSetting } from './auto-settings.enums.js';

export type SettingsRow = Selectable<AutoSubscriptionSettingsTable>;

/** The workspace's one settings row (the workspace trigger creates it). */
export function findByWorkspace(db: Executor, workspaceId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('auto_subscription_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/**
 * The workspace's settings if `id` is theirs, locked until the transaction ends so that concurrent
 * updates of the same settings run one after the other and none is lost.
 */
export function lockById(db: Executor, workspaceId: string, id: string): Promise<SettingsRow | undefined> {
  return db
    .selectFrom('auto_subscription_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findById(db: Executor, workspaceId: string, id: string): Promise<SettingsRow | undefined> {
  return db
    .selectFrom('auto_subscription_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Replaces the settings, bumps the generation and stamps `updated_at`, in one statement. */
export function saveSettings(
  db: Executor,
  workspaceId: string,
  settings: AutoSubscriptionSetting[],
  updatedAt: Date,
): Promise<SettingsRow> {
  return db
    .updateTable('auto_subscription_settings')
    .set((eb) => ({ settings: JSON.stringify(settings), generation: eb('generation', '+', 1), updated_at: updatedAt }))
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
