/** Auto-subscription settings (v1 and v1alpha1) as HPE documents them: shapes, ids, merge patch, generation, limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';

const DEPRECATION = 'Wed, 15 Jan 2025 23:59:59 GMT';
const SUNSET = 'Tue, 15 Apr 2025 23:59:59 GMT';
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

/** The settings id of a workspace: its 32 hex digits written as a UUID. */
const uuidOf = (workspaceId: string) =>
  `${workspaceId.slice(0, 8)}-${workspaceId.slice(8, 12)}-${workspaceId.slice(12, 16)}-${workspaceId.slice(16, 20)}-${workspaceId.slice(20)}`;

interface Issue {
  source: string;
  subject: string;
  description: string;
}

describe.each(testEngines())('Auto-subscription settings on %s', (engine) => {
  let t: TestApp;
  const url = (version: string, id?: string) => `/subscriptions/${version}/auto-subscription-settings${id === undefined ? '' : `/${id}`}`;
  const get = (path: string, token?: string) => t.call({ method: 'GET', url: path, ...(token && { token }) });
  const patch = (path: string, body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
    t.call({
      method: 'PATCH',
      url: path,
      headers: { ...MERGE_PATCH, ...options.headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
      ...(options.token && { token: options.token }),
    });
  const issues = (res: { json(): { errorDetails: { issues: Issue[] }[] } }) => res.json().errorDetails[0]!.issues;
  /** A workspace of its own (own settings, own rate-limit budget) with an editor client. */
  const editor = async (name = 'editor') => {
    const tenant = await t.tenant(['subscriptions-editor'], name);
    const path = (v = 'v1') => url(v, uuidOf(tenant.workspaceId));
    return {
      ...tenant,
      id: uuidOf(tenant.workspaceId),
      path,
      /** PATCHes this workspace's settings with its own token. */
      patch: (body: unknown, headers?: Record<string, string>, version = 'v1') => patch(path(version), body, { token: tenant.token, ...(headers && { headers }) }),
    };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  describe('reading', () => {
    it('lists the bootstrap workspace settings in the documented shape and property order', async () => {
      const res = await get(url('v1'));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const id = uuidOf(t.admin.workspaceId);
      expect(body).toEqual({
        items: [
          {
            id,
            type: 'subscriptions/auto-subscription-settings',
            resourceUri: `/subscriptions/v1/auto-subscription-settings/${id}`,
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/),
            updatedAt: body.items[0].createdAt,
            generation: 1,
            tenantWorkspaceId: t.admin.workspaceId,
            autoSubscriptionSettings: [],
          },
        ],
        count: 1,
        offset: 0,
        total: 1,
      });
      expect(Object.keys(body.items[0])).toEqual([
        'id', 'type', 'resourceUri', 'createdAt', 'updatedAt', 'generation', 'tenantWorkspaceId', 'autoSubscriptionSettings',
      ]);
    });

    it('has settings for a workspace created through the admin API right away', async () => {
      const tenant = await t.tenant(['subscriptions-viewer'], 'fresh');
      const list = (await get(url('v1'), tenant.token)).json();
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ id: uuidOf(tenant.workspaceId), tenantWorkspaceId: tenant.workspaceId, generation: 1, autoSubscriptionSettings: [] });
      const one = await get(url('v1', uuidOf(tenant.workspaceId)), tenant.token);
      expect(one.statusCode).toBe(200);
      expect(one.json().id).toBe(uuidOf(tenant.workspaceId));
    });

    it('gets the settings by settings id (any case) and by workspace id, without tenantWorkspaceId', async () => {
      const id = uuidOf(t.admin.workspaceId);
      for (const form of [id, id.toUpperCase(), t.admin.workspaceId, t.admin.workspaceId.toUpperCase()]) {
        const res = await get(url('v1', form));
        expect(res.statusCode, form).toBe(200);
        expect(res.json().id, form).toBe(id);
        expect(Object.keys(res.json()), form).toEqual([
          'id', 'type', 'resourceUri', 'createdAt', 'updatedAt', 'generation', 'autoSubscriptionSettings',
        ]);
        expect(res.json().resourceUri).toBe(`/subscriptions/v1/auto-subscription-settings/${id}`);
      }
    });

    it("answers 404 HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND for another workspace's id or an unknown one", async () => {
      const other = await t.tenant(['subscriptions-viewer'], 'other');
      for (const id of [uuidOf(other.workspaceId), other.workspaceId, '3b741a59-a22b-432f-b2cf-b72cc1a04c2d']) {
        const res = await get(url('v1', id));
        expect(res.statusCode, id).toBe(404);
        expect(res.json(), id).toMatchObject({
          httpStatusCode: 404,
          errorCode: 'HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND',
          message: 'Not Found',
          errorDetails: [
            { type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.subscriptionmanagement', metadata: { id: { message: `Resource with id [${id}] not found` } } },
          ],
        });
      }
      // The other workspace sees only its own settings.
      const list = (await get(url('v1'), other.token)).json();
      expect(list.items.map((i: { tenantWorkspaceId: string }) => i.tenantWorkspaceId)).toEqual([other.workspaceId]);
    });

    it('answers 400 for an id that is neither a UUID nor a workspace id', async () => {
      for (const id of ['12345', 'not-a-uuid', `${t.admin.workspaceId}0`, 'g'.repeat(32)]) {
        const res = await get(url('v1', id));
        expect(res.statusCode, id).toBe(400);
        expect(res.json().errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
        expect(issues(res), id).toEqual([{ source: 'path.parameter', subject: 'Id', description: 'Id is not a valid UUID.' }]);
      }
      const res = await patch(url('v1', 'nope'), { autoSubscriptionSettings: [] });
      expect(res.statusCode).toBe(400);
      expect(issues(res)[0]!.subject).toBe('Id');
    });

    it('pages the one-item list and refuses filtering', async () => {
      expect((await get(`${url('v1')}?offset=1`)).json()).toEqual({ items: [], count: 0, offset: 1, total: 1 });
      expect((await get(`${url('v1')}?limit=0`)).json()).toEqual({ items: [], count: 0, offset: 0, total: 1 });
      for (const [query, subject] of [['filter=deviceType%20eq%20%27AP%27', 'filter'], ['limit=-1', 'limit'], ['offset=x', 'offset']]) {
        const res = await get(`${url('v1')}?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(issues(res)[0], query).toMatchObject({ source: 'query.parameter', subject });
      }
    });
  });

  describe('updating', () => {
    it('adds, replaces and removes settings by device type, bumping generation and updatedAt on each change', async () => {
      const ws = await editor('merge');
      const before = (await get(ws.path(), ws.token)).json();

      t.advance(1_000);
      const lower = t.now();
      const added = await ws.patch({
        autoSubscriptionSettings: [
          { deviceType: 'AP', tier: 'FOUNDATION_AP' },
          { deviceType: 'SWITCH', tier: 'ADVANCED_SWITCH' },
        ],
      });
      const upper = t.now();
      expect(added.statusCode).toBe(200);
      expect(added.json()).toEqual({
        id: ws.id,
        type: 'subscriptions/auto-subscription-settings',
        resourceUri: `/subscriptions/v1/auto-subscription-settings/${ws.id}`,
        createdAt: before.createdAt,
        updatedAt: expect.any(String),
        generation: 2,
        autoSubscriptionSettings: [
          { deviceType: 'AP', tier: 'FOUNDATION_AP' },
          { deviceType: 'SWITCH', tier: 'ADVANCED_SWITCH' },
        ],
      });
      expect(Object.keys(added.json())).toEqual([
        'id', 'type', 'resourceUri', 'createdAt', 'updatedAt', 'generation', 'autoSubscriptionSettings',
      ]);
      // updatedAt comes from the injected clock.
      const stamped = Date.parse(added.json().updatedAt);
      expect(stamped).toBeGreaterThanOrEqual(Math.floor(lower / 1000) * 1000);
      expect(stamped).toBeLessThanOrEqual(upper);

      // Replace AP's tier in place, append COMPUTE, remove SWITCH.
      const changed = await ws.patch({
        autoSubscriptionSettings: [
          { deviceType: 'AP', tier: 'ADVANCED_AP' },
          { deviceType: 'COMPUTE', tier: 'ENHANCED_COMPUTE' },
          { deviceType: 'SWITCH', tier: null },
        ],
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        generation: 3,
        autoSubscriptionSettings: [
          { deviceType: 'AP', tier: 'ADVANCED_AP' },
          { deviceType: 'COMPUTE', tier: 'ENHANCED_COMPUTE' },
        ],
      });

      // What was saved is what GET and the list show, on both versions.
      const read = (await get(ws.path(), ws.token)).json();
      expect(read).toEqual(changed.json());
      const alpha = (await get(ws.path('v1alpha1'), ws.token)).json();
      expect(alpha).toEqual({ ...changed.json(), resourceUri: `/subscriptions/v1alpha1/auto-subscription-settings/${ws.id}` });
      expect((await get(url('v1'), ws.token)).json().items[0]).toMatchObject({ generation: 3, autoSubscriptionSettings: changed.json().autoSubscriptionSettings });
    });

    it('treats a patch that changes nothing as a no-op: same generation and updatedAt', async () => {
      const ws = await editor('noop');
      const first = (await ws.patch({ autoSubscriptionSettings: [{ deviceType: 'GATEWAY', tier: 'FOUNDATION_GW' }] })).json();
      expect(first.generation).toBe(2);
      t.advance(5_000);
      for (const body of [
        { autoSubscriptionSettings: [{ deviceType: 'SENSOR', tier: null }] },
        { autoSubscriptionSettings: [{ deviceType: 'GATEWAY', tier: 'FOUNDATION_GW' }] },
        { autoSubscriptionSettings: [] },
      ]) {
        const res = await ws.patch(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(200);
        expect(res.json(), JSON.stringify(body)).toEqual(first);
      }
    });

    it('accepts the alias key autoSubscriptions, the workspace id form, v1alpha1, and plain application/json', async () => {
      const ws = await editor('alias');
      const viaAlias = await ws.patch({ autoSubscriptions: [{ deviceType: 'NW_THIRD_PARTY', tier: 'ADVANCED_NW_THIRD_PARTY' }] });
      expect(viaAlias.statusCode).toBe(200);
      expect(viaAlias.json()).toMatchObject({ generation: 2, autoSubscriptionSettings: [{ deviceType: 'NW_THIRD_PARTY', tier: 'ADVANCED_NW_THIRD_PARTY' }] });

      const viaWorkspaceId = await patch(
        url('v1alpha1', ws.workspaceId),
        { autoSubscriptionSettings: [{ deviceType: 'SD_WAN_GW', tier: 'FOUNDATION_SD_WAN' }] },
        { token: ws.token },
      );
      expect(viaWorkspaceId.statusCode).toBe(200);
      expect(viaWorkspaceId.json()).toMatchObject({
        id: ws.id,
        resourceUri: `/subscriptions/v1alpha1/auto-subscription-settings/${ws.id}`,
        generation: 3,
      });

      const json = await t.call({
        method: 'PATCH',
        url: ws.path(),
        token: ws.token,
        payload: { autoSubscriptionSettings: [{ deviceType: 'DHCI_COMPUTE', tier: 'STANDARD_COMPUTE' }] },
      });
      expect(json.statusCode).toBe(200);
      expect(json.json().autoSubscriptionSettings).toEqual([
        { deviceType: 'NW_THIRD_PARTY', tier: 'ADVANCED_NW_THIRD_PARTY' },
        { deviceType: 'SD_WAN_GW', tier: 'FOUNDATION_SD_WAN' },
        { deviceType: 'DHCI_COMPUTE', tier: 'STANDARD_COMPUTE' },
      ]);
    });

    it('answers 400 naming the field for each invalid body, and changes nothing', async () => {
      const ws = await editor('invalid');
      const cases: [unknown, Issue[]][] = [
        [{}, [{ source: 'field', subject: 'autoSubscriptionSettings', description: expect.stringContaining('Required') }]],
        [
          { autoSubscriptionSettings: [], autoSubscriptions: [] },
          [{ source: 'field', subject: 'autoSubscriptions', description: expect.stringContaining('not both') }],
        ],
        [
          { autoSubscriptionSettings: [{ deviceType: 'SWITCH', tier: 'ADVANCED_AP' }] },
          [{ source: 'field', subject: 'autoSubscriptionSettings[0].tier', description: 'Tier ADVANCED_AP does not apply to device type SWITCH; use one of: FOUNDATION_SWITCH, ADVANCED_SWITCH.' }],
        ],
        [
          { autoSubscriptions: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }, { deviceType: 'STORAGE', tier: 'FOUNDATION_AP' }] },
          [{ source: 'field', subject: 'autoSubscriptions[1].tier', description: expect.stringContaining('STORAGE has no auto-subscription tier') }],
        ],
        [
          { autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }, { deviceType: 'AP', tier: null }] },
          [{ source: 'field', subject: 'autoSubscriptionSettings[1].deviceType', description: expect.stringContaining('autoSubscriptionSettings[0]') }],
        ],
        [
          { autoSubscriptionSettings: [{ deviceType: 'SENSOR', tier: 'FOUNDATION_AP' }, { deviceType: 'SENSOR', tier: 'FOUNDATION_GW' }] },
          [
            { source: 'field', subject: 'autoSubscriptionSettings[0].tier', description: expect.stringContaining('FOUNDATION_SENSOR') },
            { source: 'field', subject: 'autoSubscriptionSettings[1].deviceType', description: expect.any(String) },
            { source: 'field', subject: 'autoSubscriptionSettings[1].tier', description: expect.any(String) },
          ],
        ],
        // Schema validation names fields the platform's way (dotted paths).
        [
          { autoSubscriptionSettings: [{ deviceType: 'BRIDGE', tier: null }] },
          [{ source: 'field', subject: 'autoSubscriptionSettings[0].deviceType', description: expect.stringContaining('Must be one of: AP, SWITCH') }],
        ],
        [
          { autoSubscriptions: [{ deviceType: 'AP', tier: 'PLATINUM_AP' }] },
          [{ source: 'field', subject: 'autoSubscriptions[0].tier', description: expect.stringContaining('FOUNDATION_AP') }],
        ],
        [{ autoSubscriptionSettings: [{ deviceType: 'AP' }] }, [{ source: 'field', subject: 'autoSubscriptionSettings[0].tier', description: 'Required parameter is missing.' }]],
        [{ autoSubscriptionSettings: { deviceType: 'AP', tier: null } }, [{ source: 'field', subject: 'autoSubscriptionSettings', description: expect.any(String) }]],
        [{ autoSubscriptionSetting: [] }, [{ source: 'field', subject: 'autoSubscriptionSetting', description: 'Unknown property.' }]],
        [
          { autoSubscriptionSettings: [{ deviceType: 'AP', tier: null, note: 'x' }] },
          [{ source: 'field', subject: 'autoSubscriptionSettings[0].note', description: 'Unknown property.' }],
        ],
      ];
      for (const [body, expected] of cases) {
        const res = await ws.patch(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
        expect(issues(res), JSON.stringify(body)).toEqual(expected);
      }
      expect((await get(ws.path(), ws.token)).json()).toMatchObject({ generation: 1, autoSubscriptionSettings: [] });
    });

    it('answers 400 for bad JSON and 415 for a text/plain body', async () => {
      const ws = await editor('media');
      const bad = await ws.patch('{"autoSubscriptionSettings": [');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
      const text = await ws.patch(JSON.stringify({ autoSubscriptionSettings: [] }), { 'content-type': 'text/plain' });
      expect(text.statusCode).toBe(415);
      expect(text.json()).toMatchObject({ httpStatusCode: 415, errorCode: 'HPE_GL_ERROR_UNSUPPORTED_MEDIA_TYPE' });
    });

    it('honours If-Match: the current generation passes, another one is 412, a malformed one is 400', async () => {
      const ws = await editor('if-match');
      const body = { autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }] };
      const ok = await ws.patch(body, { 'if-match': '1' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().generation).toBe(2);

      const stale = await ws.patch({ autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'ADVANCED_AP' }] }, { 'if-match': '1' });
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({
        httpStatusCode: 412,
        errorCode: 'HPE_GL_ERROR_PRECONDITION_FAILED',
        errorDetails: [
          {
            type: 'hpe.greenlake.precondition_failed',
            issues: [{ source: 'header', subject: 'If-Match', description: 'If-Match names generation 1; the current generation is 2.' }],
          },
        ],
      });
      expect((await get(ws.path(), ws.token)).json()).toMatchObject({ generation: 2, autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }] });

      // Quoted (ETag style) and * are accepted too.
      expect((await ws.patch({ autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'ADVANCED_AP' }] }, { 'if-match': '"2"' })).json().generation).toBe(3);
      expect((await ws.patch({ autoSubscriptionSettings: [{ deviceType: 'AP', tier: null }] }, { 'if-match': '*' })).json().generation).toBe(4);

      const malformed = await ws.patch(body, { 'if-match': 'yesterday' });
      expect(malformed.statusCode).toBe(400);
      expect(issues(malformed)).toEqual([{ source: 'header', subject: 'If-Match', description: 'Must be a generation number (e.g. 3) or *.' }]);
    });

    it('loses no update when PATCHes run concurrently', async () => {
      const ws = await editor('concurrent');
      const changes = [
        { deviceType: 'AP', tier: 'FOUNDATION_AP' },
        { deviceType: 'SWITCH', tier: 'FOUNDATION_SWITCH' },
        { deviceType: 'GATEWAY', tier: 'ADVANCED_GW' },
        { deviceType: 'COMPUTE', tier: 'STANDARD_COMPUTE' },
        { deviceType: 'DHCI_COMPUTE', tier: 'ENHANCED_COMPUTE' },
        { deviceType: 'NW_THIRD_PARTY', tier: 'FOUNDATION_NW_THIRD_PARTY' },
        { deviceType: 'SENSOR', tier: 'FOUNDATION_SENSOR' },
        { deviceType: 'SD_WAN_GW', tier: 'ADVANCED_SD_WAN' },
      ];
      const results = await Promise.all(changes.map((c) => ws.patch({ autoSubscriptionSettings: [c] })));
      expect(results.map((r) => r.statusCode)).toEqual(changes.map(() => 200));
      expect(results.map((r) => r.json().generation).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      const final = (await get(ws.path(), ws.token)).json();
      expect(final.generation).toBe(9);
      const byType = (s: { deviceType: string }[]) => [...s].sort((a, b) => a.deviceType.localeCompare(b.deviceType));
      expect(byType(final.autoSubscriptionSettings)).toEqual(byType(changes));
    });

    it('answers 404 for a PATCH of another workspace settings, changing nothing', async () => {
      const ws = await editor('victim');
      const res = await ws.patch({ autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }] });
      expect(res.statusCode).toBe(200);
      const intruder = await patch(ws.path(), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: null }] }, { token: (await editor('intruder')).token });
      expect(intruder.statusCode).toBe(404);
      expect(intruder.json().errorCode).toBe('HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND');
      expect((await get(ws.path(), ws.token)).json()).toMatchObject({ generation: 2, autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }] });
    });
  });

  describe('access', () => {
    it('lets a viewer read but not PATCH (403), and a client without the role not even read', async () => {
      const viewer = await t.tenant(['subscriptions-viewer'], 'viewer');
      const path = url('v1', uuidOf(viewer.workspaceId));
      expect((await get(path, viewer.token)).statusCode).toBe(200);
      for (const version of ['v1', 'v1alpha1']) {
        const res = await patch(url(version, uuidOf(viewer.workspaceId)), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }] }, { token: viewer.token });
        expect(res.statusCode, version).toBe(403);
        expect(res.json()).toMatchObject({ httpStatusCode: 403, errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
      }
      const flex = await t.tenant(['flex-viewer'], 'flex-only');
      expect((await get(url('v1'), flex.token)).statusCode).toBe(403);
      expect((await t.call({ method: 'GET', url: url('v1'), token: null })).statusCode).toBe(401);
    });
  });

  describe('versions', () => {
    it('sends Deprecation and Sunset on every v1alpha1 response, errors included, and never on v1', async () => {
      const ws = await editor('headers');
      const alpha = [
        await get(url('v1alpha1'), ws.token),
        await get(ws.path('v1alpha1'), ws.token),
        await patch(ws.path('v1alpha1'), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'FOUNDATION_AP' }] }, { token: ws.token }),
        await get(url('v1alpha1', 'bad-id'), ws.token),
        await get(url('v1alpha1', uuidOf(t.admin.workspaceId)), ws.token),
        await patch(ws.path('v1alpha1'), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'ADVANCED_SWITCH' }] }, { token: ws.token }),
        await t.call({ method: 'GET', url: url('v1alpha1'), token: null }),
      ];
      expect(alpha.map((r) => r.statusCode)).toEqual([200, 200, 200, 400, 404, 400, 401]);
      for (const res of alpha) {
        expect(res.headers.deprecation, String(res.statusCode)).toBe(DEPRECATION);
        expect(res.headers.sunset, String(res.statusCode)).toBe(SUNSET);
      }
      const v1 = [
        await get(url('v1'), ws.token),
        await get(ws.path('v1'), ws.token),
        await patch(ws.path('v1'), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: 'ADVANCED_AP' }] }, { token: ws.token }),
        await get(url('v1', 'bad-id'), ws.token),
      ];
      expect(v1.map((r) => r.statusCode)).toEqual([200, 200, 200, 400]);
      for (const res of v1) {
        expect(res.headers).not.toHaveProperty('deprecation');
        expect(res.headers).not.toHaveProperty('sunset');
      }
    });

    it('documents both versions in the OpenAPI document with their operationIds', async () => {
      const doc = (await t.call({ method: 'GET', url: '/openapi.json', token: null })).json();
      const ops = (path: string) => doc.paths[path];
      expect(ops('/subscriptions/v1/auto-subscription-settings').get.operationId).toBe('getAutoSubscriptionsV1');
      expect(ops('/subscriptions/v1/auto-subscription-settings/{id}').get.operationId).toBe('getAutoSubscriptionByIdV1');
      expect(ops('/subscriptions/v1/auto-subscription-settings/{id}').patch.operationId).toBe('updateAutoSubscriptionsV1');
      expect(ops('/subscriptions/v1alpha1/auto-subscription-settings').get).toMatchObject({ operationId: 'getAutoSubscriptionsV1Alpha1', deprecated: true });
      expect(ops('/subscriptions/v1alpha1/auto-subscription-settings/{id}').get.operationId).toBe('getAutoSubscriptionByIdV1Alpha1');
      expect(ops('/subscriptions/v1alpha1/auto-subscription-settings/{id}').patch.operationId).toBe('updateAutoSubscriptionsV1Alpha1');
      expect(Object.keys(ops('/subscriptions/v1/auto-subscription-settings/{id}').patch.requestBody.content)).toContain('application/merge-patch+json');
    });
  });

  describe('rate limits', () => {
    it('allows 25 requests per minute per workspace on each endpoint of each version, then 429', async () => {
      const ws = await editor('busy');
      // Start at the beginning of a fixed window so all 26 calls fall in one.
      t.advance(60_000 - (t.now() % 60_000));
      for (let i = 1; i <= 25; i++) {
        const res = await get(url('v1'), ws.token);
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBe('25');
        expect(res.headers['x-ratelimit-remaining']).toBe(String(25 - i));
      }
      const refused = await get(url('v1'), ws.token);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['x-ratelimit-limit']).toBe('25');
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
      expect(refused.json()).toMatchObject({
        httpStatusCode: 429,
        errorCode: 'HPE_GL_ERROR_TOO_MANY_REQUESTS',
        message: 'Too Many Requests',
        errorDetails: [{ type: 'hpe.greenlake.metadata', metadata: { apiRateLimit: 'Too Many Requests. Rate limit has exceeded a predefined value.' } }],
      });
      // Each endpoint and each version has a budget of its own.
      expect((await get(url('v1alpha1'), ws.token)).headers['x-ratelimit-remaining']).toBe('24');
      expect((await get(ws.path(), ws.token)).headers['x-ratelimit-remaining']).toBe('24');
      expect((await ws.patch({ autoSubscriptionSettings: [] })).headers['x-ratelimit-remaining']).toBe('24');
      // The next window refills the budget.
      t.advance(60_000);
      expect((await get(url('v1'), ws.token)).statusCode).toBe(200);
    });

    it('counts PATCHes too, and v1alpha1 429s carry the deprecation headers', async () => {
      const ws = await editor('busy-alpha');
      t.advance(60_000 - (t.now() % 60_000));
      for (let i = 1; i <= 25; i++) {
        const res = await patch(ws.path('v1alpha1'), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: i % 2 ? 'ADVANCED_AP' : 'FOUNDATION_AP' }] }, { token: ws.token });
        expect(res.statusCode).toBe(200);
        expect(res.json().generation).toBe(i + 1);
      }
      const refused = await patch(ws.path('v1alpha1'), { autoSubscriptionSettings: [{ deviceType: 'AP', tier: null }] }, { token: ws.token });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['x-ratelimit-limit']).toBe('25');
      expect(refused.headers.deprecation).toBe(DEPRECATION);
      expect(refused.headers.sunset).toBe(SUNSET);
      expect((await get(ws.path(), ws.token)).json().generation).toBe(26);
    });
  });
});
