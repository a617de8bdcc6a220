/**
 * Which roles a person may grant in a workspace, as the server decides (admin-scope.ts): the
 * platform role only by the operator (platform.clients.manage), and only in the operator's own
 * (system) workspace; anything else is not offered rather than refused.
 */
export const PLATFORM_ROLES: readonly string[] = ['platform-admin'];

export function grantableRoles(roleNames: readonly string[], permissions: readonly string[], ownWorkspaceId: string, workspaceId: string): string[] {
  const operator = permissions.includes('platform.clients.manage');
  return roleNames.filter((name) => !PLATFORM_ROLES.includes(name) || (operator && ownWorkspaceId === workspaceId));
}
