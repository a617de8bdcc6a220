/** Typed queries over workspaces (tenants). */
import type { Executor } from '../../storage/database.js';
import { countRows, pageAndCount } from '../../storage/list-page.js';

export interface WorkspaceRow {
  id: string;
  name: string;
  parent_id: string | null;
  company_name: string | null;
  /** YYYY-MM-DD or null. */
  anniversary_billing_date: string | null;
  /** The installation's system workspace (the bootstrap's): only its clients may hold the operator role (ADR 0021). */
  is_system: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface NewWorkspace {
  id: string;
  name: string;
  parent_id?: string | null;
  company_name?: string | null;
  anniversary_billing_date?: string | null;
  /** Only the bootstrap marks its workspace the system one. */
  is_system?: boolean;
  /** Now unless given (a demo tenant is dated when it joined). */
  created_at?: Date;
  updated_at?: Date;
}

export function findWorkspace(db: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The workspaces of these ids that exist, in one statement. */
export function findWorkspaces(db: Executor, ids: readonly string[]): Promise<WorkspaceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('workspaces').selectAll().where('id', 'in', ids).execute();
}

/** Oldest first; the id breaks ties of workspaces created in the same instant. */
export function workspacesPage(db: Executor, limit: number, offset: number): Promise<{ rows: WorkspaceRow[]; total: number }> {
  const page = () => db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
  return pageAndCount(limit, page, db.selectFrom('workspaces'));
}

export function countWorkspaces(db: Executor): Promise<number> {
  return countRows(db.selectFrom('workspaces'));
}

export function insertWorkspace(db: Executor, row: NewWorkspace): Promise<WorkspaceRow> {
  return db.insertInto('workspaces').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A provider's tenants, oldest first. */
export function tenantsOf(db: Executor, parentId: string): Promise<WorkspaceRow[]> {
  return db.selectFrom('workspaces').selectAll().where('parent_id', '=', parentId).orderBy('created_at').orderBy('id').execute();
}

/** Whether the workspace has tenants (a provider with tenants is deleted after them). */
export async function hasTenants(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** High-volume tables carry workspace_id without a foreign key (no per-row check on ingest), so they are emptied here. */
const UNREFERENCED_TENANT_TABLES = ['usage_events', 'rating_marks', 'cost_records', 'cost_rollups_daily', 'cost_tag_rollups_daily'] as const;

/**
 * Deletes the workspace's row — every table that references it follows by ON DELETE CASCADE — and
 * empties the high-volume tables that carry its id without a foreign key. Run it in the caller's
 * transaction, so whatever the caller enqueues (the purge of its files) exists exactly when the
 * deletion does. False when there is no such workspace.
 */
export async function deleteWorkspace(trx: Executor, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('workspaces').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) return false;
  for (const table of UNREFERENCED_TENANT_TABLES) await trx.deleteFrom(table).where('workspace_id', '=', id).execute();
  return true;
}
