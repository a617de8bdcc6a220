/**
 * ADR 0034 on the one-tenant usage report (issue 14 point 10): `GET …/usage-report?tenantId=…`
 * starts from the principal remembered for the `csp-auth-token` and checks it inside the report's
 * own statement. ADR 0021's guarantee holds exactly: a revoked API token, a role change or a deleted
 * workspace, made through another instance (another connection pool, as another process has), is
 * refused by the very next request to the instance that had just answered — with the guard's 401 or
 * 403 in VMware's error shape, whatever the request, and without spending the rate-limit budget. A
 * failed check is never taken for "no data" (the documented refusal of an organization without an
 * active service), and a deleted tenant is still the documented unknown-tenant 400.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../../src/platform/tenancy/workspaces.repository.js';
import { newWorkspaceId } from '../../../src/platform/tenancy/ids.js';
import type { TestApp } from '../../support/test-app.js';
import { addCatalog } from '../../support/navigator-fixtures.js';
import { type TwoDatabases, withTwoApps, twoDatabaseVariants } from '../../support/two-databases.js';

const variants = twoDatabaseVariants();
const START = Math.floor(Date.now() / 1000) - 86_400 * 150;

describe.each(variants)('the one-tenant usage report on a remembered principal, one %s database', (_name, open) => {
  let dbs: TwoDatabases;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let operator: string;

  withTwoApps(open, (apps) => ({ dbs, one, two, operator } = apps));

  const admin = (options: InjectOptions) => one.inject({ ...options, headers: { authorization: `Bearer ${operator}`, ...options.headers } });
  const catalog = (workspaceId: string) => addCatalog({ db: dbs.first.db, now: () => Date.now() } as unknown as TestApp, workspaceId);

  /** A provider with a tenant (with or without services), and an API token of `holder` exchanged through the second instance. */
  async function setUp(options: { holder: 'provider' | 'tenant'; roles: string[]; services?: boolean }) {
    const provider = newWorkspaceId();
    const tenant = newWorkspaceId();
    await insertWorkspace(dbs.first.db, { id: provider, name: 'Provider', parent_id: null, company_name: null, anniversary_billing_date: null });
    await insertWorkspace(dbs.first.db, { id: tenant, name: 'Tenant', parent_id: provider, company_name: null, anniversary_billing_date: '2026-01-15' });
    if (options.services !== false) await catalog(tenant);
    const holder = options.holder === 'provider' ? provider : tenant;
    const created = await admin({ method: 'POST', url: `/admin/v1/workspaces/${holder}/api-tokens`, payload: { name: 'ci', roles: options.roles } });
    expect(created.statusCode, created.body).toBe(201);
    const exchanged = await two.inject({
      method: 'POST',
      url: '/csp/gateway/am/api/auth/api-tokens/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_token: created.json().token }).toString(),
    });
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    return { provider, tenant, holder, tokenId: created.json().id as string, access: exchanged.json().access_token as string };
  }

  type Setup = Awaited<ReturnType<typeof setUp>>;
  const report = (s: Setup, query = `startTime=${START}&tenantId=${s.tenant}`) =>
    two.inject({ method: 'GET', url: `/cphub/api/billing/v1/orgs/${s.holder}/usage-report?${query}`, headers: { 'csp-auth-token': s.access } });

  async function answered(s: Setup) {
    for (let i = 0; i < 2; i++) {
      const res = await report(s);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toHaveLength(1);
      expect(res.json()[0].services.map((x: { serviceName: string }) => x.serviceName)).toEqual(['VMware Cloud on AWS', 'VMware Log Intelligence']);
    }
  }

  function expectRefused(res: Awaited<ReturnType<typeof report>>, status: 401 | 403) {
    expect(res.statusCode, res.body).toBe(status);
    expect(Object.keys(res.json())).toEqual(['statusCode', 'errorCode', 'message', 'requestId', 'cspErrorCode', 'moduleCode']);
    expect(res.json()).toMatchObject({ statusCode: status, errorCode: status === 401 ? 'unauthorized' : 'forbidden' });
    // Refused before the count, as when the guard reads the principal first.
    expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
  }

  it('answers as before while the principal holds, bad input keeping its CSP 400', async () => {
    const s = await setUp({ holder: 'provider', roles: ['provider-billing-user'] });
    await answered(s);
    const bad = await report(s, `startTime=nope&tenantId=${s.tenant}`);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json()).toMatchObject({ statusCode: 400, errorCode: 'invalid_request' });
    // Several organizations: the general path, after the principal is read in full.
    const all = await report(s, `startTime=${START}`);
    expect(all.statusCode, all.body).toBe(200);
  });

  it('refuses a revoked API token by the very next request: 401 for the report and for bad input', async () => {
    const s = await setUp({ holder: 'provider', roles: ['provider-billing-user'] });
    await answered(s);
    expect((await admin({ method: 'DELETE', url: `/admin/v1/workspaces/${s.provider}/api-tokens/${s.tokenId}` })).statusCode).toBe(204);
    expectRefused(await report(s), 401);
    expectRefused(await report(s, `startTime=nope&tenantId=${s.tenant}`), 401);
  });

  it('follows a role change made in another connection by the very next request, in both directions', async () => {
    const s = await setUp({ holder: 'provider', roles: ['provider-billing-user'] });
    await answered(s);
    const remaining = Number((await report(s)).headers['x-ratelimit-remaining']);
    await sql`update workspace_api_tokens set roles = '{provider-operations-administrator}' where id = ${s.tokenId}`.execute(dbs.first.db);
    expectRefused(await report(s), 403);
    await sql`update workspace_api_tokens set roles = '{provider-billing-user}' where id = ${s.tokenId}`.execute(dbs.first.db);
    const back = await report(s);
    expect(back.statusCode, back.body).toBe(200);
    // The refused request was taken back: this is the next count after the last allowed one.
    expect(Number(back.headers['x-ratelimit-remaining'])).toBe(remaining - 1);
    // A change that still grants the permission: the report, never a refusal from the failed check.
    await sql`update workspace_api_tokens set roles = '{provider-billing-user,provider-administrator}' where id = ${s.tokenId}`.execute(dbs.first.db);
    await answered(s);
  });

  it("refuses a deleted workspace's token by the very next request (401), and a deleted tenant is the documented 400", async () => {
    const own = await setUp({ holder: 'tenant', roles: ['customer-administrator'] });
    await answered(own);
    expect((await admin({ method: 'DELETE', url: `/admin/v1/workspaces/${own.tenant}` })).statusCode).toBe(204);
    expectRefused(await report(own), 401);

    const s = await setUp({ holder: 'provider', roles: ['provider-billing-user'] });
    await answered(s);
    expect((await admin({ method: 'DELETE', url: `/admin/v1/workspaces/${s.tenant}` })).statusCode).toBe(204);
    const gone = await report(s);
    expect(gone.statusCode, gone.body).toBe(400);
    expect(gone.json()).toMatchObject({ statusCode: 400 });
    expect(gone.json().message).toMatch(/is not a tenant of organization/);
  });

  it('follows a changed anniversary date: the same report as the general path, before and after', async () => {
    const s = await setUp({ holder: 'provider', roles: ['provider-billing-user'] });
    const general = async () => (await report(s, `startTime=${START}`)).json();
    await answered(s);
    expect((await report(s)).json()).toEqual(await general());
    await sql`update workspaces set anniversary_billing_date = '2026-01-20' where id = ${s.tenant}`.execute(dbs.first.db);
    for (let i = 0; i < 2; i++) {
      const res = await report(s);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual(await general());
      expect(res.json()[0].services[0].subscriptions[0].anniversaryBillingTime).toBe(Date.parse('2026-01-20T00:00:00Z'));
    }
  });

  it('never takes a failed check for "no data": a revoked token is 401, not the refusal of an organization without an active service', async () => {
    const s = await setUp({ holder: 'provider', roles: ['provider-billing-user'], services: false });
    for (let i = 0; i < 2; i++) {
      const none = await report(s);
      expect(none.statusCode, none.body).toBe(400);
      expect(none.json().message).toMatch(/no active cloud service/);
    }
    await sql`update workspace_api_tokens set revoked_at = now() where id = ${s.tokenId}`.execute(dbs.first.db);
    expectRefused(await report(s), 401);
  });
});
