/**
 * Typed queries over users and user_sessions (ADR 0027). Every read is scoped by workspace but the
 * two sign-in and the session guard make before the workspace is known: by e-mail and by session hash.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Executor, UsersTable } from '../../storage/database.js';

export type UserRow = Selectable<UsersTable>;

/** A user to insert: every column but the two times, which the database sets. */
export type NewUser = Omit<Insertable<UsersTable>, 'created_at' | 'updated_at'>;

export function insertUser(db: Executor, row: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The user with this (lower-case) e-mail, in whichever workspace (sign-in). */
export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUser(db: Executor, workspaceId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Executor, workspaceId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
}

export async function deleteUser(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function setPasswordHash(db: Executor, workspaceId: string, id: string, passwordHash: string, at: Date): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

// --- sessions ---

export interface SessionRow {
  workspace_id: string;
  id_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('user_sessions').values(row).execute();
}

/** A session with its user and whether the user's workspace is the system one (the guard, on every request). */
export function findSessionByHash(
  db: Executor,
  idHash: string,
): Promise<(SessionRow & { email: string; name: string; roles: string[]; workspace_is_system: boolean }) | undefined> {
  return db
    .selectFrom('user_sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 's.workspace_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .selectAll('s')
    .select(['u.email', 'u.name', 'u.roles', 'w.is_system as workspace_is_system'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, workspaceId: string, idHash: string, at: Date): Promise<void> {
  await db.updateTable('user_sessions').set({ last_seen_at: at }).where('workspace_id', '=', workspaceId).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, workspaceId: string, idHash: string): Promise<void> {
  await db.deleteFrom('user_sessions').where('workspace_id', '=', workspaceId).where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Executor, workspaceId: string, userId: string): Promise<void> {
  await db.deleteFrom('user_sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
}

/** Deletes a user's sessions that have ended (absolute expiry passed, or idle since `idleSince`). */
export async function deleteEndedSessions(db: Executor, workspaceId: string, userId: string, now: Date, idleSince: Date): Promise<void> {
  await db
    .deleteFrom('user_sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}
