/** The administration API and RBAC: roles, workspaces, API clients; 403 without the permission; isolation between workspaces. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('administration on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('lists roles with their permissions', async () => {
    const res = await t.call({ method: 'GET', url: '/admin/v1/roles' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((r: { name: string }) => r.name);
    expect(names).toContain('platform-admin');
    expect(res.json().items.find((r: { name: string }) => r.name === 'flex-viewer').permissions).toEqual(['flex.orders.view', 'flex.devices.view']);
  });

  it('creates, lists, gets and deletes workspaces', async () => {
    const created = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Acme' } });
    expect(created.statusCode).toBe(201);
    const ws = created.json();
    expect(ws).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Acme', parentId: null, companyName: null, anniversaryBillingDate: null, createdAt: expect.any(String) });
    const list = (await t.call({ method: 'GET', url: '/admin/v1/workspaces' })).json();
    expect(list.items.map((w: { id: string }) => w.id)).toContain(ws.id);
    expect(list.total).toBe(list.items.length);
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${ws.id}` })).json().name).toBe('Acme');
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws.id}` })).statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${ws.id}` })).statusCode).toBe(404);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws.id}` })).statusCode).toBe(404);
  });

  it('creates a tenant workspace under a provider, refuses a tenant of a tenant, and deletes a provider only after its tenants', async () => {
    const provider = (await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Provider' } })).json();
    const created = await t.call({
      method: 'POST',
      url: '/admin/v1/workspaces',
      payload: { name: 'Coke', parentId: provider.id, companyName: 'The Coca-Cola Company', anniversaryBillingDate: '2026-03-15' },
    });
    expect(created.statusCode).toBe(201);
    const tenant = created.json();
    expect(tenant).toMatchObject({ name: 'Coke', parentId: provider.id, companyName: 'The Coca-Cola Company', anniversaryBillingDate: '2026-03-15' });
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${tenant.id}` })).json()).toEqual(tenant);

    const nested = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Nested', parentId: tenant.id } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errorDetails[0].issues[0]).toMatchObject({ subject: 'parentId', description: expect.stringMatching(/tenant cannot have tenants/) });
    const orphan = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Orphan', parentId: '0'.repeat(32) } });
    expect(orphan.statusCode).toBe(400);
    for (const payload of [{ name: 'x', anniversaryBillingDate: '2026-02-30' }, { name: 'x', anniversaryBillingDate: 'soon' }, { name: 'x', parentId: 'ABC' }]) {
      expect((await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }

    const blocked = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${provider.id}` });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toMatch(/delete its tenants first/);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${tenant.id}` })).statusCode).toBe(204);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${provider.id}` })).statusCode).toBe(204);
  });

  it('refuses to delete the caller’s own workspace', async () => {
    const res = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${t.admin.workspaceId}` });
    expect(res.statusCode).toBe(409);
  });

  it('creates API clients whose secret is shown once and whose roles are checked', async () => {
    const ws = (await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Clients' } })).json();
    const res = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${ws.id}/api-clients`, payload: { name: 'reader', roles: ['flex-viewer'] } });
    expect(res.statusCode).toBe(201);
    const client = res.json();
    expect(client).toMatchObject({ clientId: expect.any(String), clientSecret: expect.any(String), roles: ['flex-viewer'], workspaceId: ws.id });
    const list = (await t.call({ method: 'GET', url: `/admin/v1/workspaces/${ws.id}/api-clients` })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].clientSecret).toBeUndefined();

    const bad = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${ws.id}/api-clients`, payload: { name: 'x', roles: ['flex-viewer', 'root'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errorDetails[0].issues).toEqual([{ source: 'field', subject: 'roles[1]', description: expect.stringContaining("Unknown role 'root'") }]);

    const missingWs = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${'a'.repeat(32)}/api-clients`, payload: { name: 'x', roles: [] } });
    expect(missingWs.statusCode).toBe(404);
    const badId = await t.call({ method: 'GET', url: '/admin/v1/workspaces/not-an-id/api-clients' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errorDetails[0].issues[0]).toMatchObject({ source: 'path.parameter', subject: 'workspaceId' });
  });

  it('gives a client with no roles no permissions: the GreenLake 403 everywhere', async () => {
    const none = await t.tenant([], 'nobody');
    for (const url of ['/flex/v1beta1/orders', '/flex/v1beta1/orders/transform?group-by=sowId', '/flex/v1beta1/devices', '/admin/v1/roles']) {
      const res = await t.call({ method: 'GET', url, token: none.token });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ httpStatusCode: 403, errorCode: 'HPE_GL_ERROR_FORBIDDEN', message: 'Forbidden Request' });
    }
  });

  it('grants exactly what each role declares', async () => {
    const orders = await t.tenant(['flex-orders-viewer'], 'orders-only');
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/orders', token: orders.token })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token: orders.token })).statusCode).toBe(403);
    const viewer = await t.tenant(['flex-viewer'], 'viewer');
    expect((await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'nope' }, token: viewer.token })).statusCode).toBe(403);
  });
});
