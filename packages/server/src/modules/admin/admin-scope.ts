/**
 * Which workspaces an administration caller reaches (ADR 0021). The operator — a client of the
 * system workspace holding `platform-admin` — reaches every workspace; anyone else (a
 * `workspace-admin`) reaches its own workspace only, and every other workspace answers 404 as if
 * it did not exist, on every route: list, get, create in, delete.
 */
import { ApiError, type Issue, badRequest, notFound } from '../../platform/errors/index.js';
import { type Permission, isPlatformRole, isRoleName, roleNames } from '../../platform/rbac/permissions.js';

/** The permission that makes a caller the operator of a kind of administration (any workspace). */
export type OperatorPermission = 'platform.workspaces.manage' | 'platform.clients.manage';

export interface AdminCaller {
  workspaceId: string;
  permissions: ReadonlySet<Permission>;
}

export function workspaceNotFound(id: string): ApiError {
  return notFound('consumo.admin', id, { noun: 'Workspace' });
}

export function isOperator(caller: AdminCaller, permission: OperatorPermission): boolean {
  return caller.permissions.has(permission);
}

/** The 404 of a workspace that does not exist, unless the caller reaches `workspaceId`. */
export function assertReaches(caller: AdminCaller, workspaceId: string, permission: OperatorPermission): void {
  if (!isOperator(caller, permission) && caller.workspaceId !== workspaceId) throw workspaceNotFound(workspaceId);
}

/** The GreenLake 403 naming the operator permission a workspace administrator lacks. */
export function operatorOnly(permission: OperatorPermission): ApiError {
  return new ApiError('FORBIDDEN', {
    details: [{ type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.authorization', metadata: { permission } }],
  });
}

/**
 * Whether roles may be granted in a workspace by this caller, for an API client, an API token or a
 * user alike: the 400 naming each unknown role, and each platform role given to a workspace other
 * than the system one; the 403 when a caller who is not the operator grants a platform role.
 */
export function assertGrantable(caller: AdminCaller, workspace: { is_system: boolean }, roleList: readonly string[], holders = 'clients'): void {
  const issues: Issue[] = [];
  roleList.forEach((r, i) => {
    if (!isRoleName(r)) {
      issues.push({ source: 'field', subject: `roles[${i}]`, description: `Unknown role '${r}'; roles: ${roleNames.join(', ')}.` });
    } else if (isPlatformRole(r) && !workspace.is_system) {
      issues.push({
        source: 'field',
        subject: `roles[${i}]`,
        description: `Role '${r}' operates the whole installation; only ${holders} of the system workspace may hold it (a workspace's own administrator is 'workspace-admin').`,
      });
    }
  });
  if (issues.length) throw badRequest(issues);
  if (roleList.some(isPlatformRole) && !isOperator(caller, 'platform.clients.manage')) throw operatorOnly('platform.clients.manage');
}
