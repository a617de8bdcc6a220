/** Typed queries over api_clients; every read but the credential check is scoped by workspace. */
import type { Executor } from '../../storage/database.js';

export interface ApiClientRow {
  id: string;
  workspace_id: string;
  name: string;
  secret_hash: string;
  roles: string[];
  created_at: Date;
}

export function findApiClient(db: Executor, clientId: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', clientId).executeTakeFirst();
}

/**
 * A client with whether its workspace is the system one — what the guard needs, read on every
 * request (never cached: a deleted client or workspace is refused at once in every process).
 */
export function findApiClientForAuth(db: Executor, clientId: string): Promise<(ApiClientRow & { workspace_is_system: boolean }) | undefined> {
  return db
    .selectFrom('api_clients as c')
    .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .selectAll('c')
    .select('w.is_system as workspace_is_system')
    .where('c.id', '=', clientId)
    .executeTakeFirst();
}

export function listApiClients(db: Executor, workspaceId: string): Promise<ApiClientRow[]> {
  return db
    .selectFrom('api_clients')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertApiClient(
  db: Executor,
  row: { id: string; workspace_id: string; name: string; secret_hash: string; roles: string[] },
): Promise<ApiClientRow> {
  return db.insertInto('api_clients').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteApiClient(db: Executor, workspaceId: string, clientId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('api_clients')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', clientId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
