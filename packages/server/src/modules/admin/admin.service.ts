/** Administration rules: workspaces and their API clients, with secrets generated here and stored hashed. */
import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../storage/database.js';
import { ApiError, badRequest, notFound } from '../../platform/errors/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { generateSecret, hashSecret } from '../../platform/auth/secrets.js';
import { roleNames, roles } from '../../platform/rbac/permissions.js';
import { isoUtc, page, type Page } from '../../platform/query/index.js';
import * as clients from '../../platform/tenancy/api-clients.repository.js';
import * as workspaces from '../../platform/tenancy/workspaces.repository.js';
import { newWorkspaceId } from '../../platform/tenancy/ids.js';
import { parentProblem } from '../../platform/tenancy/tenant-rules.js';
import type { CreateWorkspace } from './admin.schemas.js';
import { type AdminCaller, type OperatorPermission, assertGrantable, assertReaches, isOperator, operatorOnly, workspaceNotFound } from './admin-scope.js';
import { enqueueWorkspaceFilesPurge } from './workspace-files.worker.js';
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

/** Every workspace for the operator; a workspace administrator's own workspace alone for anyone else. */
export async function listWorkspaces(db: Db, caller: AdminCaller, limit: number, offset: number): Promise<Page<ReturnType<typeof workspaceDto>>> {
  if (!isOperator(caller, 'platform.workspaces.manage')) {
    const own = await workspaces.findWorkspace(db, caller.workspaceId);
    const rows = own ? [own] : [];
    return page(rows.slice(offset, offset + limit).map(workspaceDto), offset, rows.length);
  }
  const { rows, total } = await workspaces.workspacesPage(db, limit, offset);
  return page(rows.map(workspaceDto), offset, total);
}

/** The workspace row, or the 404 of one that does not exist (also for a workspace the caller does not reach). */
export async function reachableWorkspace(db: Executor, caller: AdminCaller, id: string, permission: OperatorPermission): Promise<workspaces.WorkspaceRow> {
  assertReaches(caller, id, permission);
  const row = await workspaces.findWorkspace(db, id);
  if (!row) throw workspaceNotFound(id);
  return row;
}

export async function getWorkspace(db: Db, caller: AdminCaller, id: string) {
  return workspaceDto(await reachableWorkspace(db, caller, id, 'platform.workspaces.manage'));
}

export interface DeletionDeps {
  jobs: JobQueue;
  now: () => number;
  /** How long a job's lease lasts: the purge of files runs again this much later (ADR 0021). */
  jobLeaseMs: number;
}

/**
 * Deletes a workspace with everything in it, in one transaction: its rows (ON DELETE CASCADE and
 * the high-volume tables without a foreign key), its clients and tokens — refused by the very next
 * request in every process — and, by a durable job enqueued in the same transaction, its export
 * files. Nothing is kept for a grace period (ADR 0021). Only the operator deletes workspaces; a
 * workspace administrator gets the 404 of any other workspace and the 403 of its own.
 */
export async function deleteWorkspace(db: Db, deps: DeletionDeps, caller: AdminCaller, id: string): Promise<void> {
  assertReaches(caller, id, 'platform.workspaces.manage');
  if (!isOperator(caller, 'platform.workspaces.manage')) throw operatorOnly('platform.workspaces.manage');
  // Deleting one's own workspace would delete the very client making the call and lock the operator out.
  if (id === caller.workspaceId) {
    throw new ApiError('CONFLICT', { message: 'A client cannot delete its own workspace.' });
  }
  await db.transaction().execute(async (trx) => {
    const row = await workspaces.findWorkspace(trx, id);
    if (!row) throw workspaceNotFound(id);
    if (row.is_system) throw new ApiError('CONFLICT', { message: "The system workspace holds the installation's operators; it cannot be deleted." });
    if (await workspaces.hasTenants(trx, id)) {
      throw new ApiError('CONFLICT', { message: 'The workspace is the provider of tenant workspaces; delete its tenants first.' });
    }
    if (!(await workspaces.deleteWorkspace(trx, id))) throw workspaceNotFound(id);
    await enqueueWorkspaceFilesPurge(deps.jobs, trx, id, deps.now(), deps.jobLeaseMs);
  });
}

export async function createApiClient(
  db: Db,
  caller: AdminCaller,
  workspaceId: string,
  name: string,
  roleList: string[],
  secret = generateSecret(),
  id = randomUUID(),
) {
  const workspace = await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  assertGrantable(caller, workspace, roleList);
  const row = await clients.insertApiClient(db, {
    id,
    workspace_id: workspaceId,
    name,
    secret_hash: await hashSecret(secret),
    roles: roleList,
  });
  return { ...clientDto(row), clientSecret: secret };
}

export async function listApiClients(db: Db, caller: AdminCaller, workspaceId: string) {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  const items = (await clients.listApiClients(db, workspaceId)).map(clientDto);
  return page(items, 0, items.length);
}

export async function deleteApiClient(db: Db, caller: AdminCaller, workspaceId: string, clientId: string): Promise<void> {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
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

export async function createApiToken(
  db: Db,
  caller: AdminCaller,
  workspaceId: string,
  input: { name: string; roles: string[]; ttlDays?: number },
  nowMs: number,
  token = generateApiToken(),
  id = randomUUID(),
) {
  const workspace = await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  assertGrantable(caller, workspace, input.roles);
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
export async function listApiTokens(db: Db, caller: AdminCaller, workspaceId: string) {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  const items = (await apiTokens.listApiTokens(db, workspaceId)).map((t) => ({
    ...apiTokenDto(t),
    revokedAt: t.revoked_at && isoUtc(t.revoked_at),
  }));
  return page(items, 0, items.length);
}

/** Revokes a workspace's API token (the row stays; revoking twice keeps the first time). */
export async function revokeApiToken(db: Db, caller: AdminCaller, workspaceId: string, tokenId: string, nowMs: number): Promise<void> {
  await reachableWorkspace(db, caller, workspaceId, 'platform.clients.manage');
  if (!(await apiTokens.revokeApiToken(db, workspaceId, tokenId.toLowerCase(), new Date(nowMs)))) {
    throw notFound('consumo.admin', tokenId, { noun: 'API token' });
  }
}
