/** Typed queries over workspaces (tenants). */
import type { Db, Executor } from '../../storage/database.js';
import { countRows, pageAndCount } from '../../storage/list-page.js';

export interface WorkspaceRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

export function findWorkspace(db: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Oldest first; the id breaks ties of workspaces created in the same instant. */
export function workspacesPage(db: Executor, limit: number, offset: number): Promise<{ rows: WorkspaceRow[]; total: number }> {
  const page = () => db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
  return pageAndCount(limit, page, db.selectFrom('workspaces'));
}

export function countWorkspaces(db: Executor): Promise<number> {
  return countRows(db.selectFrom('workspaces'));
}

export function insertWorkspace(db: Executor, row: { id: string; name: string }): Promise<WorkspaceRow> {
  return db.insertInto('workspaces').values(row).returningAll().executeTakeFirstOrThrow();
}

/** High-volume tables carry workspace_id without a foreign key (no per-row check on ingest), so they are emptied here. */
const UNREFERENCED_TENANT_TABLES = ['usage_events', 'rating_marks', 'cost_records', 'cost_rollups_daily'] as const;

export async function deleteWorkspace(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('workspaces').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    for (const table of UNREFERENCED_TENANT_TABLES) await trx.deleteFrom(table).where('workspace_id', '=', id).execute();
    return true;
  });
}
