/** The workspace's budget settings row: default thresholds and the default alert cost level. No row means the system defaults. */
import type { Selectable } from 'kysely';
import type { BudgetSettingsTable, Executor } from '../../../storage/database.js';

export type BudgetSettingsRow = Selectable<BudgetSettingsTable>;

export type BudgetSettingsValues = Omit<BudgetSettingsRow, 'workspace_id' | 'updated_at'>;

export function findSettings(db: Executor, workspaceId: string): Promise<BudgetSettingsRow | undefined> {
  return db.selectFrom('budget_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** Writes the workspace's settings whole (creating the row on the first write) and answers the row. */
export function upsertSettings(db: Executor, workspaceId: string, values: BudgetSettingsValues, now: Date): Promise<BudgetSettingsRow> {
  return db
    .insertInto('budget_settings')
    .values({ workspace_id: workspaceId, ...values, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
