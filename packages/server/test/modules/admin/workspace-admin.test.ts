/**
 * Administration that cannot cross tenants (issue 15 point 1, ADR 0021): the operator role
 * platform-admin counts only in the system workspace; a workspace-admin reaches its own workspace
 * and gets the 404 of a workspace that does not exist on every admin route of any other.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src/platform/auth/secrets.js';
import { insertApiClient } from '../../../src/platform/tenancy/api-clients.repository.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

interface Admin {
  workspaceId: string;
  clientId: string;
  token: string;
}

function expectNotFound(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(404);
  expect(res.json(), what).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_ERROR_NOT_FOUND' });
}

describe.each(testEngines())('workspace administration on %s', (engine) => {
  let t: TestApp;
  let a: Admin;
  let b: Admin;
  /** A client and an API token of A that B's administrator tries to reach. */
  let aClient: string;
  let aToken: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    a = await t.tenant(['workspace-admin'], 'A');
    b = await t.tenant(['workspace-admin'], 'B');
    aClient = (await t.call({ method: 'POST', url: `/admin/v1/workspaces/${a.workspaceId}/api-clients`, payload: { name: 'a-reader', roles: ['flex-viewer'] } })).json().clientId;
    aToken = (await t.call({ method: 'POST', url: `/admin/v1/workspaces/${a.workspaceId}/api-tokens`, payload: { name: 'a-token', roles: ['customer-user'] } })).json().id;
  });
  afterAll(() => t.close());

  const as = (admin: Admin, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    t.call({ method, url, token: admin.token, ...(payload && { payload }) });

  it('gives B’s workspace-admin the 404 of a missing workspace on every admin route of A, and changes nothing of A', async () => {
    const ws = `/admin/v1/workspaces/${a.workspaceId}`;
    const attempts: [string, 'GET' | 'POST' | 'DELETE', string, Record<string, unknown>?][] = [
      ['get workspace', 'GET', ws],
      ['delete workspace', 'DELETE', ws],
      ['create api client', 'POST', `${ws}/api-clients`, { name: 'planted', roles: ['workspace-admin'] }],
      ['list api clients', 'GET', `${ws}/api-clients`],
      ['delete api client', 'DELETE', `${ws}/api-clients/${aClient}`],
      ['create api token', 'POST', `${ws}/api-tokens`, { name: 'planted', roles: ['customer-user'] }],
      ['list api tokens', 'GET', `${ws}/api-tokens`],
      ['revoke api token', 'DELETE', `${ws}/api-tokens/${aToken}`],
      ['get the system workspace', 'GET', `/admin/v1/workspaces/${t.admin.workspaceId}`],
      ['list the system workspace’s clients', 'GET', `/admin/v1/workspaces/${t.admin.workspaceId}/api-clients`],
    ];
    for (const [what, method, url, payload] of attempts) expectNotFound(await as(b, method, url, payload), what);
    // A workspace that does not exist answers the same: B learns nothing about A.
    expectNotFound(await as(b, 'GET', `/admin/v1/workspaces/${'0'.repeat(32)}`), 'missing workspace');

    // The list shows B alone.
    const list = await as(b, 'GET', '/admin/v1/workspaces');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [{ id: b.workspaceId, name: 'B' }], total: 1 });

    // Nothing of A changed: its admin, client and token are all there, the token not revoked, and A still works.
    const clients = (await t.call({ method: 'GET', url: `${ws}/api-clients` })).json().items.map((c: { name: string }) => c.name);
    expect(clients.sort()).toEqual(['A', 'a-reader']);
    const tokens = (await t.call({ method: 'GET', url: `${ws}/api-tokens` })).json().items;
    expect(tokens).toMatchObject([{ id: aToken, revokedAt: null }]);
    expect((await as(a, 'GET', `${ws}/api-clients`)).statusCode).toBe(200);
  });

  it('lets B’s workspace-admin manage B: read it, create, list and delete its clients and tokens', async () => {
    const ws = `/admin/v1/workspaces/${b.workspaceId}`;
    expect((await as(b, 'GET', ws)).json()).toMatchObject({ id: b.workspaceId, name: 'B' });
    expect((await as(b, 'GET', '/admin/v1/roles')).statusCode).toBe(200);

    const created = await as(b, 'POST', `${ws}/api-clients`, { name: 'b-ops', roles: ['workspace-admin', 'metering-admin'] });
    expect(created.statusCode, created.body).toBe(201);
    const client = created.json();
    expect(client).toMatchObject({ workspaceId: b.workspaceId, roles: ['workspace-admin', 'metering-admin'], clientSecret: expect.any(String) });
    expect((await as(b, 'GET', `${ws}/api-clients`)).json().items.map((c: { clientId: string }) => c.clientId)).toContain(client.clientId);
    // The new client administers B too.
    const its = await t.token(client.clientId, client.clientSecret);
    expect((await t.call({ method: 'GET', url: `${ws}/api-clients`, token: its })).statusCode).toBe(200);
    expect((await as(b, 'DELETE', `${ws}/api-clients/${client.clientId}`)).statusCode).toBe(204);

    const token = await as(b, 'POST', `${ws}/api-tokens`, { name: 'b-token', roles: ['customer-user'] });
    expect(token.statusCode, token.body).toBe(201);
    expect((await as(b, 'GET', `${ws}/api-tokens`)).json().items).toHaveLength(1);
    expect((await as(b, 'DELETE', `${ws}/api-tokens/${token.json().id}`)).statusCode).toBe(204);
  });

  it('keeps the installation to the operator: creating workspaces and deleting one’s own are 403', async () => {
    const create = await as(b, 'POST', '/admin/v1/workspaces', { name: 'mine' });
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
    const own = await as(b, 'DELETE', `/admin/v1/workspaces/${b.workspaceId}`);
    expect(own.statusCode).toBe(403);
    expect(own.json().errorDetails[0].metadata).toEqual({ permission: 'platform.workspaces.manage' });
    expect((await as(b, 'GET', '/admin/v1/subscription-keys')).statusCode).toBe(403);
  });

  it('refuses platform-admin for a client or token of any workspace but the system one, with the admin 400 naming the role', async () => {
    for (const [what, url] of [
      ['client', `/admin/v1/workspaces/${a.workspaceId}/api-clients`],
      ['token', `/admin/v1/workspaces/${a.workspaceId}/api-tokens`],
    ] as const) {
      const res = await t.call({ method: 'POST', url, payload: { name: 'escalate', roles: ['flex-viewer', 'platform-admin'] } });
      expect(res.statusCode, what).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(res.json().errorDetails[0].issues).toEqual([
        { source: 'field', subject: 'roles[1]', description: expect.stringMatching(/only clients of the system workspace may hold it/) },
      ]);
    }
    // Nor may A's own administrator give it to A's clients.
    const own = await as(a, 'POST', `/admin/v1/workspaces/${a.workspaceId}/api-clients`, { name: 'escalate', roles: ['platform-admin'] });
    expect(own.statusCode).toBe(400);
  });

  it('lets the operator make more operators in the system workspace, and no one else', async () => {
    const sys = `/admin/v1/workspaces/${t.admin.workspaceId}/api-clients`;
    const created = await t.call({ method: 'POST', url: sys, payload: { name: 'second operator', roles: ['platform-admin'] } });
    expect(created.statusCode, created.body).toBe(201);
    const op = await t.token(created.json().clientId, created.json().clientSecret);
    const all = await t.call({ method: 'GET', url: '/admin/v1/workspaces', token: op });
    expect(all.json().items.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining([a.workspaceId, b.workspaceId, t.admin.workspaceId]));

    // A workspace-admin of the system workspace administers its clients, but cannot make an operator.
    const sysAdmin = await t.call({ method: 'POST', url: sys, payload: { name: 'system admin', roles: ['workspace-admin'] } });
    const sysAdminToken = await t.token(sysAdmin.json().clientId, sysAdmin.json().clientSecret);
    const escalate = await t.call({ method: 'POST', url: sys, payload: { name: 'x', roles: ['platform-admin'] }, token: sysAdminToken });
    expect(escalate.statusCode).toBe(403);
    expectNotFound(await t.call({ method: 'GET', url: `/admin/v1/workspaces/${a.workspaceId}`, token: sysAdminToken }), 'system workspace-admin on A');
  });

  it('grants nothing for platform-admin held outside the system workspace (a client planted before this rule)', async () => {
    const secret = 'planted-secret-0123456789';
    const id = randomUUID();
    await insertApiClient(t.db, { id, workspace_id: b.workspaceId, name: 'planted', secret_hash: await hashSecret(secret), roles: ['platform-admin'] });
    const planted = await t.token(id, secret);
    expect((await t.call({ method: 'GET', url: '/admin/v1/workspaces', token: planted })).statusCode).toBe(403);
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${a.workspaceId}/api-clients`, token: planted })).statusCode).toBe(403);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${a.workspaceId}`, token: planted })).statusCode).toBe(403);
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${a.workspaceId}` })).statusCode).toBe(200);
  });

  it('refuses to delete the system workspace', async () => {
    const res = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${t.admin.workspaceId}` });
    expect(res.statusCode).toBe(409);
  });
});
