/**
 * The other published versions of Subscription Management (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/): v1beta1 (v1's bodies,
 * deprecated, no dry-run, its own async-operations path), the v1alpha1 legacy list, and the
 * v2beta1 bulk unclaim.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { issuesOf, withQuery } from '../../support/api-responses.js';
import { testEngines } from '../../support/test-databases.js';
import { type SubscriptionSpec, addKeys, freshKeys, insertSubscriptions, settle } from '../../support/subscription-fixtures.js';

const DEPRECATION = 'Wed, 15 Jan 2025 23:59:59 GMT';
const SUNSET = 'Tue, 15 Apr 2025 23:59:59 GMT';
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '0b7c2a61-95a4-4f0c-9b53-d8e3c1f0a999';

/** What the legacy list shows of a subscription; the rest is the same for all (legacy). */
type LegacySpec = Pick<
  SubscriptionSpec,
  'id' | 'key' | 'createdAt' | 'sku' | 'skuDescription' | 'quantity' | 'isEval' | 'startTime' | 'endTime' | 'contract' | 'endUserName' | 'orderClass' | 'po' | 'quote' | 'tags'
>;
const legacySubscriptions = (specs: LegacySpec[]): SubscriptionSpec[] =>
  specs.map((s) => ({
    ...s,
    updatedAt: s.createdAt,
    subscriptionType: 'CENTRAL_AP',
    tier: 'FOUNDATION_AP',
    tierDescription: 'Foundation AP',
    productType: 'DEVICE',
    availableQuantity: s.quantity,
    status: 'STARTED',
    resellerPo: null,
  }));

const L1 = 'LEG-A';
const L2 = 'LEG-B';
const L3 = 'LEG-C';
const ID: Record<string, string> = {
  [L1]: 'c0ffee00-0000-4000-8000-0000000000c1',
  [L2]: 'c0ffee00-0000-4000-8000-0000000000c2',
  [L3]: 'c0ffee00-0000-4000-8000-0000000000c3',
};
const DATA = legacySubscriptions([
  {
    id: ID[L1]!,
    key: L1,
    createdAt: '2024-02-01T00:00:00.000Z',
    sku: 'R9Y02AAE',
    skuDescription: 'Aruba Central Foundation AP Subscription 1 Year',
    quantity: 20,
    isEval: false,
    startTime: '2024-02-01T00:00:00.000Z',
    endTime: '2025-02-01T00:00:00.000Z',
    contract: 'CT-1001',
    endUserName: 'Acme Corp',
    orderClass: 'ZNS',
    po: 'PO-1',
    quote: 'Q-1',
    tags: { city: 'London' },
  },
  {
    id: ID[L2]!,
    key: L2,
    createdAt: '2024-03-01T00:00:00.000Z',
    sku: 'S0B47AAE',
    skuDescription: 'Block Storage',
    quantity: 5,
    isEval: true,
    startTime: '2024-01-01T00:00:00.000Z',
    endTime: '2027-01-01T00:00:00.000Z',
    contract: null,
    endUserName: null,
    orderClass: null,
    po: null,
    quote: null,
    tags: {},
  },
  {
    id: ID[L3]!,
    key: L3,
    createdAt: '2024-01-01T00:00:00.000Z',
    sku: 'JW556AAE',
    skuDescription: 'Controller',
    quantity: 100,
    isEval: false,
    startTime: '2024-06-01T00:00:00.000Z',
    endTime: '2026-01-15T00:00:00.000Z',
    contract: 'CT-3',
    endUserName: 'Globex',
    orderClass: 'ZEV',
    po: 'PO-3',
    quote: 'Q-3',
    tags: { city: 'Paris' },
  },
]);

type Res = Awaited<ReturnType<TestApp['call']>>;

