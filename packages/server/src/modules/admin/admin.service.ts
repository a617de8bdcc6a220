/** Administration rules: workspaces and their API clients, with secrets generated here and stored hashed. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { ApiError, badRequest, notFound } from '../../platform/errors/index.js';
import { generateSecret, hashSecret } from '../../platform/auth/secrets.js';
import { isRoleName, roleNames, roles } from '../../platform/rbac/permissions.js';
import { isoUtc, page, type Page } from '../../platform/query/index.js';
import * as clients from '../../platform/tenancy/api-clients.repository.js';
import * as workspaces from '../../platform/tenancy/workspaces.repository.js';
import { newWorkspaceId } from '../../platform/tenancy/ids.js';

const workspaceDto = (w: workspaces.WorkspaceRow) => ({ id: w.id, name: w.name, createdAt: isoUtc(w.created_at) });
const clientDto = (c: clients.ApiClientRow) => ({
  clientId: c.id,
  workspaceId: c.workspace_id,
  name: c.name,
  roles: c.roles,
  createdAt: isoUtc(c.created_at),
});

function workspaceNotFound(id: string): ApiError {
  return notFound('consumo.admin', id, { noun: 'Workspace' });
}

export function listRoles() {
  const items = roleNames.map((name) => ({ name, description: roles[name].description, permissions: [...roles[name].permissions] }));
  return page(items, 0, items.length);
}

export async function createWorkspace(db: Db, name: string, id: string = newWorkspaceId()) {
  return workspaceDto(await workspaces.insertWorkspace(db, { id, name }));
}

export async function listWorkspaces(db: Db, limit: number, offset: number): Promise<Page<ReturnType<typeof workspaceDto>>> {
  const { rows, total } = await workspaces.workspacesPage(db, limit, offset);
  return page(rows.map(workspaceDto), offset, total);
}

export async function getWorkspace(db: Db, id: string) {
  const row = await workspaces.findWorkspace(db, id);
  if (!row) throw workspaceNotFound(id);
  return workspaceDto(row);
}

export async function deleteWorkspace(db: Db, id: string, callerWorkspaceId: string): Promise<void> {
  // Deleting one's own workspace would delete the very client making the call and lock the operator out.
  if (id === callerWorkspaceId) {
    throw new ApiError('CONFLICT', { message: 'A client cannot delete its own workspace.' });
  }
  if (!(await workspaces.deleteWorkspace(db, id))) throw workspaceNotFound(id);
}

export async function createApiClient(db: Db, workspaceId: string, name: string, roleList: string[], secret = generateSecret(), id = randomUUID()) {
  const unknown = roleList.map((r, i) => [r, i] as const).filter(([r]) => !isRoleName(r));
  if (unknown.length) {
    throw badRequest(
      unknown.map(([r, i]) => ({ source: 'field', subject: `roles[${i}]`, description: `Unknown role '${r}'; roles: ${roleNames.join(', ')}.` })),
    );
  }
  await getWorkspace(db, workspaceId);
  const row = await clients.insertApiClient(db, {
    id,
    workspace_id: workspaceId,
    name,
    secret_hash: await hashSecret(secret),
    roles: roleList,
  });
  return { ...clientDto(row), clientSecret: secret };
}

export async function listApiClients(db: Db, workspaceId: string) {
  await getWorkspace(db, workspaceId);
  const items = (await clients.listApiClients(db, workspaceId)).map(clientDto);
  return page(items, 0, items.length);
}

export async function deleteApiClient(db: Db, workspaceId: string, clientId: string): Promise<void> {
  await getWorkspace(db, workspaceId);
  if (!(await clients.deleteApiClient(db, workspaceId, clientId.toLowerCase()))) {
    throw notFound('consumo.admin', clientId, { noun: 'API client' });
  }
}
