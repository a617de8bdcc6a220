/**
 * Navigator organizations (the caller's, one, a provider's tenants) and the six organization roles
 * against every Navigator endpoint: exactly the access of Navigator's published role table, anything else
 * a 403 in VMware's error shape.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { NAVIGATOR_ROLES, type Org, addCatalog, addOrg, addUsage } from '../../support/navigator-fixtures.js';

const dashed = (id: string) => `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;

type Role = (typeof NAVIGATOR_ROLES)[number];
const PA = 'provider-administrator';
const POA = 'provider-operations-administrator';
const PBU = 'provider-billing-user';
const CA = 'customer-administrator';
const CBU = 'customer-billing-user';
const CU = 'customer-user';

/** Navigator's published role table, and the organization calls every role may make. */
const ACCESS: { name: string; method: 'GET' | 'POST'; path: (p: Org, tenant: Org) => string; payload?: object; allowed: readonly Role[]; success: number }[] = [
  { name: 'usage-report', method: 'GET', path: (p, x) => `/cphub/api/billing/v1/orgs/${dashed(x.workspaceId)}/usage-report?startTime=${Math.floor(Date.now() / 1000) - 86_400 * 20}`, allowed: [PA, PBU, CA], success: 200 },
  { name: 'usage-report/file', method: 'GET', path: (p, x) => `/cphub/api/billing/v1/orgs/${dashed(x.workspaceId)}/usage-report/file?startTime=${Math.floor(Date.now() / 1000) - 86_400 * 20}`, allowed: [PA, PBU, CA, CBU], success: 200 },
  { name: 'subscriptions', method: 'GET', path: (p, x) => `/cphub/api/billing/v1/orgs/${dashed(x.workspaceId)}/subscriptions`, allowed: [PA, POA, PBU], success: 200 },
  { name: 'tenants (list)', method: 'GET', path: (p) => `/cphub/api/core/v1/mgmt/orgs/${dashed(p.workspaceId)}/tenants`, allowed: [PA, POA], success: 200 },
  { name: 'tenants (create)', method: 'POST', path: (p) => `/cphub/api/core/v1/mgmt/orgs/${dashed(p.workspaceId)}/tenants`, payload: { displayName: 'New tenant' }, allowed: [PA, POA], success: 201 },
  { name: 'org', method: 'GET', path: (p) => `/cphub/api/core/v1/mgmt/orgs/${dashed(p.workspaceId)}/`, allowed: NAVIGATOR_ROLES, success: 200 },
  { name: 'loggedinuser/orgs', method: 'GET', path: () => '/cphub/api/auth/v1/loggedinuser/orgs', allowed: NAVIGATOR_ROLES, success: 200 },
];

