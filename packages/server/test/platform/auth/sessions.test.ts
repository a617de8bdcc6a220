/**
 * People signing in to the console (issue 16 point 1, ADR 0027): the session cookie and its
 * attributes, idle and absolute expiry on the app's clock, sign-out, the Origin check on
 * state-changing requests made with the cookie, the throttle on wrong passwords per account and
 * per address, the bootstrap admin user, and a user's permissions applied as a client's are.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdHash } from '../../../src/platform/auth/sessions.js';
import { isoUtc } from '../../../src/platform/query/index.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const MINUTE = 60_000;
const HOST = 'consumo.test:8080';
const ORIGIN = `http://${HOST}`;
const PASSWORD = 'correct horse battery';

/** The value of the consumo_session cookie a response sets. */
function cookieOf(res: LightMyRequestResponse): string {
  const header = String(res.headers['set-cookie'] ?? '');
  const value = /^consumo_session=([^;]*)/.exec(header)?.[1];
  if (value === undefined) throw new Error(`no session cookie in ${header}`);
  return value;
}

describe.each(testEngines())('console sessions on %s', (engine) => {
  let t: TestApp;
  let tenant: { workspaceId: string; clientId: string; clientSecret: string };
  let address = 0;
  /** A fresh source address per test: the throttle counts per address. */
  const nextAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { tokenThrottle: { failuresPerAddress: 5, failuresPerClient: 3 } } });
    tenant = await t.tenant(['workspace-admin'], 'people');
  });
  afterAll(() => t.close());

  const createUser = async (email: string, roles: string[], workspaceId = tenant.workspaceId) => {
    const res = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${workspaceId}/users`, payload: { email, password: PASSWORD, roles } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };

  const signIn = (email: string, password: string, extra: Partial<InjectOptions> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/v1/sessions',
      payload: { email, password },
      remoteAddress: nextAddress(),
      ...extra,
      headers: { host: HOST, ...extra.headers },
    });

  /** A request made as the console makes it: the cookie, our Host and Origin, no token. */
  const asUser = (cookie: string, options: InjectOptions, origin: string | null = ORIGIN) =>
    t.app.inject({ ...options, headers: { host: HOST, cookie: `theme=dark; consumo_session=${cookie}`, ...(origin !== null && { origin }), ...options.headers } });

  it('signs in with e-mail and password: 201, the user and permissions, and an HttpOnly SameSite=Strict cookie without Secure over HTTP', async () => {
    const user = await createUser('Ada@Example.com', ['cost-viewer']);
    const res = await signIn('  ADA@example.COM ', PASSWORD);
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.db.selectFrom('user_sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBe(12 * 60 * MINUTE);
    expect(res.json()).toEqual({
      user: { id: user.id, email: 'ada@example.com', name: 'ada', workspaceId: tenant.workspaceId, roles: ['cost-viewer'] },
      permissions: ['exports.view', 'metering.catalog.view', 'metering.costs.view'],
      expiresAt: isoUtc(stored.expires_at),
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^consumo_session=[A-Za-z0-9_-]{43}; Max-Age=43200; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(res.headers['cache-control']).toBe('no-store');
    // Only the SHA-256 of the cookie is stored.
    const cookie = cookieOf(res);
    const rows = await t.db.selectFrom('user_sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(rows.map((r) => r.id_hash)).toEqual([sessionIdHash(cookie)]);
    expect(JSON.stringify(rows)).not.toContain(cookie);

    const current = await asUser(cookie, { method: 'GET', url: '/auth/v1/sessions/current' }, null);
    expect(current.statusCode, current.body).toBe(200);
    expect(current.json()).toEqual(res.json());
  });

  it('refuses an unknown e-mail and a wrong password with the same 401 in the GreenLake envelope, and no cookie', async () => {
    await createUser('grace@example.com', ['cost-viewer']);
    const wrong = await signIn('grace@example.com', 'not the password');
    const unknown = await signIn('nobody@example.com', PASSWORD);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ httpStatusCode: 401, errorCode: 'HPE_GL_ERROR_UNAUTHORIZED', message: 'Unauthorized Request: the e-mail or password is wrong.' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.json().errorDetails).toEqual(unknown.json().errorDetails);
    const bad = await signIn('', '');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy, and only then', async () => {
    await createUser('secure@example.com', ['cost-viewer']);
    // This app trusts no proxy: X-Forwarded-Proto is a header like any other.
    const untrusted = await signIn('secure@example.com', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(String(untrusted.headers['set-cookie'])).not.toMatch(/Secure/);

    const proxied = await startTestApp(engine, { config: { trustProxy: true } });
    try {
      const ws = proxied.admin.workspaceId;
      const created = await proxied.call({ method: 'POST', url: `/admin/v1/workspaces/${ws}/users`, payload: { email: 'tls@example.com', password: PASSWORD, roles: [] } });
      expect(created.statusCode, created.body).toBe(201);
      const over = (proto: string) =>
        proxied.app.inject({ method: 'POST', url: '/auth/v1/sessions', payload: { email: 'tls@example.com', password: PASSWORD }, headers: { 'x-forwarded-proto': proto } });
      const https = await over('https');
      expect(https.statusCode, https.body).toBe(201);
      expect(String(https.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
      const http = await over('http');
      expect(String(http.headers['set-cookie'])).not.toMatch(/Secure/);
      // Signing out over HTTPS clears the cookie with the same attributes; the Origin is the proxied one.
      const out = await proxied.app.inject({
        method: 'DELETE',
        url: '/auth/v1/sessions/current',
        headers: { cookie: `consumo_session=${cookieOf(https)}`, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'consumo.example.com', origin: 'https://consumo.example.com' },
      });
      expect(out.statusCode, out.body).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/^consumo_session=; Max-Age=0; .*HttpOnly; SameSite=Strict; Path=\/; Secure$/);
    } finally {
      await proxied.close();
    }
  });

  it('signs out: 204, a clearing cookie, and the session is refused afterwards', async () => {
    await createUser('leaving@example.com', ['cost-viewer']);
    const cookie = cookieOf(await signIn('leaving@example.com', PASSWORD));
    const out = await asUser(cookie, { method: 'DELETE', url: '/auth/v1/sessions/current' });
    expect(out.statusCode, out.body).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^consumo_session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict; Path=\/$/);
    const after = await asUser(cookie, { method: 'GET', url: '/auth/v1/sessions/current' });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_UNAUTHORIZED' });
    const guarded = await asUser(cookie, { method: 'GET', url: '/metering/v1/cost-summary?from=2026-04-01&to=2026-05-01' });
    expect(guarded.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/auth/v1/sessions/current' })).statusCode).toBe(401);
  });

  it('ends a session after 30 idle minutes; requests keep it alive, touching it at most once a minute', async () => {
    await createUser('idle@example.com', ['cost-viewer']);
    const cookie = cookieOf(await signIn('idle@example.com', PASSWORD));
    const current = () => asUser(cookie, { method: 'GET', url: '/auth/v1/sessions/current' });
    const lastSeen = async () =>
      (await t.db.selectFrom('user_sessions').select('last_seen_at').where('id_hash', '=', sessionIdHash(cookie)).executeTakeFirstOrThrow()).last_seen_at.getTime();
    const signedInAt = await lastSeen();

    t.advance(30 * 1000);
    expect((await current()).statusCode).toBe(200);
    expect(await lastSeen()).toBe(signedInAt); // under a minute: not written
    t.advance(29 * MINUTE);
    expect((await current()).statusCode).toBe(200);
    const touched = await lastSeen();
    expect(touched).toBeGreaterThan(signedInAt);
    t.advance(29 * MINUTE); // 58 minutes after sign-in, 29 after the last request
    expect((await current()).statusCode).toBe(200);
    t.advance(30 * MINUTE);
    const idle = await current();
    expect(idle.statusCode).toBe(401);
    expect(idle.json().message).toMatch(/session has ended/);
    // The ended session's row is gone.
    expect(await t.db.selectFrom('user_sessions').select('id_hash').where('id_hash', '=', sessionIdHash(cookie)).execute()).toEqual([]);
  });

  it('deletes a user’s ended sessions, never seen again, at their next sign-in; live ones stay', async () => {
    const { id } = await createUser('forgetful@example.com', ['cost-viewer']);
    const sessions = async () => (await t.db.selectFrom('user_sessions').select('id_hash').where('user_id', '=', id).execute()).map((r) => r.id_hash).sort();
    const abandoned = cookieOf(await signIn('forgetful@example.com', PASSWORD));
    t.advance(31 * MINUTE);
    const live = cookieOf(await signIn('forgetful@example.com', PASSWORD));
    expect(await sessions()).toEqual([sessionIdHash(live)]);
    t.advance(10 * MINUTE);
    const another = cookieOf(await signIn('forgetful@example.com', PASSWORD));
    expect(await sessions()).toEqual([sessionIdHash(live), sessionIdHash(another)].sort());
    expect(abandoned).not.toBe(live);
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    await createUser('busy@example.com', ['cost-viewer']);
    const cookie = cookieOf(await signIn('busy@example.com', PASSWORD));
    for (let elapsed = 0; elapsed < 12 * 60 - 25; elapsed += 25) {
      t.advance(25 * MINUTE);
      expect((await asUser(cookie, { method: 'GET', url: '/auth/v1/sessions/current' })).statusCode).toBe(200);
    }
    t.advance(25 * MINUTE); // past 12 hours
    expect((await asUser(cookie, { method: 'GET', url: '/auth/v1/sessions/current' })).statusCode).toBe(401);
  });

  it('checks Origin on a state-changing request made with the cookie: missing and wrong are 403, ours passes', async () => {
    const admin = cookieOf(await signIn(t.admin.adminEmail, t.admin.adminPassword));
    const create = (origin: string | null, email: string) =>
      asUser(admin, { method: 'POST', url: `/admin/v1/workspaces/${tenant.workspaceId}/users`, payload: { email, roles: [] } }, origin);
    for (const origin of [null, 'https://evil.example', 'http://consumo.test:9090', 'null']) {
      const res = await create(origin, `planted-${origin}@example.com`);
      expect(res.statusCode, `${origin}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ httpStatusCode: 403, errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
      expect(JSON.stringify(res.json().errorDetails)).toMatch(/the origin check failed/);
    }
    const ok = await create(ORIGIN, 'planted-ok@example.com');
    expect(ok.statusCode, ok.body).toBe(201);
    const emails = (await t.call({ method: 'GET', url: `/admin/v1/workspaces/${tenant.workspaceId}/users` })).json().items.map((u: { email: string }) => u.email);
    expect(emails.filter((e: string) => e.startsWith('planted'))).toEqual(['planted-ok@example.com']);
    // Reads need no Origin; sign-out needs ours; sign-in refuses a foreign one.
    expect((await asUser(admin, { method: 'GET', url: `/admin/v1/workspaces/${tenant.workspaceId}/users` }, null)).statusCode).toBe(200);
    expect((await asUser(admin, { method: 'DELETE', url: '/auth/v1/sessions/current' }, 'https://evil.example')).statusCode).toBe(403);
    expect((await asUser(admin, { method: 'GET', url: '/auth/v1/sessions/current' }, null)).statusCode).toBe(200);
    const foreign = await signIn(t.admin.adminEmail, t.admin.adminPassword, { headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['set-cookie']).toBeUndefined();
  });

  it('gives the bootstrap admin user every role in the system workspace', async () => {
    expect(t.admin.adminEmail).toBe('admin@consumo.local');
    const res = await signIn(t.admin.adminEmail, t.admin.adminPassword);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email: 'admin@consumo.local', workspaceId: t.admin.workspaceId });
    expect(body.user.roles).toContain('platform-admin');
    expect(body.permissions).toContain('platform.workspaces.manage');
    expect(body.permissions).toContain('workspace.users.manage');
  });

  it('applies a user’s roles as a client’s: a cost-viewer reads cost-summary by cookie and gets 403 on admin routes', async () => {
    await createUser('viewer@example.com', ['cost-viewer']);
    const cookie = cookieOf(await signIn('viewer@example.com', PASSWORD));
    const summary = await asUser(cookie, { method: 'GET', url: '/metering/v1/cost-summary?from=2026-04-01&to=2026-05-01' });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.headers['x-ratelimit-limit']).toBeDefined();
    for (const url of [`/admin/v1/workspaces/${tenant.workspaceId}/users`, `/admin/v1/workspaces/${tenant.workspaceId}/api-clients`, '/admin/v1/roles']) {
      const res = await asUser(cookie, { method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
    }
    // A token, when sent, is what counts: the cookie does not add to a client's permissions.
    const withToken = await t.app.inject({
      method: 'GET',
      url: `/admin/v1/workspaces/${tenant.workspaceId}/users`,
      headers: { authorization: `Bearer ${await t.token(tenant.clientId, tenant.clientSecret)}`, cookie: `consumo_session=${cookie}` },
    });
    expect(withToken.statusCode, withToken.body).toBe(200);
    // A garbage cookie is a 401, not a 500.
    expect((await asUser('not-a-session', { method: 'GET', url: '/admin/v1/roles' })).statusCode).toBe(401);
  });

  it('throttles wrong passwords per account: the account is refused to the guessing address, with Retry-After', async () => {
    await createUser('target@example.com', ['cost-viewer']);
    const from = { remoteAddress: '10.77.0.1' };
    for (let i = 0; i < 3; i++) expect((await signIn('target@example.com', `guess number ${i}`, from)).statusCode).toBe(401);
    const refused = await signIn('target@example.com', PASSWORD, from);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ httpStatusCode: 429, errorCode: 'HPE_GL_ERROR_TOO_MANY_REQUESTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, from an address that has not failed, still signs in (guessing does not lock them out).
    expect((await signIn('target@example.com', PASSWORD, { remoteAddress: '10.77.0.2' })).statusCode).toBe(201);
    // After the window, the guessing address may try again.
    t.advance(MINUTE);
    expect((await signIn('target@example.com', PASSWORD, from)).statusCode).toBe(201);
  });

  it('throttles wrong passwords per address: past its failures an address is refused on every account', async () => {
    await createUser('innocent@example.com', ['cost-viewer']);
    const from = { remoteAddress: '10.78.0.1' };
    for (let i = 0; i < 5; i++) expect((await signIn(`guess-${i}@example.com`, PASSWORD, from)).statusCode).toBe(401);
    const refused = await signIn('innocent@example.com', PASSWORD, from);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await signIn('innocent@example.com', PASSWORD, { remoteAddress: '10.78.0.2' })).statusCode).toBe(201);
  });
});
