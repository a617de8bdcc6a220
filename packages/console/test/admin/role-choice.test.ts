import { describe, expect, it } from 'vitest';
import { grantableRoles } from '../../src/admin/role-choice.js';

const ROLES = ['platform-admin', 'workspace-admin', 'cost-viewer'];
const OPERATOR = ['platform.workspaces.manage', 'platform.clients.manage', 'workspace.clients.manage'];
const WORKSPACE_ADMIN = ['workspace.view', 'workspace.clients.manage', 'workspace.users.manage', 'platform.roles.view'];

describe('roles offered for granting', () => {
  it('offers the platform role to the operator in its own (system) workspace only', () => {
    expect(grantableRoles(ROLES, OPERATOR, 'sys', 'sys')).toEqual(ROLES);
    expect(grantableRoles(ROLES, OPERATOR, 'sys', 'tenant')).toEqual(['workspace-admin', 'cost-viewer']);
  });

  it('never offers it to a workspace administrator', () => {
    expect(grantableRoles(ROLES, WORKSPACE_ADMIN, 'w1', 'w1')).toEqual(['workspace-admin', 'cost-viewer']);
  });
});
