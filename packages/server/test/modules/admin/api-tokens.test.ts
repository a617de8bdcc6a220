/** The administration API of workspace API tokens: created once-shown and stored hashed, listed without the token, revoked, scoped by workspace. */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/platform/formats/index.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('administration of API tokens on %s', (engine) => {
  let t: TestApp;
  let ws: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    ws = (await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Partner' } })).json().id;
  });
  afterAll(() => t.close());

  const create = (payload: unknown, workspaceId = ws) => t.call({ method: 'POST', url: `/admin/v1/workspaces/${workspaceId}/api-tokens`, payload: payload as object });
  const list = async (workspaceId = ws) => (await t.call({ method: 'GET', url: `/admin/v1/workspaces/${workspaceId}/api-tokens` })).json();

  it('creates a token shown once, expiring after ttlDays', async () => {
    const res = await create({ name: 'billing export', roles: ['provider-billing-user'], ttlDays: 30 });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['id', 'workspaceId', 'name', 'roles', 'createdAt', 'expiresAt', 'token']);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      workspaceId: ws,
      name: 'billing export',
      roles: ['provider-billing-user'],
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      token: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(30 * DAY_MS);
  });

  it('expires a token after 180 days when ttlDays is omitted', async () => {
    const body = (await create({ name: 'default ttl', roles: [] })).json();
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(180 * DAY_MS);
  });

  it('stores only the SHA-256 of the token', async () => {
    const { id, token } = (await create({ name: 'hashed', roles: ['customer-user'] })).json();
    const row = await t.db.selectFrom('workspace_api_tokens').select(['token_hash', 'workspace_id', 'roles']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row).toMatchObject({ workspace_id: ws, roles: ['customer-user'] });
    const anywhere = await t.db.selectFrom('workspace_api_tokens').select('id').where('token_hash', '=', token).execute();
    expect(anywhere).toEqual([]);
  });

  it('lists tokens without the token, revokedAt null while active', async () => {
    const own = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Listed' } });
    const listed = own.json().id;
    const a = (await create({ name: 'a', roles: ['provider-administrator'] }, listed)).json();
    const b = (await create({ name: 'b', roles: [] }, listed)).json();
    const page = await list(listed);
    expect(page).toMatchObject({ count: 2, offset: 0, total: 2 });
    expect(page.items).toEqual([
      { id: a.id, workspaceId: listed, name: 'a', roles: ['provider-administrator'], createdAt: a.createdAt, expiresAt: a.expiresAt, revokedAt: null },
      { id: b.id, workspaceId: listed, name: 'b', roles: [], createdAt: b.createdAt, expiresAt: b.expiresAt, revokedAt: null },
    ]);
    expect(JSON.stringify(page)).not.toContain(a.token);
    expect((await list(ws)).items.map((i: { id: string }) => i.id)).not.toContain(a.id);
  });

  it('revokes a token: 204, the row kept with revokedAt, again 204 with the first time', async () => {
    const { id } = (await create({ name: 'to revoke', roles: [] })).json();
    const del = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${id}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    const revoked = (await list()).items.find((i: { id: string }) => i.id === id);
    expect(revoked.revokedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${id.toUpperCase()}` })).statusCode).toBe(204);
    expect((await list()).items.find((i: { id: string }) => i.id === id).revokedAt).toBe(revoked.revokedAt);
  });

  it('answers 404 for another workspace’s token, an unknown token and an unknown workspace', async () => {
    const otherWs = (await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Other' } })).json().id;
    const theirs = (await create({ name: 'theirs', roles: [] }, otherWs)).json();
    const res = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${theirs.id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_ERROR_NOT_FOUND' });
    expect((await list(otherWs)).items[0].revokedAt).toBeNull();
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${randomUUID()}` })).statusCode).toBe(404);

    const nowhere = 'c'.repeat(32);
    expect((await create({ name: 'x', roles: [] }, nowhere)).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${nowhere}/api-tokens` })).statusCode).toBe(404);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${nowhere}/api-tokens/${theirs.id}` })).statusCode).toBe(404);
  });

  it('refuses unknown roles, bad ttlDays, unknown fields and bad ids with the GreenLake 400', async () => {
    const roles = await create({ name: 'x', roles: ['provider-administrator', 'root'] });
    expect(roles.statusCode).toBe(400);
    expect(roles.json().errorDetails[0].issues).toEqual([{ source: 'field', subject: 'roles[1]', description: expect.stringContaining("Unknown role 'root'") }]);
    for (const ttlDays of [0, 3651, 1.5, '30', null]) {
      const res = await create({ name: 'x', roles: [], ttlDays });
      expect(res.statusCode, String(ttlDays)).toBe(400);
      expect(res.json().errorDetails[0].issues[0]).toMatchObject({ source: 'field', subject: 'ttlDays' });
    }
    expect((await create({ name: 'edge', roles: [], ttlDays: 3650 })).statusCode).toBe(201);
    expect((await create({ name: 'edge', roles: [], ttlDays: 1 })).statusCode).toBe(201);
    expect((await create({ name: 'x', roles: [], token: 'mine' })).statusCode).toBe(400);
    expect((await create({ name: '', roles: [] })).statusCode).toBe(400);
    expect((await create({ name: 'x', roles: ['customer-user', 'customer-user'] })).statusCode).toBe(400);
    expect((await create({ roles: [] })).statusCode).toBe(400);
    const badId = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/not-a-uuid` });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errorDetails[0].issues[0]).toMatchObject({ source: 'path.parameter', subject: 'tokenId' });
    // Nothing was written by the refusals.
    expect((await list()).items.filter((i: { name: string }) => i.name === 'x')).toEqual([]);
  });

  it('needs platform.clients.manage', async () => {
    const viewer = await t.tenant(['flex-viewer'], 'viewer');
    for (const [method, url] of [
      ['POST', `/admin/v1/workspaces/${viewer.workspaceId}/api-tokens`],
      ['GET', `/admin/v1/workspaces/${viewer.workspaceId}/api-tokens`],
      ['DELETE', `/admin/v1/workspaces/${viewer.workspaceId}/api-tokens/${randomUUID()}`],
    ] as const) {
      const res = await t.call({ method, url, token: viewer.token, ...(method === 'POST' && { payload: { name: 'x', roles: [] } }) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await t.call({ method: 'GET', url: `/admin/v1/workspaces/${ws}/api-tokens`, token: null })).statusCode).toBe(401);
  });

  it('deletes a workspace’s tokens with the workspace', async () => {
    const gone = (await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Gone' } })).json().id;
    const { id } = (await create({ name: 'x1', roles: [] }, gone)).json();
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${gone}` })).statusCode).toBe(204);
    expect(await t.db.selectFrom('workspace_api_tokens').select('id').where('id', '=', id).execute()).toEqual([]);
  });
});
