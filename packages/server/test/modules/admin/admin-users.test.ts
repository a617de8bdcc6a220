/**
 * The admin API of a workspace's users (issue 16 point 1, ADR 0027): create with a chosen or a
 * generated password (shown once), list, get, delete, set the password; the 12-character rule;
 * e-mail unique in the installation; roles granted under the API clients' rule; a workspace-admin
 * reaches its own workspace only; deleting a user or setting a password ends the user's sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySecret } from '../../../src/platform/auth/secrets.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const PASSWORD = 'twelve chars!';

describe.each(testEngines())('admin users on %s', (engine) => {
  let t: TestApp;
  let a: { workspaceId: string; token: string };
  let b: { workspaceId: string; token: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    a = await t.tenant(['workspace-admin'], 'A');
    b = await t.tenant(['workspace-admin'], 'B');
  });
  afterAll(() => t.close());

  const users = (workspaceId: string) => `/admin/v1/workspaces/${workspaceId}/users`;
  const signIn = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/auth/v1/sessions', payload: { email, password } });
  const current = (cookie: string) => t.app.inject({ method: 'GET', url: '/auth/v1/sessions/current', headers: { cookie } });
  const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

  it('creates a user with a chosen password (not echoed) and signs them in; the hash is scrypt', async () => {
    const res = await t.call({ method: 'POST', url: users(a.workspaceId), token: a.token, payload: { email: 'Lin@Example.org', name: 'Lin Qi', password: PASSWORD, roles: ['budget-viewer'] } });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      workspaceId: a.workspaceId,
      email: 'lin@example.org',
      name: 'Lin Qi',
      roles: ['budget-viewer'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const row = await t.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(await verifySecret(PASSWORD, row.password_hash)).toBe(true);
    expect((await signIn('lin@example.org', PASSWORD)).statusCode).toBe(201);

    const got = await t.call({ method: 'GET', url: `${users(a.workspaceId)}/${user.id}`, token: a.token });
    expect(got.json()).toEqual(user);
    const list = await t.call({ method: 'GET', url: users(a.workspaceId), token: a.token });
    expect(list.json()).toMatchObject({ items: [user], total: 1 });
  });

  it('generates a password when none is given and shows it once', async () => {
    const res = await t.call({ method: 'POST', url: users(a.workspaceId), token: a.token, payload: { email: 'gen@example.org', roles: [] } });
    expect(res.statusCode, res.body).toBe(201);
    const { password, id, name } = res.json();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(name).toBe('gen');
    expect((await signIn('gen@example.org', password)).statusCode).toBe(201);
    expect((await t.call({ method: 'GET', url: `${users(a.workspaceId)}/${id}`, token: a.token })).json().password).toBeUndefined();
  });

  it('refuses a short password saying the rule, a bad e-mail, an unknown or platform role, and a taken e-mail', async () => {
    const post = (payload: Record<string, unknown>, workspaceId = a.workspaceId, token = a.token) => t.call({ method: 'POST', url: users(workspaceId), token, payload });
    const short = await post({ email: 'short@example.org', password: 'elevenchars', roles: [] });
    expect(short.statusCode).toBe(400);
    expect(short.json().errorDetails[0].issues).toEqual([{ source: 'field', subject: 'password', description: 'A password must be at least 12 characters long.' }]);
    const empty = await post({ email: 'empty@example.org', password: '', roles: [] });
    expect(empty.json().errorDetails[0].issues).toEqual([{ source: 'field', subject: 'password', description: 'A password must be at least 12 characters long.' }]);
    const email = await post({ email: 'not an email', password: PASSWORD, roles: [] });
    expect(email.statusCode).toBe(400);
    expect(email.json().errorDetails[0].issues[0]).toMatchObject({ subject: 'email' });
    const roles = await post({ email: 'roles@example.org', password: PASSWORD, roles: ['wizard', 'platform-admin'] });
    expect(roles.statusCode).toBe(400);
    expect(roles.json().errorDetails[0].issues).toEqual([
      expect.objectContaining({ subject: 'roles[0]', description: expect.stringMatching(/Unknown role 'wizard'/) }),
      expect.objectContaining({ subject: 'roles[1]', description: expect.stringMatching(/only clients and users of the system workspace may hold it/) }),
    ]);
    // The operator's own workspace: platform-admin is grantable there by the operator only.
    const sys = await post({ email: 'ops@example.org', password: PASSWORD, roles: ['platform-admin'] }, t.admin.workspaceId, await t.token());
    expect(sys.statusCode, sys.body).toBe(201);
    // The e-mail is unique in the installation, whatever its case, in any workspace.
    const taken = await post({ email: 'OPS@example.org', password: PASSWORD, roles: [] }, b.workspaceId, b.token);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_CONFLICT', message: "A user with e-mail 'ops@example.org' already exists." });
    const extra = await post({ email: 'x@example.org', password: PASSWORD, roles: [], admin: true });
    expect(extra.statusCode).toBe(400);
    const none = await t.call({ method: 'GET', url: users(a.workspaceId), token: a.token });
    expect(none.json().items.map((u: { email: string }) => u.email).sort()).toEqual(['gen@example.org', 'lin@example.org']);
  });

  it('gives another workspace’s administrator the 404 of a missing workspace, and a client without the permission 403', async () => {
    const created = await t.call({ method: 'POST', url: users(a.workspaceId), token: a.token, payload: { email: 'kept@example.org', password: PASSWORD, roles: [] } });
    const id = created.json().id;
    for (const [method, url, payload] of [
      ['GET', users(a.workspaceId)],
      ['POST', users(a.workspaceId), { email: 'planted@example.org', roles: [] }],
      ['GET', `${users(a.workspaceId)}/${id}`],
      ['DELETE', `${users(a.workspaceId)}/${id}`],
      ['POST', `${users(a.workspaceId)}/${id}/password`, {}],
    ] as const) {
      const res = await t.call({ method, url, token: b.token, ...(payload && { payload }) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await signIn('kept@example.org', PASSWORD)).statusCode).toBe(201);
    const viewer = await t.tenant(['cost-viewer'], 'C');
    expect((await t.call({ method: 'GET', url: users(viewer.workspaceId), token: viewer.token })).statusCode).toBe(403);
    const missing = await t.call({ method: 'GET', url: `${users(a.workspaceId)}/00000000-0000-4000-8000-000000000000`, token: a.token });
    expect(missing.statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: `${users(a.workspaceId)}/not-a-uuid`, token: a.token })).statusCode).toBe(400);
  });

  it('setting a password ends the user’s sessions; the new one (chosen or generated) signs in, the old does not', async () => {
    const id = (await t.call({ method: 'POST', url: users(a.workspaceId), token: a.token, payload: { email: 'reset@example.org', password: PASSWORD, roles: [] } })).json().id;
    const cookie = cookieOf(await signIn('reset@example.org', PASSWORD));
    expect((await current(cookie)).statusCode).toBe(200);

    const short = await t.call({ method: 'POST', url: `${users(a.workspaceId)}/${id}/password`, token: a.token, payload: { password: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toContain('at least 12 characters');
    expect((await current(cookie)).statusCode).toBe(200);

    const chosen = await t.call({ method: 'POST', url: `${users(a.workspaceId)}/${id}/password`, token: a.token, payload: { password: 'a brand new secret' } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().password).toBeUndefined();
    expect((await current(cookie)).statusCode).toBe(401);
    expect((await signIn('reset@example.org', PASSWORD)).statusCode).toBe(401);
    expect((await signIn('reset@example.org', 'a brand new secret')).statusCode).toBe(201);

    const generated = await t.call({ method: 'POST', url: `${users(a.workspaceId)}/${id}/password`, token: a.token, payload: {} });
    expect(generated.statusCode).toBe(200);
    expect((await signIn('reset@example.org', generated.json().password)).statusCode).toBe(201);
  });

  it('deleting a user ends their sessions at once', async () => {
    const id = (await t.call({ method: 'POST', url: users(a.workspaceId), token: a.token, payload: { email: 'gone@example.org', password: PASSWORD, roles: ['cost-viewer'] } })).json().id;
    const cookie = cookieOf(await signIn('gone@example.org', PASSWORD));
    expect((await current(cookie)).statusCode).toBe(200);
    const del = await t.call({ method: 'DELETE', url: `${users(a.workspaceId)}/${id}`, token: a.token });
    expect(del.statusCode, del.body).toBe(204);
    expect((await current(cookie)).statusCode).toBe(401);
    expect(await t.db.selectFrom('user_sessions').select('id_hash').where('user_id', '=', id).execute()).toEqual([]);
    expect((await t.call({ method: 'DELETE', url: `${users(a.workspaceId)}/${id}`, token: a.token })).statusCode).toBe(404);
    expect((await signIn('gone@example.org', PASSWORD)).statusCode).toBe(401);
  });
});
