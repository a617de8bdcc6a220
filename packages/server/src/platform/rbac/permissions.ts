/**
 * Roles and the permissions they grant. Routes declare the one permission they need
 * (`config.permission`); a client holds roles. Names follow GreenLake's "<Permission> · <Resource>"
 * tables, e.g. Flex "View · Orders" is `flex.orders.view`.
 */
export const permissions = {
  'flex.orders.view': 'View Flex orders (Flex Solutions: View · Orders).',
  'flex.devices.view': 'View Flex devices (Flex Solutions: View · Devices).',
  'subscriptions.view':
    'Read subscriptions, their asynchronous operations and auto-subscription settings (GreenLake: Devices and Subscription Service · View).',
  'subscriptions.edit':
    'Add, tag and unclaim subscriptions and change auto-subscription settings (GreenLake: Devices and Subscription Service · Edit).',
  'metering.events.ingest': 'Send usage events (Metering: Ingest · Events).',
  'metering.catalog.view': 'Read billing accounts, resources, meters, prices, contracted prices and commitments.',
  'metering.catalog.edit': 'Create, replace and delete billing accounts, resources, meters, prices, contracted prices and commitments.',
  'metering.rating.run': 'Start rating runs and follow them.',
  'metering.costs.view': 'Read FOCUS cost records and cost summaries.',
  'exports.view': 'List and read FOCUS export definitions and run them (Consumption Analytics FOCUS Exports: list, get, contents).',
  'exports.manage': 'Create, change and delete FOCUS export definitions.',
  'budgets.view': 'Read customers, budgets, budget usage, alerts, budget settings and notification channels (Cloud Cruiser: Budgets and alerts).',
  'budgets.edit': 'Create, replace and delete budgets, change customers\' accounting calendars, budget settings and notification channels.',
  'navigator.orgs.view': 'Read one\'s own organization and the organizations one belongs to (VMware Cloud Partner Navigator: any organization role).',
  'navigator.tenants.manage': 'List and create the tenant organizations of one\'s provider organization (Navigator: Provider Administrator, Provider Operations Administrator).',
  'navigator.usage-report.view': 'Generate services usage reports (Navigator: Provider Administrator, Provider Billing User, Customer Administrator).',
  'navigator.usage-report.file': 'Download services usage reports as CSV (Navigator: the usage-report roles and Customer Billing User).',
  'navigator.subscriptions.view': 'View subscriptions (Navigator: Provider Administrator, Provider Operations Administrator, Provider Billing User).',
  'platform.subscription-keys.manage': 'Issue subscription keys into the provider catalog and list it.',
  'platform.workspaces.manage': 'Create, list and delete workspaces, any workspace (the operator: held only in the system workspace).',
  'platform.clients.manage': 'Create, list and delete API clients and API tokens of any workspace (the operator: held only in the system workspace).',
  'platform.roles.view': 'List roles and their permissions.',
  'workspace.view': 'Read one\'s own workspace (the operator: any workspace).',
  'workspace.clients.manage': 'Create, list and delete one\'s own workspace\'s API clients and API tokens (the operator: any workspace\'s).',
  'workspace.users.manage': 'Create, list and delete one\'s own workspace\'s users (people of the console) and set their passwords (the operator: any workspace\'s).',
} as const;

export type Permission = keyof typeof permissions;

export interface RoleDefinition {
  description: string;
  permissions: readonly Permission[];
}

