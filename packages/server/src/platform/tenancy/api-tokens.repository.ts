/**
 * Typed queries over workspace_api_tokens (VMware Cloud Partner Navigator's API tokens). Every read
 * but the two the exchange and the guard make (by hash, by id) is scoped by workspace; a token is
 * never deleted here, only revoked (the row stays, so a revoked token is told from an unknown one).
 */
import type { Executor } from '../../storage/database.js';

export interface ApiTokenRow {
  id: string;
  workspace_id: string;
  name: string;
  roles: string[];
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface NewApiToken {
  id: string;
  workspace_id: string;
  name: string;
  roles: string[];
  token_hash: string;
  created_at: Date;
  expires_at: Date;
}

export function insertApiToken(db: Executor, row: NewApiToken): Promise<ApiTokenRow> {
  return db.insertInto('workspace_api_tokens').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A workspace's tokens, revoked and expired ones included, oldest first. */
export function listApiTokens(db: Executor, workspaceId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('workspace_api_tokens')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The token whose SHA-256 is `tokenHash` (the exchange), whatever its workspace or state. */
export function findApiTokenByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('workspace_api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * The token an access token was minted from, with whether its workspace is the system one (the
 * guard, on every request: a revoked token or a deleted workspace is refused at once everywhere).
 */
export function findApiTokenById(db: Executor, id: string): Promise<(ApiTokenRow & { workspace_is_system: boolean }) | undefined> {
  return db
    .selectFrom('workspace_api_tokens as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .selectAll('t')
    .select('w.is_system as workspace_is_system')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/**
 * Revokes a workspace's token at `at`; a token already revoked keeps its first revocation time.
 * False when the workspace has no token with that id.
 */
export async function revokeApiToken(db: Executor, workspaceId: string, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('workspace_api_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
