/**
 * Subscription Management rate limits as HPE documents them, per workspace and per minute
 * (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/): add 4, update 5, list 60, get 20, async operations 30, v1alpha1 list 40,
 * auto-subscription settings 25. The documented limits, not lifted: no rateLimitMultiplier here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { metadataError } from '../../support/api-responses.js';
import { testEngines } from '../../support/test-databases.js';
import { addKeys, freshKeys, settle } from '../../support/subscription-fixtures.js';

const WINDOW = 60_000;

type Res = Awaited<ReturnType<TestApp['call']>>;
interface Tenant {
  workspaceId: string;
  token: string;
}
interface Case {
  name: string;
  limit: number;
  /** The status every call within the budget answers. */
  status: number;
  /** Prepares a workspace (its own subscription or operation), then makes one call as it. */
  prepare: (t: TestApp, tenant: Tenant) => Promise<() => Promise<Res>>;
}

/** A subscription of the tenant's own, claimed through v1 (the add budget is not the one under test). */
async function ownSubscription(t: TestApp, tenant: Tenant): Promise<string> {
  const op = await settle(t, (await addKeys(t, await freshKeys(t, 1), { token: tenant.token })).id, tenant.token);
  return (op.result as { succeededSubscriptions: { id: string }[] }).succeededSubscriptions[0]!.id;
}

