/**
 * Navigator organizations over workspaces (ADR 0020): a workspace is an organization, a tenant is a
 * workspace whose provider is its parent. The caller sees its own organization and, when it is a
 * provider, its tenants; anything else is a 404, as elsewhere.
 */
import type { Db, Executor } from '../../../storage/database.js';
import { dashedWorkspaceId, newWorkspaceId, readWorkspaceId } from '../../../platform/tenancy/ids.js';
import { anniversaryDateOf, anniversaryTimeOf, parentProblem } from '../../../platform/tenancy/tenant-rules.js';
import { type WorkspaceRow, findWorkspace, findWorkspaces, insertWorkspace, tenantsOf } from '../../../platform/tenancy/workspaces.repository.js';
import { CspError, cspNotFound } from '../csp-errors.js';
import type { CreateTenant, Org } from '../navigator.schemas.js';

export function orgDto(row: WorkspaceRow): Org {
  return {
    id: dashedWorkspaceId(row.id),
    displayName: row.name,
    companyName: row.company_name,
    status: 'ACTIVE',
    orgType: row.parent_id === null ? 'PROVIDER' : 'TENANT',
    parentOrgId: row.parent_id === null ? null : dashedWorkspaceId(row.parent_id),
    anniversaryBillingTime: anniversaryTimeOf(row.anniversary_billing_date),
    createTimestamp: row.created_at.getTime(),
    updateTimestamp: row.updated_at.getTime(),
  };
}

const noSuchOrg = (text: string) => cspNotFound(`Organization '${text}' not found.`);

/** Finds an organization by workspace id. */
export type OrgLookup = (id: string) => Promise<WorkspaceRow | undefined>;

/**
 * A lookup that has read the given ids in one statement (a call naming an organization and a
 * tenant costs one round trip, not two) and reads any other id when asked.
 */
export async function prefetchedOrgs(db: Executor, ids: readonly (string | undefined)[]): Promise<OrgLookup> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const found = new Map((await findWorkspaces(db, wanted)).map((row) => [row.id, row]));
  return async (id) => (wanted.includes(id) ? found.get(id) : findWorkspace(db, id));
}

/** A lookup over rows a statement returned already, for the ids it read (absent: there is none); any other id is read when asked. */
export function readOrgs(db: Executor, ids: readonly (string | undefined)[], rows: readonly WorkspaceRow[]): OrgLookup {
  const found = new Map(rows.map((row) => [row.id, row]));
  return async (id) => (ids.includes(id) ? found.get(id) : findWorkspace(db, id));
}

/** The organization `orgIdText` names, if it is the caller's own or one of the caller's tenants. */
export async function visibleOrg(db: Executor, callerWorkspaceId: string, orgIdText: string, lookup: OrgLookup = (id) => findWorkspace(db, id)): Promise<WorkspaceRow> {
  const id = readWorkspaceId(orgIdText);
  const row = id === undefined ? undefined : await lookup(id);
  if (!row || (row.id !== callerWorkspaceId && row.parent_id !== callerWorkspaceId)) throw noSuchOrg(orgIdText);
  return row;
}

/** The caller's own organization (a token whose workspace is gone answers 404, never 500). */
export async function ownOrg(db: Executor, callerWorkspaceId: string): Promise<WorkspaceRow> {
  const row = await findWorkspace(db, callerWorkspaceId);
  if (!row) throw noSuchOrg(dashedWorkspaceId(callerWorkspaceId));
  return row;
}

export async function listTenants(db: Db, callerWorkspaceId: string, orgIdText: string): Promise<Org[]> {
  const org = await visibleOrg(db, callerWorkspaceId, orgIdText);
  return (await tenantsOf(db, org.id)).map(orgDto);
}

export async function createTenant(db: Db, callerWorkspaceId: string, orgIdText: string, body: CreateTenant): Promise<Org> {
  const org = await visibleOrg(db, callerWorkspaceId, orgIdText);
  const problem = await parentProblem(db, org.id);
  if (problem) throw new CspError(400, problem, { module: 'navigator.core' });
  const row = await insertWorkspace(db, {
    id: newWorkspaceId(),
    name: body.displayName,
    parent_id: org.id,
    company_name: body.companyName ?? null,
    anniversary_billing_date: anniversaryDateOf(body.anniversaryBillingTime ?? 0),
  });
  return orgDto(row);
}
