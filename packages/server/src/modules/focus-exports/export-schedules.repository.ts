/** Typed queries of the schedule tick: which definitions are due, and claiming one for today. */
import type { Executor } from '../../storage/database.js';
import type { FocusExportSchedule } from './focus-exports.enums.js';

export interface DueDefinition {
  workspace_id: string;
  id: string;
  schedule: FocusExportSchedule | null;
}

/** Definitions with a schedule that has not run today (across workspaces: the tick serves them all). */
export function dueDefinitions(db: Executor, today: string): Promise<DueDefinition[]> {
  return db
    .selectFrom('focus_exports')
    .select(['workspace_id', 'id', 'schedule'])
    .where('schedule', 'is not', null)
    .where((eb) => eb.or([eb('last_scheduled_for', 'is', null), eb('last_scheduled_for', '<', today)]))
    .orderBy('workspace_id')
    .orderBy('id')
    .execute();
}

/** Moves the definition's `last_scheduled_for` to today if nobody has; true when this call did. */
export async function claimForToday(trx: Executor, definition: DueDefinition, today: string): Promise<boolean> {
  const res = await trx
    .updateTable('focus_exports')
    .set({ last_scheduled_for: today })
    .where('workspace_id', '=', definition.workspace_id)
    .where('id', '=', definition.id)
    .where('schedule', '=', definition.schedule)
    .where((eb) => eb.or([eb('last_scheduled_for', 'is', null), eb('last_scheduled_for', '<', today)]))
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
