/** The console's pages in the navigation, each with the permission its API calls need: a person sees only what they may use. */

export interface NavItem {
  path: string;
  label: string;
  permission: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/costs', label: 'Cost explorer', permission: 'metering.costs.view' },
  { path: '/budgets', label: 'Budgets', permission: 'budgets.view' },
  { path: '/flex/orders', label: 'Flex orders', permission: 'flex.orders.view' },
  { path: '/flex/devices', label: 'Flex devices', permission: 'flex.devices.view' },
  { path: '/subscriptions', label: 'Subscriptions', permission: 'subscriptions.view' },
  { path: '/exports', label: 'Exports', permission: 'exports.view' },
  { path: '/metering', label: 'Metering', permission: 'metering.catalog.view' },
  { path: '/admin/workspaces', label: 'Workspaces', permission: 'workspace.view' },
  { path: '/admin/api-clients', label: 'API clients', permission: 'workspace.clients.manage' },
  { path: '/admin/users', label: 'Users', permission: 'workspace.users.manage' },
  { path: '/admin/roles', label: 'Roles', permission: 'platform.roles.view' },
];

export function allowedNav(permissions: readonly string[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  const held = new Set(permissions);
  return items.filter((item) => held.has(item.permission));
}