export const roles = {
  'platform-admin': {
    description:
      'Operates the Consumo installation: every workspace, its API clients, API tokens and users, the subscription key catalog. ' +
      'Held only by clients of the system workspace (the one the first start bootstrapped); anywhere else it grants nothing.',
    permissions: [
      'platform.workspaces.manage',
      'platform.clients.manage',
      'platform.roles.view',
      'platform.subscription-keys.manage',
      'workspace.view',
      'workspace.clients.manage',
      'workspace.users.manage',
    ],
  },
  'workspace-admin': {
    description: 'Administers its own workspace: reads it, and creates, lists and deletes its API clients, API tokens and users. Reaches no other workspace.',
    permissions: ['workspace.view', 'workspace.clients.manage', 'workspace.users.manage', 'platform.roles.view'],
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
  'subscriptions-viewer': {
    description: 'Reads subscriptions, async operations and auto-subscription settings.',
    permissions: ['subscriptions.view'],
  },
  'subscriptions-editor': {
    description: 'Reads and changes subscriptions and auto-subscription settings.',
    permissions: ['subscriptions.view', 'subscriptions.edit'],
  },
  'metering-ingester': {
    description: 'Sends usage events (a collector or agent).',
    permissions: ['metering.events.ingest'],
  },
  'metering-admin': {
    description: 'Keeps the metering catalog and price book, sends usage, runs rating and reads costs.',
    permissions: [
      'metering.events.ingest',
      'metering.catalog.view',
      'metering.catalog.edit',
      'metering.rating.run',
      'metering.costs.view',
      'exports.view',
      'exports.manage',
    ],
  },
  'cost-viewer': {
    description: 'Reads cost records, cost summaries and the metering catalog, and runs FOCUS exports.',
    permissions: ['metering.catalog.view', 'metering.costs.view', 'exports.view'],
  },
  'budget-viewer': {
    description: 'Reads customers, budgets, their usage and alerts (Cloud Cruiser budgets and alerts).',
    permissions: ['budgets.view'],
  },
  'budget-admin': {
    description: 'Keeps budgets, customers\' accounting calendars, alert settings and notification channels.',
    permissions: ['budgets.view', 'budgets.edit'],
  },
  'provider-administrator': {
    description: 'Navigator Provider Administrator: the provider organization, its tenants, usage reports and subscriptions.',
    permissions: ['navigator.orgs.view', 'navigator.tenants.manage', 'navigator.usage-report.view', 'navigator.usage-report.file', 'navigator.subscriptions.view'],
  },
  'provider-operations-administrator': {
    description: 'Navigator Provider Operations Administrator: tenants and subscriptions, no usage reports.',
    permissions: ['navigator.orgs.view', 'navigator.tenants.manage', 'navigator.subscriptions.view'],
  },
  'provider-billing-user': {
    description: 'Navigator Provider Billing User: usage reports, their files and subscriptions.',
    permissions: ['navigator.orgs.view', 'navigator.usage-report.view', 'navigator.usage-report.file', 'navigator.subscriptions.view'],
  },
  'customer-administrator': {
    description: 'Navigator Customer Administrator (a tenant organization): usage reports and their files.',
    permissions: ['navigator.orgs.view', 'navigator.usage-report.view', 'navigator.usage-report.file'],
  },
  'customer-billing-user': {
    description: 'Navigator Customer Billing User (a tenant organization): usage report files only.',
    permissions: ['navigator.orgs.view', 'navigator.usage-report.file'],
  },
  'customer-user': {
    description: 'Navigator Customer User (a tenant organization): its organization, no billing data.',
    permissions: ['navigator.orgs.view'],
  },
  'exports-admin': {
    description: 'Keeps FOCUS export definitions and runs them.',
    permissions: ['exports.view', 'exports.manage'],
  },
} as const satisfies Record<string, RoleDefinition>;

export type RoleName = keyof typeof roles;

export const roleNames = Object.keys(roles) as RoleName[];

export function isRoleName(name: string): name is RoleName {
  return Object.hasOwn(roles, name);
}

/** Roles that operate the whole installation: they count only for clients of the system workspace (ADR 0021). */
export const PLATFORM_ROLES: readonly RoleName[] = ['platform-admin'];

export function isPlatformRole(name: string): boolean {
  return (PLATFORM_ROLES as readonly string[]).includes(name);
}

/**
 * What a subject's roles grant. `inSystemWorkspace` says whether the subject belongs to the system
 * workspace: a platform role held anywhere else grants nothing, whatever put it there — so no
 * grant in one workspace can reach another.
 */
export function permissionsOf(roleList: readonly string[], inSystemWorkspace: boolean): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roleList) {
    if (!isRoleName(role) || (!inSystemWorkspace && isPlatformRole(role))) continue;
    for (const p of roles[role].permissions) granted.add(p);
  }
  return granted;
}
