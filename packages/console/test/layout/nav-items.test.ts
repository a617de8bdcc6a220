import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, allowedNav } from '../../src/layout/nav-items.js';

describe('navigation by permission', () => {
  it('shows only the pages the permissions allow', () => {
    expect(allowedNav(['metering.costs.view']).map((i) => i.path)).toEqual(['/costs']);
    expect(allowedNav(['budgets.view']).map((i) => i.path)).toEqual(['/budgets']);
    expect(allowedNav(['metering.costs.view', 'budgets.view', 'budgets.edit']).map((i) => i.path)).toEqual(['/costs', '/budgets']);
    expect(allowedNav(['budgets.edit'])).toEqual([]);
    expect(allowedNav(['exports.view'])).toEqual([]);
    expect(allowedNav([])).toEqual([]);
  });

  it('lists the inventory pages by their own permissions', () => {
    expect(allowedNav(['flex.orders.view']).map((i) => i.path)).toEqual(['/flex/orders']);
    expect(allowedNav(['flex.devices.view']).map((i) => i.path)).toEqual(['/flex/devices']);
    expect(allowedNav(['subscriptions.view', 'subscriptions.edit']).map((i) => i.path)).toEqual(['/subscriptions']);
    expect(allowedNav(['subscriptions.edit'])).toEqual([]);
  });

  it('names a permission for every page', () => {
    for (const item of NAV_ITEMS) expect(item.permission).toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
  });
});
