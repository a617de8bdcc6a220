/**
 * The rate-limit guard, family by family, at the documented budgets (no multiplier): exactly N
 * requests of a window are allowed, the next one is a 429 in the family's envelope with
 * `Retry-After`; and requests refused for authentication or permission (401, 403) never spend the
 * budget of the workspace's allowed clients (issue 15 point 5, ADR 0002).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const WINDOW = 60_000;
const UNKNOWN = '0b7c2a61-95a4-4f0c-9b53-d8e3c1f0a999';

type Res = Awaited<ReturnType<TestApp['call']>>;

interface Family {
  family: string;
  /** The documented budget of the endpoint, per workspace and minute. */
  limit: number;
  /** A role that holds the endpoint's permission. */
  role: string;
  /** The endpoint, as the workspace `ws` calls it. */
  url: (ws: string) => string;
  method?: 'GET' | 'POST';
  payload?: unknown;
  /** Navigator's calls carry `csp-auth-token`; the others a bearer token. */
  csp?: boolean;
  /** The 429's body, in the family's envelope. */
  tooMany: Record<string, unknown>;
}

const greenLake429 = {
  httpStatusCode: 429,
  errorCode: 'HPE_GL_ERROR_TOO_MANY_REQUESTS',
  errorDetails: [{ type: 'hpe.greenlake.metadata', metadata: { apiRateLimit: 'Too Many Requests. Rate limit has exceeded a predefined value.' } }],
};

const families: Family[] = [
  { family: 'Flex', limit: 100, role: 'flex-viewer', url: () => `/flex/v1beta1/devices/${UNKNOWN}`, tooMany: greenLake429 },
  { family: 'Subscription Management', limit: 20, role: 'subscriptions-viewer', url: () => `/subscriptions/v1/subscriptions/${UNKNOWN}`, tooMany: greenLake429 },
  { family: 'FOCUS exports', limit: 20, role: 'cost-viewer', url: () => `/consumption-analytics/v1beta1/focus-exports/${UNKNOWN}/contents`, tooMany: greenLake429 },
  { family: 'metering', limit: 30, role: 'metering-admin', method: 'POST', url: () => '/metering/v1/rating-runs', payload: { from: 'not a day' }, tooMany: greenLake429 },
  { family: 'budgets', limit: 120, role: 'budget-viewer', url: () => `/budgets/v1/alerts/${UNKNOWN}`, tooMany: greenLake429 },
  {
    family: 'Navigator',
    limit: 60,
    role: 'provider-administrator',
    csp: true,
    url: (ws) => `/cphub/api/billing/v1/orgs/${ws}/usage-report`,
    tooMany: { statusCode: 429, errorCode: 'too_many_requests', moduleCode: 'navigator' },
  },
];

describe.each(testEngines())('rate-limit guards on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // The documented limits; tokens outlive the minutes the clock is moved on.
    t = await startTestApp(engine, { config: { tokenTtlSeconds: 30 * 86_400 } });
  });
  afterAll(() => t.close());

  /** Moves the injected clock to the start of a fresh window, so a test's calls share one. */
  const freshWindow = () => t.advance(WINDOW - (t.now() % WINDOW));

  /** A second client in the workspace, with the given roles, and its token. */
  const clientIn = async (workspaceId: string, roles: string[], name: string): Promise<string> => {
    const res = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${workspaceId}/api-clients`, payload: { name, roles } });
    expect(res.statusCode, res.body).toBe(201);
    const { clientId, clientSecret } = res.json() as { clientId: string; clientSecret: string };
    return t.token(clientId, clientSecret);
  };

  const caller = (f: Family, ws: string) => (token: string) =>
    t.app.inject({
      method: f.method ?? 'GET',
      url: f.url(ws),
      headers: f.csp ? { 'csp-auth-token': token } : { authorization: `Bearer ${token}` },
      ...(f.payload !== undefined && { payload: f.payload as Record<string, unknown> }),
    });

  it.each(families)('$family: exactly $limit a minute, the next one a 429 with Retry-After', async (f) => {
    const tenant = await t.tenant([f.role], `${f.family} busy`);
    const call = caller(f, tenant.workspaceId);
    freshWindow();
    for (let i = 1; i <= f.limit; i++) {
      const res = await call(tenant.token);
      expect(res.statusCode, `call ${i}: ${res.body}`).not.toBe(429);
      expect(res.headers['x-ratelimit-limit'], `call ${i}`).toBe(String(f.limit));
      expect(res.headers['x-ratelimit-remaining'], `call ${i}`).toBe(String(f.limit - i));
    }
    const refused = await call(tenant.token);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject(f.tooMany);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${refused.headers['retry-after']}`).toBe(true);
    expect(retryAfter).toBe(Number(refused.headers['x-ratelimit-reset']));

    // Retry-After tells the truth: once it has passed, the budget is back.
    t.advance(retryAfter * 1000);
    expect((await call(tenant.token)).statusCode).not.toBe(429);
  });

  it.each(families)('$family: 403s of a client without the permission spend nothing of its workspace', async (f) => {
    const tenant = await t.tenant([f.role], `${f.family} shared`);
    const stranger = await clientIn(tenant.workspaceId, [], 'no roles');
    const call = caller(f, tenant.workspaceId);
    freshWindow();
    // Twice the budget in refusals: before the fix the first `limit` of them used the budget up.
    for (let i = 1; i <= 2 * f.limit; i++) {
      const res = await call(stranger);
      expect(res.statusCode, `refusal ${i}: ${res.body}`).toBe(403);
      expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
    }
    // And unauthenticated calls naming the workspace: 401, never counted.
    for (let i = 1; i <= 5; i++) expect((await call('not.a-token.at-all')).statusCode).toBe(401);
    for (let i = 1; i <= f.limit; i++) {
      const res = await call(tenant.token);
      expect(res.statusCode, `allowed ${i}: ${res.body}`).not.toBe(429);
      expect(res.headers['x-ratelimit-remaining'], `allowed ${i}`).toBe(String(f.limit - i));
    }
    expect((await call(tenant.token)).statusCode).toBe(429);
  });

  it('keeps the X-RateLimit headers on a 400 of an allowed client, and counts it', async () => {
    const tenant = await t.tenant(['flex-viewer'], 'bad input');
    freshWindow();
    const bad: Res = await t.call({ method: 'GET', url: '/flex/v1beta1/devices?limit=-1', token: tenant.token });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['x-ratelimit-limit']).toBe('100');
    expect(bad.headers['x-ratelimit-remaining']).toBe('99');
  });
});
