/** Which workspaces' first-start demo seeding has not finished (table demo_seedings, migration 0014). */
import type { Db, Executor } from '../storage/database.js';

/** Marks the workspace's demo as to be seeded; in the bootstrap's transaction, so the mark and the workspace commit together. */
export async function markDemoPending(trx: Executor, workspaceId: string): Promise<void> {
  await trx.insertInto('demo_seedings').values({ workspace_id: workspaceId }).onConflict((oc) => oc.column('workspace_id').doNothing()).execute();
}

export async function pendingDemoWorkspaces(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('demo_seedings').select('workspace_id').orderBy('started_at').execute();
  return rows.map((r) => r.workspace_id);
}

export async function clearDemoPending(db: Db, workspaceId: string): Promise<void> {
  await db.deleteFrom('demo_seedings').where('workspace_id', '=', workspaceId).execute();
}