describe.each(testEngines())('Subscription Management versions on %s', (engine) => {
  let t: TestApp;
  /** Holds DATA and nothing else (read-only here); `main` takes the writes; `other` is a neighbour. */
  let reader: { workspaceId: string; token: string };
  let main: { workspaceId: string; token: string };
  let other: { workspaceId: string; token: string };

  const get = (url: string, token = reader.token) => t.call({ method: 'GET', url, token });
  const post = (url: string, payload: unknown, token = main.token) => t.call({ method: 'POST', url, payload: payload as object, token });
  const patch = (url: string, payload: unknown, token = main.token) =>
    t.call({ method: 'PATCH', url, headers: MERGE_PATCH, payload: JSON.stringify(payload), token });
  const unclaim = (payload: unknown, token = main.token) =>
    t.call({ method: 'DELETE', url: '/subscriptions/v2beta1/subscriptions/bulk', payload: payload as object, token });
  const operations = async () => Number((await t.db.selectFrom('async_operations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const deprecated = (res: Res) => [res.headers.deprecation, res.headers.sunset];
  /** Claims fresh keys for a tenant through v1 and returns key → subscription id. */
  const claim = async (token: string, n = 1): Promise<Record<string, string>> => {
    const keys = await freshKeys(t, n);
    const op = await settle(t, (await addKeys(t, keys, { token })).id, token);
    expect(op.status).toBe('SUCCEEDED');
    return Object.fromEntries((op.result as { succeededSubscriptions: { key: string; id: string }[] }).succeededSubscriptions.map((s) => [s.key, s.id]));
  };

  useTestApp(engine, async (app) => {
    t = app;
    reader = await t.tenant(['subscriptions-viewer'], 'reader');
    main = await t.tenant(['subscriptions-editor'], 'main');
    other = await t.tenant(['subscriptions-editor'], 'other');
    await insertSubscriptions(t.db, reader.workspaceId, DATA);
  }, { config: { tokenTtlSeconds: 30 * 86_400 } });

  describe('v1beta1', () => {
    it.each<Record<string, string | number>>([
      {},
      { filter: "quantity gt 10 and not key eq 'LEG-A'" },
      { 'filter-tags': "'CITY' in keys", sort: 'key desc' },
      { sort: 'quantity desc, key', select: 'id,key,quantity' },
      { limit: 2, offset: 1 },
      { limit: 50 },
    ])('lists with the same body as v1 for %j', async (params) => {
      const v1 = await get(withQuery('/subscriptions/v1/subscriptions', params));
      const beta = await get(withQuery('/subscriptions/v1beta1/subscriptions', params));
      expect(v1.statusCode).toBe(200);
      expect(beta.statusCode).toBe(200);
      expect(beta.json()).toEqual(v1.json());
      expect(beta.body).toBe(v1.body);
    });

    it('gets one subscription with the same body as v1, and the same 404', async () => {
      const v1 = await get(`/subscriptions/v1/subscriptions/${ID[L1]}`);
      const beta = await get(`/subscriptions/v1beta1/subscriptions/${ID[L1]}`);
      expect(beta.statusCode).toBe(200);
      expect(beta.body).toBe(v1.body);
      const missing = await get(`/subscriptions/v1beta1/subscriptions/${UNKNOWN_ID}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({
        errorCode: 'HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND',
        errorDetails: [
          { type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.subscriptionmanagement', metadata: { id: { message: `Resource with id [${UNKNOWN_ID}] not found` } } },
        ],
      });
    });

    it('limits a page to 50 (51 is a 400 naming limit) where v1 allows 200', async () => {
      const res = await get('/subscriptions/v1beta1/subscriptions?limit=51');
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res).map((i) => i.subject)).toEqual(['limit']);
      expect((await get('/subscriptions/v1/subscriptions?limit=51')).statusCode).toBe(200);
    });

    it('adds subscriptions; Location points at /subscriptions/v1beta1/async-operations/{id}, which answers', async () => {
      const before = await operations();
      const keys = await freshKeys(t, 2);
      const res = await post('/subscriptions/v1beta1/subscriptions', { subscriptions: keys.map((key) => ({ key })) });
      expect(res.statusCode).toBe(202);
      const accepted = res.json() as { code: number; status: string; transactionId: string };
      expect(accepted).toEqual({ code: 202, status: '202 ACCEPTED', transactionId: expect.stringMatching(UUID) });
      expect(res.headers.location).toBe(`/subscriptions/v1beta1/async-operations/${accepted.transactionId}`);
      expect(await operations()).toBe(before + 1);

      const pending = await get(res.headers.location as string, main.token);
      expect(pending.statusCode).toBe(200);
      expect(pending.json()).toMatchObject({ id: accepted.transactionId, type: 'subscriptions/asyncOperation', status: 'INITIALIZED' });
      expect(deprecated(pending)).toEqual([DEPRECATION, SUNSET]);

      await t.jobs.drain();
      const done = await get(res.headers.location as string, main.token);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'SUCCEEDED', resultType: 'postSubscriptionsResponse' });
      expect((done.json() as { result: { succeededSubscriptions: { key: string }[] } }).result.succeededSubscriptions.map((s) => s.key)).toEqual(keys);
      // The same operation from v1.
      expect((await get(`/subscriptions/v1/async-operations/${accepted.transactionId}`, main.token)).json()).toEqual(done.json());
      const listed = await get(withQuery('/subscriptions/v1beta1/subscriptions', { filter: `key in (${keys.map((k) => `'${k}'`).join(', ')})` }), main.token);
      expect((listed.json() as { total: number }).total).toBe(2);
    });

    it('updates tags; Location points at the v1beta1 operation', async () => {
      const ids = await claim(main.token);
      const [key, id] = Object.entries(ids)[0]!;
      const res = await patch(`/subscriptions/v1beta1/subscriptions?id=${id}`, { tags: { Site: 'Houston' } });
      expect(res.statusCode).toBe(202);
      const { transactionId } = res.json() as { transactionId: string };
      expect(res.headers.location).toBe(`/subscriptions/v1beta1/async-operations/${transactionId}`);
      expect(deprecated(res)).toEqual([DEPRECATION, SUNSET]);
      await t.jobs.drain();
      const op = await get(res.headers.location as string, main.token);
      expect(op.json()).toMatchObject({ status: 'SUCCEEDED', result: { succeededSubscriptions: [{ key, id }], failedSubscriptions: [] } });
      expect((await get(`/subscriptions/v1beta1/subscriptions/${id}`, main.token)).json()).toMatchObject({ tags: { Site: 'Houston' } });
    });

    it.each([
      ['POST', 'dry-run=true'],
      ['POST', 'dry-run=false'],
      ['PATCH', 'dry-run=true'],
      ['PATCH', 'dry-run=false'],
    ])('%s with %s is a 400 naming dry-run, and nothing is accepted', async (method, dryRun) => {
      const before = await operations();
      const res =
        method === 'POST'
          ? await post(`/subscriptions/v1beta1/subscriptions?${dryRun}`, { subscriptions: [{ key: 'ANY-KEY' }] })
          : await patch(`/subscriptions/v1beta1/subscriptions?id=${ID[L1]}&${dryRun}`, { tags: { a: 'b' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(issuesOf(res)).toEqual([{ source: 'query.parameter', subject: 'dry-run', description: expect.any(String) }]);
      expect(deprecated(res)).toEqual([DEPRECATION, SUNSET]);
      expect(await operations()).toBe(before);
    });

    it('v1 takes dry-run', async () => {
      const res = await post('/subscriptions/v1/subscriptions?dry-run=true', { subscriptions: [{ key: 'ANY-KEY' }] });
      expect(res.statusCode).toBe(202);
    });
  });

  describe('Deprecation and Sunset headers', () => {
    /** Adds a fresh key through the version; its answers to what v1 and v1beta1 both serve, and the status each should have. */
    const sharedResponses = async (version: 'v1' | 'v1beta1'): Promise<[string, Res, number][]> => {
      const base = `/subscriptions/${version}`;
      const [key] = await freshKeys(t, 1);
      const added = await post(`${base}/subscriptions`, { subscriptions: [{ key }] });
      return [
        ['list', await get(`${base}/subscriptions`), 200],
        ['get', await get(`${base}/subscriptions/${ID[L1]}`), 200],
        ['get unknown', await get(`${base}/subscriptions/${UNKNOWN_ID}`), 404],
        ['get bad id', await get(`${base}/subscriptions/not-a-uuid`), 400],
        ['add', added, 202],
        ['update', await patch(`${base}/subscriptions?id=${ID[L1]}`, { tags: { a: 'b' } }), 202],
        ['operation', await get(added.headers.location as string, main.token), 200],
        ['operation unknown', await get(`${base}/async-operations/${UNKNOWN_ID}`), 404],
      ];
    };

    it('are on every v1beta1 response: 200, 202, 400, 401, 403, 404', async () => {
      const responses: [string, Res, number][] = [
        ...(await sharedResponses('v1beta1')),
        ['list bad filter', await get(withQuery('/subscriptions/v1beta1/subscriptions', { filter: "colour eq 'red'" })), 400],
        ['list limit 51', await get('/subscriptions/v1beta1/subscriptions?limit=51'), 400],
        ['add empty', await post('/subscriptions/v1beta1/subscriptions', { subscriptions: [] }), 400],
        ['update bad id', await patch('/subscriptions/v1beta1/subscriptions?id=nope', { tags: { a: 'b' } }), 400],
        ['operation bad id', await get('/subscriptions/v1beta1/async-operations/nope'), 400],
        ['list without token', await t.call({ method: 'GET', url: '/subscriptions/v1beta1/subscriptions', token: null }), 401],
        ['add as a viewer', await post('/subscriptions/v1beta1/subscriptions', { subscriptions: [{ key: 'ANY-KEY' }] }, reader.token), 403],
      ];
      for (const [name, res, status] of responses) {
        expect(res.statusCode, name).toBe(status);
        expect(deprecated(res), name).toEqual([DEPRECATION, SUNSET]);
      }
    });

    it('are on v1alpha1 list responses, 200 and 400', async () => {
      const ok = await get('/subscriptions/v1alpha1/subscriptions');
      expect(ok.statusCode).toBe(200);
      expect(deprecated(ok)).toEqual([DEPRECATION, SUNSET]);
      const bad = await get('/subscriptions/v1alpha1/subscriptions?limit=2001');
      expect(bad.statusCode).toBe(400);
      expect(deprecated(bad)).toEqual([DEPRECATION, SUNSET]);
    });

    it('are on no v1 or v2beta1 response', async () => {
      const responses: [string, Res, number][] = [
        ...(await sharedResponses('v1')),
        ['list limit 201', await get('/subscriptions/v1/subscriptions?limit=201'), 400],
        ['unclaim', await unclaim({ items: [{ id: UNKNOWN_ID }] }), 202],
        ['unclaim empty', await unclaim({ items: [] }), 400],
      ];
      for (const [name, res, status] of responses) {
        expect(res.statusCode, name).toBe(status);
        expect(res.headers, name).not.toHaveProperty('deprecation');
        expect(res.headers, name).not.toHaveProperty('sunset');
      }
    });
  });

  describe('v1alpha1 legacy list', () => {
    const L1_ITEM = {
      id: ID[L1],
      key: L1,
      aasType: 'IAAS',
      appointment: { subscriptionStart: '2024-02-01T00:00:00.000Z', subscriptionEnd: '2025-02-01T00:00:00.000Z' },
      contract: 'CT-1001',
      endUserName: 'Acme Corp',
      evaluationType: 'NONE',
      orderClass: 'ZNS',
      po: 'PO-1',
      productDescription: 'Aruba Central Foundation AP Subscription 1 Year',
      productSku: 'R9Y02AAE',
      quantity: '20',
      quote: 'Q-1',
    };
    const legacy = (params: Record<string, string | number> = {}, token = reader.token) => get(withQuery('/subscriptions/v1alpha1/subscriptions', params), token);
    const keysOf = (res: Res) => (res.json() as { items: { key: string }[] }).items.map((i) => i.key);

    it('lists the legacy items, by key, in the documented envelope and property order', async () => {
      const res = await legacy();
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Record<string, unknown>[] };
      expect(Object.keys(body)).toEqual(['items', 'count', 'offset', 'total']);
      expect(body).toMatchObject({ count: 3, offset: 0, total: 3 });
      expect(keysOf(res)).toEqual([L1, L2, L3]);
      expect(body.items[0]).toEqual(L1_ITEM);
      expect(Object.keys(body.items[0]!)).toEqual(Object.keys(L1_ITEM));
      expect(body.items[1]).toEqual({
        id: ID[L2],
        key: L2,
        aasType: 'IAAS',
        appointment: { subscriptionStart: '2024-01-01T00:00:00.000Z', subscriptionEnd: '2027-01-01T00:00:00.000Z' },
        evaluationType: 'EVAL',
        productDescription: 'Block Storage',
        productSku: 'S0B47AAE',
        quantity: '5',
      });
      expect(typeof body.items[2]!.quantity).toBe('string');
    });

    it.each([
      ["productSku eq 'R9Y02AAE'", [L1]],
      ["productSku in ('R9Y02AAE', 'JW556AAE')", [L1, L3]],
      ["evaluationType eq 'EVAL'", [L2]],
      ["evaluationType ne 'EVAL'", [L1, L3]],
      ["evaluationType eq 'NONE'", [L1, L3]],
      ["appointment/subscriptionEnd lt '2026-01-01T00:00:00Z'", [L1]],
      ['appointment/subscriptionEnd ge 2026-01-15T00:00:00Z', [L2, L3]],
      ['appointment/subscriptionStart gt 2024-01-01T00:00:00Z', [L1, L3]],
      ["productDescription eq 'Controller'", [L3]],
      ['quantity gt 10', [L1, L3]],
      ["quantity le '5'", [L2]],
      ['endUserName eq null', [L2]],
      ["endUserName ne 'Acme Corp'", [L2, L3]],
      ["orderClass in ('ZNS', 'ZEV')", [L1, L3]],
      ['contract ne null', [L1, L3]],
      ["po eq 'PO-3'", [L3]],
      ['quote eq null', [L2]],
      ["aasType eq 'IAAS'", [L1, L2, L3]],
      [`id eq '${ID[L2]}'`, [L2]],
      ["key in 'LEG-A', 'LEG-C' and not evaluationType eq 'EVAL'", [L1, L3]],
    ])('filter %s', async (filter, keys) => {
      const res = await legacy({ filter });
      expect(res.statusCode).toBe(200);
      expect(keysOf(res)).toEqual(keys);
      expect((res.json() as { total: number }).total).toBe(keys.length);
    });

    it.each(["sku eq 'R9Y02AAE'", 'isEval eq true', "subscriptionStatus eq 'STARTED'", "evaluationType gt 'A'"])(
      'filter %s (a v1 name or a bad operator) is a 400 naming filter',
      async (filter) => {
        const res = await legacy({ filter });
        expect(res.statusCode).toBe(400);
        expect(issuesOf(res).map((i) => i.subject)).toEqual(['filter']);
      },
    );

    it.each([
      ['quantity desc', [L3, L1, L2]],
      ['appointment/subscriptionEnd desc', [L2, L3, L1]],
      ['productSku', [L3, L1, L2]],
    ])('sort=%s', async (sort, keys) => {
      expect(keysOf(await legacy({ sort }))).toEqual(keys);
    });

    it('refuses v1 names in sort and select', async () => {
      for (const [param, value] of [
        ['sort', 'sku'],
        ['sort', 'subscriptionStatus'],
        ['select', 'sku'],
        ['select', 'isEval'],
      ] as const) {
        const res = await legacy({ [param]: value });
        expect(res.statusCode, value).toBe(400);
        expect(issuesOf(res).map((i) => i.subject), value).toEqual([param]);
      }
    });

    it('selects legacy fields, in the legacy order', async () => {
      const res = await legacy({ select: 'productSku,id,appointment', filter: "key eq 'LEG-A'" });
      expect(res.json()).toEqual({
        items: [{ id: ID[L1], appointment: L1_ITEM.appointment, productSku: 'R9Y02AAE' }],
        count: 1,
        offset: 0,
        total: 1,
      });
    });

    it('pages', async () => {
      const res = await legacy({ limit: 1, offset: 1 });
      expect(res.json()).toMatchObject({ count: 1, offset: 1, total: 3 });
      expect(keysOf(res)).toEqual([L2]);
    });

    it("lists only the caller's workspace", async () => {
      expect((await legacy({}, other.token)).json()).toEqual({ items: [], count: 0, offset: 0, total: 0 });
    });
  });

  describe('v2beta1 bulk unclaim', () => {
    const operation = async (id: string, token = main.token) => {
      await t.jobs.drain();
      const res = await get(`/subscriptions/v1/async-operations/${id}`, token);
      expect(res.statusCode).toBe(200);
      return res.json() as {
        status: string;
        resultType: string;
        result: { succeededSubscriptions: { key?: string; id?: string }[]; failedSubscriptions: { key?: string; id?: string; reason: string; message: string }[] };
        error?: Record<string, unknown>;
      };
    };

    it('answers 202 with Location /subscriptions/v1/async-operations/{id}; the subscription goes, its key is free again', async () => {
      const ids = await claim(main.token);
      const [key, id] = Object.entries(ids)[0]!;
      const res = await unclaim({ items: [{ id }] });
      expect(res.statusCode).toBe(202);
      const accepted = res.json() as { transactionId: string };
      expect(accepted).toEqual({ code: 202, status: '202 ACCEPTED', transactionId: expect.stringMatching(UUID) });
      expect(res.headers.location).toBe(`/subscriptions/v1/async-operations/${accepted.transactionId}`);
      // Nothing happens before the operation runs.
      expect((await get(`/subscriptions/v1/subscriptions/${id}`, main.token)).statusCode).toBe(200);

      const op = await operation(accepted.transactionId);
      expect(op.status).toBe('SUCCEEDED');
      expect(op.result).toEqual({ succeededSubscriptions: [{ key, id }], failedSubscriptions: [] });
      expect((await get(`/subscriptions/v1/subscriptions/${id}`, main.token)).statusCode).toBe(404);
      expect((await get(withQuery('/subscriptions/v1/subscriptions', { filter: `key eq '${key}'` }), main.token)).json()).toMatchObject({ total: 0 });

      // The same workspace can claim the key again (a new subscription)…
      const again = await settle(t, (await addKeys(t, [key], { token: main.token })).id, main.token);
      expect(again.status).toBe('SUCCEEDED');
      const newId = (again.result as { succeededSubscriptions: { id: string }[] }).succeededSubscriptions[0]!.id;
      expect(newId).not.toBe(id);
      // …and once unclaimed again, so can another workspace.
      expect((await operation((await unclaim({ items: [{ id: newId }] })).json().transactionId as string)).status).toBe('SUCCEEDED');
      const theirs = await settle(t, (await addKeys(t, [key], { token: other.token })).id, other.token);
      expect(theirs.status).toBe('SUCCEEDED');
      expect((await get(withQuery('/subscriptions/v1/subscriptions', { filter: `key eq '${key}'` }), other.token)).json()).toMatchObject({ total: 1 });
    });

    it('fails an unknown or foreign id in the result with SUBSCRIPTION_NOT_FOUND, leaving the foreign one alone', async () => {
      const theirs = Object.values(await claim(other.token))[0]!;
      const res = await unclaim({ items: [{ id: UNKNOWN_ID }, { id: theirs }] });
      expect(res.statusCode).toBe(202);
      const op = await operation((res.json() as { transactionId: string }).transactionId);
      expect(op.status).toBe('FAILED');
      expect(op.result).toEqual({
        succeededSubscriptions: [],
        failedSubscriptions: [
          { id: UNKNOWN_ID, reason: 'SUBSCRIPTION_NOT_FOUND', message: expect.any(String) },
          { id: theirs, reason: 'SUBSCRIPTION_NOT_FOUND', message: expect.any(String) },
        ],
      });
      expect(op.error).toMatchObject({ httpStatusCode: 422, errorCode: 'HPE_GL_UNPROCESSABLE_CONTENT' });
      expect((await get(`/subscriptions/v1/subscriptions/${theirs}`, other.token)).statusCode).toBe(200);
    });

    it('unclaims the ones it can and reports the others', async () => {
      const [key, id] = Object.entries(await claim(main.token))[0]!;
      const res = await unclaim({ items: [{ id: UNKNOWN_ID }, { id: id.toUpperCase() }] });
      const op = await operation((res.json() as { transactionId: string }).transactionId);
      expect(op.status).toBe('SUCCEEDED');
      expect(op.result.succeededSubscriptions).toEqual([{ key, id }]);
      expect(op.result.failedSubscriptions.map((f) => [f.id, f.reason])).toEqual([[UNKNOWN_ID, 'SUBSCRIPTION_NOT_FOUND']]);
      expect((await get(`/subscriptions/v1/subscriptions/${id}`, main.token)).statusCode).toBe(404);
    });

    const uuid = (i: number) => `d0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    it.each([
      ['11 items', { items: Array.from({ length: 11 }, (_, i) => ({ id: uuid(i) })) }, 'items'],
      ['no items', { items: [] }, 'items'],
      ['a non-uuid id', { items: [{ id: 'not-a-uuid' }] }, 'items[0].id'],
      ['a non-uuid second id', { items: [{ id: uuid(1) }, { id: '1234' }] }, 'items[1].id'],
      ['a repeated id', { items: [{ id: uuid(1) }, { id: uuid(1) }] }, 'items[1].id'],
      ['no items property', {}, 'items'],
    ])('400 for %s, naming %s, and no operation', async (_name, payload, subject) => {
      const before = await operations();
      const res = await unclaim(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(issuesOf(res).map((i) => i.subject)).toContain(subject);
      expect(await operations()).toBe(before);
    });

    it('accepts ten items', async () => {
      const res = await unclaim({ items: Array.from({ length: 10 }, (_, i) => ({ id: uuid(i) })) });
      expect(res.statusCode).toBe(202);
      const op = await operation((res.json() as { transactionId: string }).transactionId);
      expect(op.result.failedSubscriptions).toHaveLength(10);
    });

    it('needs the edit permission', async () => {
      const viewer = await t.tenant(['subscriptions-viewer'], 'viewer');
      expect((await unclaim({ items: [{ id: UNKNOWN_ID }] }, viewer.token)).statusCode).toBe(403);
    });
  });
});
