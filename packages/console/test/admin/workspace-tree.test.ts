import { describe, expect, it } from 'vitest';
import { workspaceRows } from '../../src/admin/workspace-tree.js';

const ws = (id: string, name: string, parentId: string | null = null) => ({ id, name, parentId });

describe('workspaces listed with their tenants', () => {
  it('puts each provider first, by name, and its tenants under it, by name', () => {
    const rows = workspaceRows([ws('t2', 'Zeta tenant', 'p1'), ws('p2', 'Beta'), ws('p1', 'Alpha'), ws('t1', 'Acme tenant', 'p1'), ws('t3', 'Other', 'p2')]);
    expect(rows.map((r) => [r.workspace.id, r.isTenant, r.parentName, r.tenantCount])).toEqual([
      ['p1', false, null, 2],
      ['t1', true, 'Alpha', 0],
      ['t2', true, 'Alpha', 0],
      ['p2', false, null, 1],
      ['t3', true, 'Beta', 0],
    ]);
  });

  it('lists a tenant whose provider is not in the list on its own, keeping its parentId', () => {
    const rows = workspaceRows([ws('t1', 'Tenant', 'elsewhere')]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ isTenant: false, parentName: null, tenantCount: 0 });
    expect(rows[0]!.workspace.parentId).toBe('elsewhere');
  });

  it('orders equal names by id, and an empty list is empty', () => {
    expect(workspaceRows([ws('b', 'Same'), ws('a', 'Same')]).map((r) => r.workspace.id)).toEqual(['a', 'b']);
    expect(workspaceRows([])).toEqual([]);
  });
});
