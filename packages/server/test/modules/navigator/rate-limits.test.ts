/** Navigator's calls are limited per workspace, and the 429 comes in VMware's shape with the limit headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { type Org, addOrg } from '../../support/navigator-fixtures.js';

describe.each(testEngines())('Navigator rate limits on %s', (engine) => {
  let t: TestApp;
  let org: Org;
  beforeAll(async () => {
    // 300 organization calls a minute, scaled to 1; 60 billing calls, scaled to 0.2 (none).
    t = await startTestApp(engine, { config: { rateLimitMultiplier: 1 / 300 } });
    org = await addOrg(t, 'Provider', { roles: ['provider-administrator'] });
  });
  afterAll(() => t.close());

  it('answers the call past the budget with a CSP 429 and X-RateLimit headers', async () => {
    const call = () => t.app.inject({ method: 'GET', url: '/cphub/api/auth/v1/loggedinuser/orgs', headers: { 'csp-auth-token': org.tokens['provider-administrator']! } });
    const first = await call();
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBeDefined();
    const second = await call();
    expect(second.statusCode).toBe(429);
    expect(second.json()).toMatchObject({ statusCode: 429, errorCode: 'too_many_requests', moduleCode: 'navigator' });
    expect(second.headers['x-ratelimit-remaining']).toBe('0');
    // A budget per endpoint: the tenants call still has its own.
    const tenants = await t.app.inject({ method: 'GET', url: `/cphub/api/core/v1/mgmt/orgs/${org.workspaceId}/tenants`, headers: { 'csp-auth-token': org.tokens['provider-administrator']! } });
    expect(tenants.statusCode).toBe(200);
  });
});
