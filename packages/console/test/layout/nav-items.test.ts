import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, allowedNav } from '../../src/layout/nav-items.js';

describe('navigation by permission', () => {
  it('shows only the pages the permissions allow', () => {
    expect(allowedNav(['metering.costs.view']).map((i) => i.path)).toEqual(['/costs']);
    expect(allowedNav(['budgets.view']).map((i) => i.path)).toEqual(['/budgets']);
    expect(allowedNav(['metering.costs.view', 'budgets.view', 'budgets.edit']).map((i) => i.path)).toEqual(['/costs', '/budgets']);
    expect(allowedNav(['budgets.edit'])).toEqual([]);
    expect(allowedNav(['exports.manage'])).toEqual([]);
    expect(allowedNav([])).toEqual([]);
  });

  it('lists the inventory pages by their own permissions', () => {
    expect(allowedNav(['flex.orders.view']).map((i) => i.path)).toEqual(['/flex/orders']);
    expect(allowedNav(['flex.devices.view']).map((i) => i.path)).toEqual(['/flex/devices']);
    expect(allowedNav(['subscriptions.view', 'subscriptions.edit']).map((i) => i.path)).toEqual(['/subscriptions']);
    expect(allowedNav(['subscriptions.edit'])).toEqual([]);
  });

  it('lists the administration pages by their own permissions', () => {
    expect(allowedNav(['workspace.view']).map((i) => i.path)).toEqual(['/admin/workspaces']);
    expect(allowedNav(['workspace.clients.manage']).map((i) => i.path)).toEqual(['/admin/api-clients']);
    expect(allowedNav(['workspace.users.manage']).map((i) => i.path)).toEqual(['/admin/users']);
    expect(allowedNav(['platform.roles.view']).map((i) => i.path)).toEqual(['/admin/roles']);
    expect(allowedNav(['workspace.view', 'workspace.clients.manage', 'workspace.users.manage', 'platform.roles.view']).map((i) => i.path)).toEqual([
      '/admin/workspaces',
      '/admin/api-clients',
      '/admin/users',
      '/admin/roles',
    ]);
    expect(allowedNav(['platform.workspaces.manage'])).toEqual([]);
  });

  it('lists the Exports page to whoever may read exports', () => {
    expect(allowedNav(['exports.view']).map((i) => i.path)).toEqual(['/exports']);
    expect(allowedNav(['exports.view', 'exports.manage']).map((i) => i.path)).toEqual(['/exports']);
  });

  it('names a permission for every page', () => {
    for (const item of NAV_ITEMS) expect(item.permission).toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
  });
});
