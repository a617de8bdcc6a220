/**
 * Administration of a workspace's users (ADR 0027), under the rules of API clients: the operator
 * reaches every workspace, a workspace-admin its own (admin-scope.ts), and a role is granted only
 * where API clients could hold it (assertGrantable). Deleting a user or setting a password ends
 * every session of that user.
 */
import type { Db } from '../../storage/database.js';
import { notFound } from '../../platform/errors/index.js';
import { isoUtc, page } from '../../platform/query/index.js';
import * as users from '../../platform/users/users.service.js';
import { findUser, listUsers as listUserRows, type UserRow } from '../../platform/users/users.repository.js';
import { type AdminCaller, assertGrantable } from './admin-scope.js';
import { reachableWorkspace } from './admin.service.js';
import type { CreateUser } from './admin-users.schemas.js';

const userDto = (u: UserRow) => ({
  id: u.id,
  workspaceId: u.workspace_id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  createdAt: isoUtc(u.created_at),
  updatedAt: isoUtc(u.updated_at),
});

const withPassword = (u: UserRow, password: string | undefined) => ({ ...userDto(u), ...(password !== undefined && { password }) });

const userNotFound = (id: string) => notFound('consumo.admin', id, { noun: 'User' });

export async function createUser(db: Db, caller: AdminCaller, workspaceId: string, body: CreateUser) {
  const workspace = await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  assertGrantable(caller, workspace, body.roles, 'clients and users');
  const { user, password } = await users.createUser(db, { workspaceId, email: body.email, name: body.name, password: body.password, roles: body.roles });
  return withPassword(user, password);
}

export async function listUsers(db: Db, caller: AdminCaller, workspaceId: string) {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  const items = (await listUserRows(db, workspaceId)).map(userDto);
  return page(items, 0, items.length);
}

export async function getUser(db: Db, caller: AdminCaller, workspaceId: string, userId: string) {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  const row = await findUser(db, workspaceId, userId.toLowerCase());
  if (!row) throw userNotFound(userId);
  return userDto(row);
}

export async function deleteUser(db: Db, caller: AdminCaller, workspaceId: string, userId: string): Promise<void> {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  if (!(await users.deleteUser(db, workspaceId, userId.toLowerCase()))) throw userNotFound(userId);
}

export async function setPassword(db: Db, caller: AdminCaller, workspaceId: string, userId: string, password: string | undefined, nowMs: number) {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  const result = await users.resetPassword(db, workspaceId, userId.toLowerCase(), password, nowMs);
  if (!result) throw userNotFound(userId);
  return withPassword(result.user, result.password);
}