describe.each(testEngines())('Navigator organizations and roles on %s', (engine) => {
  let t: TestApp;
  let provider: Org;
  let tenant: Org;
  let other: Org;

  useTestApp(engine, async (app) => {
    t = app;
    provider = await addOrg(t, 'Provider', { roles: NAVIGATOR_ROLES });
    tenant = await addOrg(t, 'Coke', { parentId: provider.workspaceId, roles: [CA, CBU, CU] });
    other = await addOrg(t, 'Other provider', { roles: [PA] });
    await addCatalog(t, tenant.workspaceId);
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    await addUsage(t, tenant, [new Date(today - 86_400_000 * 3), new Date(today - 86_400_000 * 2)]);
  }, { timeout: 60_000 });

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { 'csp-auth-token': token }, ...(payload !== undefined && { payload }) });

  for (const endpoint of ACCESS) {
    for (const role of NAVIGATOR_ROLES) {
      const allowed = endpoint.allowed.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} call ${endpoint.name}`, async () => {
        // Provider roles call as the provider (reading the tenant); customer roles as the tenant itself.
        const caller = role.startsWith('provider') ? provider : tenant;
        const token = caller.tokens[role] ?? provider.tokens[role]!;
        const res = await call(token, endpoint.method, endpoint.path(caller, tenant), endpoint.payload);
        if (allowed) {
          expect(res.statusCode, res.body).toBe(endpoint.success);
        } else {
          expect(res.statusCode).toBe(403);
          expect(res.json()).toMatchObject({ statusCode: 403, errorCode: 'forbidden', moduleCode: 'navigator' });
        }
      });
    }
  }

  it('refuses a call without a token, or with a forged one, with a CSP 401', async () => {
    for (const headers of [{}, { 'csp-auth-token': 'not.a.token' }, { authorization: 'Bearer x.y.z' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/cphub/api/auth/v1/loggedinuser/orgs', headers });
      expect(res.statusCode).toBe(401);
      expect(Object.keys(res.json())).toEqual(['statusCode', 'errorCode', 'message', 'requestId', 'cspErrorCode', 'moduleCode']);
      expect(res.json()).toMatchObject({ statusCode: 401, errorCode: 'unauthorized' });
    }
  });

  it('shows the caller its own organization, in the dashed form', async () => {
    const res = await call(tenant.tokens[CU]!, 'GET', '/cphub/api/auth/v1/loggedinuser/orgs');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      loggedInUserOrgs: [
        expect.objectContaining({ id: dashed(tenant.workspaceId), displayName: 'Coke', companyName: 'Coke Inc.', status: 'ACTIVE', orgType: 'TENANT', parentOrgId: dashed(provider.workspaceId), anniversaryBillingTime: 0 }),
      ],
    });
    expect(Object.keys(res.json().loggedInUserOrgs[0])).toEqual(['id', 'displayName', 'companyName', 'status', 'orgType', 'parentOrgId', 'anniversaryBillingTime', 'createTimestamp', 'updateTimestamp']);
  });

  it('lets a provider read its tenants, and nobody read an organization that is not theirs (404)', async () => {
    const mine = await call(provider.tokens[PA]!, 'GET', `/cphub/api/core/v1/mgmt/orgs/${tenant.workspaceId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: dashed(tenant.workspaceId), orgType: 'TENANT' });
    for (const [who, target] of [[tenant.tokens[CA]!, provider], [other.tokens[PA]!, tenant], [other.tokens[PA]!, provider], [tenant.tokens[CA]!, other]] as const) {
      for (const path of [`/cphub/api/core/v1/mgmt/orgs/${dashed(target.workspaceId)}/`, `/cphub/api/billing/v1/orgs/${target.workspaceId}/usage-report?startTime=1`]) {
        const res = await call(who, 'GET', path);
        expect(res.statusCode, path).toBe(404);
        expect(res.json()).toMatchObject({ statusCode: 404, errorCode: 'not_found' });
      }
    }
    const theirs = await call(other.tokens[PA]!, 'GET', `/cphub/api/core/v1/mgmt/orgs/${provider.workspaceId}/tenants`);
    expect(theirs.statusCode).toBe(404);
  });

  it('creates a tenant under a provider with an anniversary date, lists it, and refuses a tenant of a tenant', async () => {
    const abd = Date.parse('2026-02-15T10:30:00Z');
    const created = await call(provider.tokens[PA]!, 'POST', `/cphub/api/core/v1/mgmt/orgs/${dashed(provider.workspaceId)}/tenants`, { displayName: 'Globex', companyName: 'Globex Corporation', anniversaryBillingTime: abd });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ displayName: 'Globex', companyName: 'Globex Corporation', orgType: 'TENANT', parentOrgId: dashed(provider.workspaceId), anniversaryBillingTime: Date.parse('2026-02-15T00:00:00Z') });
    const row = await t.db.selectFrom('workspaces').selectAll().where('id', '=', body.id.replaceAll('-', '')).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parent_id: provider.workspaceId, anniversary_billing_date: '2026-02-15' });
    const list = await call(provider.tokens[POA]!, 'GET', `/cphub/api/core/v1/mgmt/orgs/${provider.workspaceId}/tenants`);
    expect(list.json().map((o: { displayName: string }) => o.displayName)).toContain('Globex');
    expect(list.json().every((o: { orgType: string }) => o.orgType === 'TENANT')).toBe(true);
    const nested = await call(provider.tokens[PA]!, 'POST', `/cphub/api/core/v1/mgmt/orgs/${body.id}/tenants`, { displayName: 'Nested' });
    expect(nested.statusCode).toBe(400);
    expect(nested.json()).toMatchObject({ statusCode: 400, errorCode: 'invalid_request' });
    expect(nested.json().message).toMatch(/tenant cannot have tenants/);
  });

  it.each([
    ['no displayName', {}],
    ['an empty displayName', { displayName: '' }],
    ['an unknown field', { displayName: 'x', plan: 'gold' }],
    ['a NUL character', { displayName: 'a\u0000b' }],
    ['a negative anniversary time', { displayName: 'x', anniversaryBillingTime: -1 }],
    ['an anniversary time as text', { displayName: 'x', anniversaryBillingTime: 'soon' }],
    ['an array', [{ displayName: 'x' }]],
  ])('refuses a tenant with %s (CSP 400, nothing stored)', async (_name, payload) => {
    const before = await t.db.selectFrom('workspaces').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await call(provider.tokens[PA]!, 'POST', `/cphub/api/core/v1/mgmt/orgs/${provider.workspaceId}/tenants`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, errorCode: 'invalid_request' });
    const after = await t.db.selectFrom('workspaces').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers an unknown path under /cphub or /csp with a CSP 404, a known one with another method a CSP 405', async () => {
    for (const url of ['/cphub/api/billing/v1/orgs/x/nothing', '/csp/gateway/am/api/nothing', '/cphub']) {
      const res = await call(provider.tokens[PA]!, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ statusCode: 404, errorCode: 'not_found' });
    }
    const res = await call(provider.tokens[PA]!, 'POST', `/cphub/api/billing/v1/orgs/${provider.workspaceId}/usage-report`);
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json()).toMatchObject({ statusCode: 405, errorCode: 'method_not_allowed' });
    // Elsewhere the GreenLake envelope is unchanged.
    expect((await t.app.inject({ method: 'GET', url: '/flex/v1beta1/nothing' })).json()).toMatchObject({ httpStatusCode: 404 });
  });

  it('answers a body that is not JSON with a CSP 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/cphub/api/core/v1/mgmt/orgs/${provider.workspaceId}/tenants`, headers: { 'csp-auth-token': provider.tokens[PA]!, 'content-type': 'text/plain' }, payload: 'displayName=x' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ statusCode: 415, errorCode: 'unsupported_media_type' });
  });
});
