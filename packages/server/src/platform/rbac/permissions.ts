/**
 * Roles and the permissions they grant. Routes declare the one permission they need
 * (`config.permission`); a client holds roles. Names follow GreenLake's "<Permission> · <Resource>"
 * tables, e.g. Flex "View · Orders" is `flex.orders.view`.
 */
export const permissions = {
  'flex.orders.view': 'View Flex orders (Flex Solutions: View · Orders).',
  'flex.devices.view': 'View Flex devices (Flex Solutions: View · Devices).',
  'platform.workspaces.manage': 'Create, list and delete workspaces (any workspace).',
  'platform.clients.manage': 'Create, list and delete API clients of any workspace.',
  'platform.roles.view': 'List roles and their permissions.',
} as const;

export type Permission = keyof typeof permissions;

export interface RoleDefinition {
  description: string;
  permissions: readonly Permission[];
}

export const roles = {
  'platform-admin': {
    description: 'Operates the Consumo installation: workspaces, API clients, roles.',
    permissions: ['platform.workspaces.manage', 'platform.clients.manage', 'platform.roles.view'],
  },
  'flex-viewer': {
    description: 'Reads Flex orders and devices.',
    permissions: ['flex.orders.view', 'flex.devices.view'],
  },
  'flex-orders-viewer': {
    description: 'Reads Flex orders only.',
    permissions: ['flex.orders.view'],
  },
  'flex-devices-viewer': {
    description: 'Reads Flex devices only.',
    permissions: ['flex.devices.view'],
  },
} as const satisfies Record<string, RoleDefinition>;

export type RoleName = keyof typeof roles;

export const roleNames = Object.keys(roles) as RoleName[];

export function isRoleName(name: string): name is RoleName {
  return Object.hasOwn(roles, name);
}

export function permissionsOf(roleList: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roleList) {
    if (isRoleName(role)) for (const p of roles[role].permissions) granted.add(p);
  }
  return granted;
}
