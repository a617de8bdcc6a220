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
import { parentProblem } from '../../platform/tenancy/tenant-rules.js';
import type { CreateWorkspace } from './admin.schemas.js';
import * as apiTokens from '../../platform/tenancy/api-tokens.repository.js';
import { generateApiToken, hashApiToken } from '../../platform/auth/api-tokens.js';
import { DAY_MS } from '../../platform/formats/index.js';

const workspaceDto = (w: workspaces.WorkspaceRow) => ({
  id: w.id,
  name: w.name,
  parentId: w.parent_id,
  companyName: w.company_name,
  anniversaryBillingDate: w.anniversary_billing_date,
  createdAt: isoUtc(w.created_at),
});
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

export async function createWorkspace(db: Db, body: CreateWorkspace, id: string = newWorkspaceId()) {
  if (body.parentId !== undefined) {
    const problem = await parentProblem(db, body.parentId);
    if (problem) throw badRequest([{ source: 'field', subject: 'parentId', description: problem }]);
  }
  return workspaceDto(
    await workspaces.insertWorkspace(db, {
      id,
      name: body.name,
      parent_id: body.parentId ?? null,
      company_name: body.companyName ?? null,
      anniversary_billing_date: body.anniversaryBillingDate ?? null,
    }),
  );
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
  if (await workspaces.hasTenants(db, id)) {
    throw new ApiError('CONFLICT', { message: 'The workspace is the provider of tenant workspaces; delete its tenants first.' });
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

// --- workspace API tokens (VMware Cloud Partner Navigator): the token is shown once, stored as its SHA-256 ---

/** The lifetime of an API token created without ttlDays (Navigator's six months). */
export const API_TOKEN_DEFAULT_TTL_DAYS = 180;

const apiTokenDto = (t: apiTokens.ApiTokenRow) => ({
  id: t.id,
  workspaceId: t.workspace_id,
  name: t.name,
  roles: t.roles,
  createdAt: isoUtc(t.created_at),
  expiresAt: isoUtc(t.expires_at),
});

/** The 400 naming each unknown role, as createApiClient words it. */
function assertKnownRoles(roleList: string[]): void {
  const unknown = roleList.map((r, i) => [r, i] as const).filter(([r]) => !isRoleName(r));
  if (unknown.length) {
    throw badRequest(
      unknown.map(([r, i]) => ({ source: 'field', subject: `roles[${i}]`, description: `Unknown role '${r}'; roles: ${roleNames.join(', ')}.` })),
    );
  }
}

export async function createApiToken(
  db: Db,
  workspaceId: string,
  input: { name: string; roles: string[]; ttlDays?: number },
  nowMs: number,
  token = generateApiToken(),
  id = randomUUID(),
) {
  assertKnownRoles(input.roles);
  await getWorkspace(db, workspaceId);
  const row = await apiTokens.insertApiToken(db, {
    id,
    workspace_id: workspaceId,
    name: input.name,
    roles: input.roles,
    token_hash: hashApiToken(token),
    created_at: new Date(nowMs),
    expires_at: new Date(nowMs + (input.ttlDays ?? API_TOKEN_DEFAULT_TTL_DAYS) * DAY_MS),
  });
  return { ...apiTokenDto(row), token };
}

/** A workspace's API tokens, revoked and expired ones included; never the token. */
export async function listApiTokens(db: Db, workspaceId: string) {
  await getWorkspace(db, workspaceId);
  const items = (await apiTokens.listApiTokens(db, workspaceId)).map((t) => ({
    ...apiTokenDto(t),
    revokedAt: t.revoked_at && isoUtc(t.revoked_at),
  }));
  return page(items, 0, items.length);
}

/** Revokes a workspace's API token (the row stays; revoking twice keeps the first time). */
export async function revokeApiToken(db: Db, workspaceId: string, tokenId: string, nowMs: number): Promise<void> {
  await getWorkspace(db, workspaceId);
  if (!(await apiTokens.revokeApiToken(db, workspaceId, tokenId.toLowerCase(), new Date(nowMs)))) {
    throw notFound('consumo.admin', tokenId, { noun: 'API token' });
  }
}