const cases: Case[] = [
  {
    name: 'POST /subscriptions/v1/subscriptions (add)',
    limit: 4,
    status: 202,
    prepare: async (t, tenant) => () =>
      t.call({ method: 'POST', url: '/subscriptions/v1/subscriptions', token: tenant.token, payload: { subscriptions: [{ key: 'NOT-ISSUED' }] } }),
  },
  {
    name: 'PATCH /subscriptions/v1/subscriptions (update)',
    limit: 5,
    status: 202,
    prepare: async (t, tenant) => {
      const id = await ownSubscription(t, tenant);
      return () =>
        t.call({
          method: 'PATCH',
          url: `/subscriptions/v1/subscriptions?id=${id}`,
          token: tenant.token,
          headers: { 'content-type': 'application/merge-patch+json' },
          payload: JSON.stringify({ tags: { site: 'Houston' } }),
        });
    },
  },
  {
    name: 'GET /subscriptions/v1/subscriptions (list)',
    limit: 60,
    status: 200,
    prepare: async (t, tenant) => () => t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions', token: tenant.token }),
  },
  {
    name: 'GET /subscriptions/v1/subscriptions/{id} (get)',
    limit: 20,
    status: 200,
    prepare: async (t, tenant) => {
      const id = await ownSubscription(t, tenant);
      return () => t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions/${id}`, token: tenant.token });
    },
  },
  {
    name: 'GET /subscriptions/v1/async-operations/{id}',
    limit: 30,
    status: 200,
    prepare: async (t, tenant) => {
      const { location } = await addKeys(t, ['NOT-ISSUED'], { token: tenant.token });
      return () => t.call({ method: 'GET', url: location!, token: tenant.token });
    },
  },
  {
    name: 'GET /subscriptions/v1alpha1/subscriptions (legacy list)',
    limit: 40,
    status: 200,
    prepare: async (t, tenant) => () => t.call({ method: 'GET', url: '/subscriptions/v1alpha1/subscriptions', token: tenant.token }),
  },
  {
    name: 'GET /subscriptions/v1/auto-subscription-settings',
    limit: 25,
    status: 200,
    prepare: async (t, tenant) => () => t.call({ method: 'GET', url: '/subscriptions/v1/auto-subscription-settings', token: tenant.token }),
  },
];

describe.each(testEngines())('Subscription Management rate limits on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    // The documented limits (no multiplier). Tokens outlive the minutes the clock is moved on.
    t = await startTestApp(engine, { config: { tokenTtlSeconds: 30 * 86_400 } });
  });
  afterAll(() => t.close());

  /**
   * Moves the injected clock to the start of a fresh one-minute window, so the calls of a test all
   * fall in one window (windows are aligned to whole minutes) whatever the wall clock does.
   */
  const freshWindow = () => t.advance(WINDOW - (t.now() % WINDOW));

  const expectHeaders = (res: Res, limit: number, remaining: number, label: string) => {
    expect(res.headers['x-ratelimit-limit'], label).toBe(String(limit));
    expect(res.headers['x-ratelimit-remaining'], label).toBe(String(remaining));
    const reset = Number(res.headers['x-ratelimit-reset']);
    expect(Number.isInteger(reset), label).toBe(true);
    expect(reset, label).toBeGreaterThanOrEqual(1);
    expect(reset, label).toBeLessThanOrEqual(60);
  };

  it.each(cases)('$name: $limit per minute per workspace, then 429', async ({ limit, status, prepare }) => {
    const tenant = await t.tenant(['subscriptions-editor'], 'busy');
    const neighbour = await t.tenant(['subscriptions-editor'], 'neighbour');
    const call = await prepare(t, tenant);
    const neighbourCall = await prepare(t, neighbour);
    freshWindow();

    for (let i = 1; i <= limit; i++) {
      const res = await call();
      expect(res.statusCode, `call ${i}: ${res.body}`).toBe(status);
      expectHeaders(res, limit, limit - i, `call ${i}`);
    }

    const refused = await call();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual(
      metadataError(429, 'HPE_GL_ERROR_TOO_MANY_REQUESTS', 'Too Many Requests', {
        source: expect.any(String),
        metadata: { apiRateLimit: 'Too Many Requests. Rate limit has exceeded a predefined value.' },
      }),
    );
    expect((refused.json() as { debugId: string }).debugId).not.toBe('');
    expectHeaders(refused, limit, 0, 'refused');
    // Still refused: a 429 does not end the window.
    expect((await call()).statusCode).toBe(429);

    // Another workspace has a budget of its own.
    const theirs = await neighbourCall();
    expect(theirs.statusCode).toBe(status);
    expectHeaders(theirs, limit, limit - 1, 'neighbour');

    // The next window gives the budget back.
    t.advance(WINDOW);
    const refilled = await call();
    expect(refilled.statusCode).toBe(status);
    expectHeaders(refilled, limit, limit - 1, 'next window');
  });

  it('counts each workspace on its own: clients of the same workspace share its budget', async () => {
    const tenant = await t.tenant(['subscriptions-viewer'], 'shared');
    const second = await t.call({
      method: 'POST',
      url: `/admin/v1/workspaces/${tenant.workspaceId}/api-clients`,
      payload: { name: 'second', roles: ['subscriptions-viewer'] },
    });
    expect(second.statusCode).toBe(201);
    const { clientId, clientSecret } = second.json() as { clientId: string; clientSecret: string };
    const secondToken = await t.token(clientId, clientSecret);
    freshWindow();
    for (let i = 1; i <= 20; i++) {
      const token = i % 2 ? tenant.token : secondToken;
      const res = await t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions/0b7c2a61-95a4-4f0c-9b53-d8e3c1f0a999', token });
      // A 404 counts as well: the budget is per request, not per success.
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(20 - i));
    }
    const refused = await t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions/0b7c2a61-95a4-4f0c-9b53-d8e3c1f0a999', token: secondToken });
    expect(refused.statusCode).toBe(429);
    // The list is another endpoint, with a budget of its own.
    const list = await t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions', token: tenant.token });
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-ratelimit-limit']).toBe('60');
    expect(list.headers['x-ratelimit-remaining']).toBe('59');
  });

  it('a 400 within the budget carries the headers and counts', async () => {
    const tenant = await t.tenant(['subscriptions-viewer'], 'invalid');
    freshWindow();
    const bad = await t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions?limit=0', token: tenant.token });
    expect(bad.statusCode).toBe(400);
    expectHeaders(bad, 60, 59, 'bad limit');
    const good = await t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions', token: tenant.token });
    expectHeaders(good, 60, 58, 'then good');
  });
});
