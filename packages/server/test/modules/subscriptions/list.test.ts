/**
 * GET /subscriptions/v1/subscriptions and /{id} as HPE documents them (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/ and the API standard, https://developer.greenlake.hpe.com/docs/greenlake/standards/ratified/api/): every
 * filterable property with every operator and literal, filter-tags, sort, select, paging, the
 * computed subscriptionStatus, the item shape and the 404 body.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { issuesOf, metadataError, withQuery } from '../../support/api-responses.js';
import { testEngines } from '../../support/test-databases.js';
import { type SubscriptionSpec, addKeys, insertSubscriptions, issueKeys, keyRow, settle } from '../../support/subscription-fixtures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The data set: six subscriptions whose every filterable value is chosen. The clock of the run
// (late 2026) sits after every "past" end and before every "future" start below, so the statuses
// are S1, S3, S4 ENDED; S2 STARTED; S5 NONE (starts 2027); S6 SUSPENDED (provider state).
const S1 = 'STIAPL6404';
const S2 = 'STIQQ4L04';
const S3 = 'CTRL0001';
const S4 = 'SVC00001';
const S5 = 'FUT00001';
const S6 = 'SUSP0001';
const ID: Record<string, string> = {
  [S1]: 'a1b2c3d4-e5f6-4a7b-8c9d-0000000000a1',
  [S2]: 'a1b2c3d4-e5f6-4a7b-8c9d-0000000000a2',
  [S3]: 'a1b2c3d4-e5f6-4a7b-8c9d-0000000000a3',
  [S4]: 'a1b2c3d4-e5f6-4a7b-8c9d-0000000000a4',
  [S5]: 'a1b2c3d4-e5f6-4a7b-8c9d-0000000000a5',
  [S6]: 'a1b2c3d4-e5f6-4a7b-8c9d-0000000000a6',
};

/** One end user and order class for all. */
const ofTestCompany = (specs: Omit<SubscriptionSpec, 'endUserName' | 'orderClass'>[]): SubscriptionSpec[] =>
  specs.map((s) => ({ ...s, endUserName: 'Test Company', orderClass: 'ZNS' }));

const DATA = ofTestCompany([
  {
    id: ID[S1]!,
    key: S1,
    createdAt: '2024-01-18T19:53:51.480Z',
    updatedAt: '2024-02-18T19:53:51.480Z',
    subscriptionType: 'CENTRAL_AP',
    productType: 'DEVICE',
    tier: 'FOUNDATION_AP',
    tierDescription: 'Foundation AP',
    sku: 'R9Y02AAE',
    skuDescription: 'Aruba Central Foundation AP Subscription 1 Year',
    quantity: 20,
    availableQuantity: 10,
    isEval: false,
    startTime: '2024-02-01T00:00:00.000Z',
    endTime: '2025-02-01T00:00:00.000Z',
    status: 'STARTED',
    contract: 'CT-1001',
    quote: 'Q-2001',
    po: 'PO-3001',
    resellerPo: 'RPO-1',
    tags: { city: 'London', street: 'Piccadilly' },
  },
  {
    id: ID[S2]!,
    key: S2,
    createdAt: '2024-01-18T19:53:51.479Z',
    updatedAt: '2024-03-01T00:00:00.000Z',
    subscriptionType: 'CENTRAL_STORAGE',
    productType: 'DEVICE',
    tier: 'FOUNDATION_STORAGE',
    tierDescription: null,
    sku: 'S0B47AAE',
    skuDescription: 'HPE GreenLake for Block Storage 1 Year',
    quantity: 5,
    availableQuantity: 5,
    isEval: true,
    startTime: '2024-01-01T00:00:00.000Z',
    endTime: '2027-01-01T00:00:00.000Z',
    status: 'STARTED',
    contract: null,
    quote: 'Q-2002',
    po: null,
    resellerPo: null,
    tags: { City: 'LONDON', street: 'Oxford Street' },
  },
  {
    id: ID[S3]!,
    key: S3,
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:00.000Z',
    subscriptionType: 'CENTRAL_CONTROLLER',
    productType: 'DEVICE',
    tier: 'ADVANCE_72XX',
    tierDescription: 'Advanced 72xx',
    sku: 'JW556AAE',
    skuDescription: 'Aruba 7200 Controller Advanced 1 Year',
    quantity: 100,
    availableQuantity: 0,
    isEval: false,
    startTime: '2024-06-01T00:00:00.000Z',
    endTime: '2025-01-15T00:00:00.000Z',
    status: 'STARTED',
    contract: 'CT-1002',
    quote: null,
    po: 'PO-3002',
    resellerPo: 'RPO-2',
    tags: { city: 'Paris', Büro: 'Zürich' },
  },
  {
    id: ID[S4]!,
    key: S4,
    createdAt: '2024-07-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    subscriptionType: 'SERVICE',
    productType: 'SERVICE',
    tier: 'ANALYTICS',
    tierDescription: 'Analytics',
    sku: 'Q9Y61AAE',
    skuDescription: 'Aruba Central Analytics Service',
    quantity: 1,
    availableQuantity: 1,
    isEval: false,
    startTime: '2024-03-01T00:00:00.000Z',
    endTime: '2025-02-01T00:00:00.000Z',
    status: 'STARTED',
    contract: 'CT-1004',
    quote: 'Q-2004',
    po: null,
    resellerPo: null,
    tags: {},
  },
  {
    id: ID[S5]!,
    key: S5,
    createdAt: '2025-06-01T00:00:00.000Z',
    updatedAt: '2025-06-02T00:00:00.000Z',
    subscriptionType: 'CENTRAL_SWITCH',
    productType: 'DEVICE',
    tier: 'FOUNDATION_SWITCH_6300',
    tierDescription: null,
    sku: 'R8Q66AAE',
    skuDescription: 'Aruba Central 6300 Switch Foundation 3 Year',
    quantity: 48,
    availableQuantity: 48,
    isEval: true,
    startTime: '2027-06-01T00:00:00.000Z',
    endTime: '2030-06-01T00:00:00.000Z',
    status: 'STARTED',
    contract: 'CT-1003',
    quote: 'Q-2005',
    po: 'PO-3005',
    resellerPo: null,
    tags: { 'Setup Option': 'Default' },
  },
  {
    id: ID[S6]!,
    key: S6,
    createdAt: '2025-09-01T00:00:00.000Z',
    updatedAt: '2025-09-01T00:00:00.000Z',
    subscriptionType: 'CENTRAL_GW',
    productType: 'DEVICE',
    tier: 'FOUNDATION_WLAN_GW',
    tierDescription: 'Foundation WLAN Gateway',
    sku: 'R3V58AAE',
    skuDescription: "Partner's Gateway Foundation 1 Year",
    quantity: 10,
    availableQuantity: 3,
    isEval: false,
    startTime: '2025-01-01T00:00:00.000Z',
    endTime: '2028-01-01T00:00:00.000Z',
    status: 'SUSPENDED',
    contract: null,
    quote: null,
    po: 'PO-3006',
    resellerPo: null,
    tags: { city: 'london', floor: '3' },
  },
]);

/** The default order: createdAt, then key. */
const ORDER = [S2, S1, S3, S4, S5, S6];
/** Exactly these keys, in the default order. */
const only = (...keys: string[]) => ORDER.filter((k) => keys.includes(k));
/** Every key but these, in the default order. */
const except = (...keys: string[]) => ORDER.filter((k) => !keys.includes(k));

const S1_ITEM = {
  id: ID[S1],
  type: 'subscriptions/subscription',
  subscriptionType: 'CENTRAL_AP',
  subscriptionStatus: 'ENDED',
  createdAt: '2024-01-18T19:53:51.480Z',
  updatedAt: '2024-02-18T19:53:51.480Z',
  key: S1,
  quantity: '20',
  availableQuantity: '10',
  isEval: false,
  sku: 'R9Y02AAE',
  skuDescription: 'Aruba Central Foundation AP Subscription 1 Year',
  contract: 'CT-1001',
  startTime: '2024-02-01T00:00:00.000Z',
  endTime: '2025-02-01T00:00:00.000Z',
  tags: { city: 'London', street: 'Piccadilly' },
  productType: 'DEVICE',
  tier: 'FOUNDATION_AP',
  tierDescription: 'Foundation AP',
  quote: 'Q-2001',
  po: 'PO-3001',
  resellerPo: 'RPO-1',
};
const DTO_ORDER = Object.keys(S1_ITEM);

interface Item {
  id: string;
  key: string;
  subscriptionStatus: string;
  [field: string]: unknown;
}
interface ListBody {
  items: Item[];
  count: number;
  offset: number;
  total: number;
}

describe.each(testEngines())('Subscription Management list and get on %s', (engine) => {
  let t: TestApp;
  /** The workspace holding DATA, and one holding nothing. */
  let main: { workspaceId: string; token: string };
  let other: { workspaceId: string; token: string };

  const get = (path: string, token = main.token) => t.call({ method: 'GET', url: path, token });
  const list = (params: Record<string, string | number> = {}, token = main.token, version = 'v1') =>
    get(withQuery(`/subscriptions/${version}/subscriptions`, params), token);
  const body = (res: { json(): unknown }) => res.json() as ListBody;
  const keysOf = (res: { json(): unknown }) => body(res).items.map((i) => i.key);
  const subjects = (res: { json(): unknown }) => issuesOf(res).map((i) => i.subject);

  // Behaviour, not budgets: the limits are lifted (rate-limits.test.ts covers them). Tokens
  // outlive the clock moves of the status tests.
  useTestApp(engine, async (app) => {
    t = app;
    main = await t.tenant(['subscriptions-viewer'], 'main');
    other = await t.tenant(['subscriptions-viewer'], 'other');
    await insertSubscriptions(t.db, main.workspaceId, DATA);
  }, { config: { tokenTtlSeconds: 30 * 86_400 } });

  describe('item shape', () => {
    it('lists every subscription, oldest first, in the documented envelope', async () => {
      const res = await list();
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const b = body(res);
      expect(Object.keys(b)).toEqual(['items', 'count', 'offset', 'total']);
      expect(b).toMatchObject({ count: 6, offset: 0, total: 6 });
      expect(b.items.map((i) => i.key)).toEqual(ORDER);
    });

    it('renders an item with every property, in subscriptionDto order: quantities as strings, isEval boolean, times ISO UTC', async () => {
      const item = body(await list({ filter: `key eq '${S1}'` })).items[0]!;
      expect(item).toEqual(S1_ITEM);
      expect(Object.keys(item)).toEqual(DTO_ORDER);
      expect(typeof item.quantity).toBe('string');
      expect(typeof item.availableQuantity).toBe('string');
      expect(typeof item.isEval).toBe('boolean');
    });

    it('leaves out the optional properties a subscription has no value for, keeping the order of the rest', async () => {
      const item = body(await list({ filter: `key eq '${S2}'` })).items[0]!;
      expect(item).toEqual({
        id: ID[S2],
        type: 'subscriptions/subscription',
        subscriptionType: 'CENTRAL_STORAGE',
        subscriptionStatus: 'STARTED',
        createdAt: '2024-01-18T19:53:51.479Z',
        updatedAt: '2024-03-01T00:00:00.000Z',
        key: S2,
        quantity: '5',
        availableQuantity: '5',
        isEval: true,
        sku: 'S0B47AAE',
        skuDescription: 'HPE GreenLake for Block Storage 1 Year',
        startTime: '2024-01-01T00:00:00.000Z',
        endTime: '2027-01-01T00:00:00.000Z',
        tags: { City: 'LONDON', street: 'Oxford Street' },
        productType: 'DEVICE',
        tier: 'FOUNDATION_STORAGE',
        quote: 'Q-2002',
      });
      expect(Object.keys(item)).toEqual(DTO_ORDER.filter((k) => Object.hasOwn(item, k)));
    });

    it('gives each subscription its status: ENDED after the term, NONE before it, SUSPENDED from the provider', async () => {
      const statuses = Object.fromEntries(body(await list()).items.map((i) => [i.key, i.subscriptionStatus]));
      expect(statuses).toEqual({ [S1]: 'ENDED', [S2]: 'STARTED', [S3]: 'ENDED', [S4]: 'ENDED', [S5]: 'NONE', [S6]: 'SUSPENDED' });
    });

    it('an empty tag map is {}', async () => {
      expect(body(await list({ filter: `key eq '${S4}'` })).items[0]!.tags).toEqual({});
    });
  });

  describe('filter', () => {
    const cases: [string, string[]][] = [
      // id
      [`id eq '${ID[S1]}'`, only(S1)],
      [`id eq '${ID[S1]!.toUpperCase()}'`, only(S1)],
      [`id ne '${ID[S1]}'`, except(S1)],
      [`id in ('${ID[S1]}', '${ID[S3]}')`, only(S1, S3)],
      // subscriptionType
      ["subscriptionType eq 'CENTRAL_STORAGE'", only(S2)],
      ["subscriptionType ne 'CENTRAL_AP'", except(S1)],
      ["subscriptionType in 'CENTRAL_STORAGE', 'CENTRAL_CONTROLLER'", only(S2, S3)],
      ["subscriptionType in ('CENTRAL_STORAGE', 'CENTRAL_CONTROLLER')", only(S2, S3)],
      ["subscriptionType in ['CENTRAL_STORAGE', 'CENTRAL_CONTROLLER']", only(S2, S3)],
      ["subscriptionType eq 'central_storage'", []],
      // subscriptionStatus (computed from the clock)
      ["subscriptionStatus eq 'STARTED'", only(S2)],
      ["subscriptionStatus eq 'ENDED'", only(S1, S3, S4)],
      ["subscriptionStatus eq 'NONE'", only(S5)],
      ["subscriptionStatus eq 'SUSPENDED'", only(S6)],
      ["subscriptionStatus ne 'ENDED'", only(S2, S5, S6)],
      ["subscriptionStatus in ('NONE', 'SUSPENDED')", only(S5, S6)],
      // key
      [`key eq '${S1}'`, only(S1)],
      [`key ne '${S1}'`, except(S1)],
      [`not key eq '${S1}'`, except(S1)],
      [`key in ['${S1}', '${S3}']`, only(S1, S3)],
      [`key eq '${S1.toLowerCase()}'`, []],
      // quantity: S1 20, S2 5, S3 100, S4 1, S5 48, S6 10
      ['quantity eq 20', only(S1)],
      ['quantity ne 20', except(S1)],
      ['quantity gt 20', only(S3, S5)],
      ['quantity ge 20', only(S1, S3, S5)],
      ['quantity lt 10', only(S2, S4)],
      ['quantity le 10', only(S2, S4, S6)],
      ['quantity in (1, 5, 7)', only(S2, S4)],
      ["quantity ge '48'", only(S3, S5)],
      ['quantity gt -1', ORDER],
      // availableQuantity: S1 10, S2 5, S3 0, S4 1, S5 48, S6 3
      ['availableQuantity eq 0', only(S3)],
      ['availableQuantity ne 10', except(S1)],
      ['availableQuantity gt 5', only(S1, S5)],
      ['availableQuantity ge 5', only(S1, S2, S5)],
      ['availableQuantity lt 3', only(S3, S4)],
      ['availableQuantity le 3', only(S3, S4, S6)],
      ['availableQuantity in (0, 48)', only(S3, S5)],
      // isEval: S2, S5
      ['isEval eq true', only(S2, S5)],
      ['isEval eq TRUE', only(S2, S5)],
      ['isEval eq false', except(S2, S5)],
      ['isEval ne true', except(S2, S5)],
      ["isEval eq 'true'", only(S2, S5)],
      ['isEval in (true)', only(S2, S5)],
      ['isEval eq null', []],
      ['isEval ne null', ORDER],
      // sku
      ["sku eq 'JW556AAE'", only(S3)],
      ["sku ne 'JW556AAE'", except(S3)],
      ["sku in ('R9Y02AAE', 'Q9Y61AAE')", only(S1, S4)],
      // skuDescription (a quote inside a string is doubled)
      ["skuDescription eq 'Aruba Central Foundation AP Subscription 1 Year'", only(S1)],
      ["skuDescription eq 'Partner''s Gateway Foundation 1 Year'", only(S6)],
      ["skuDescription ne 'Aruba Central Foundation AP Subscription 1 Year'", except(S1)],
      ["skuDescription in ('Aruba Central Analytics Service', 'HPE GreenLake for Block Storage 1 Year')", only(S2, S4)],
      // contract (nullable: S2, S6)
      ["contract eq 'CT-1001'", only(S1)],
      ["contract ne 'CT-1001'", except(S1)],
      ['contract eq null', only(S2, S6)],
      ['contract ne null', except(S2, S6)],
      ["contract in ('CT-1002', 'CT-1003')", only(S3, S5)],
      ["contract in ('CT-1002', null)", only(S2, S3, S6)],
      ["not contract eq 'CT-1001'", except(S1)],
      // startTime: S1 2024-02-01, S2 2024-01-01, S3 2024-06-01, S4 2024-03-01, S5 2027-06-01, S6 2025-01-01
      ["startTime eq '2024-02-01T00:00:00.000Z'", only(S1)],
      ['startTime eq 2024-02-01T00:00:00Z', only(S1)],
      ['startTime eq 2024-02-01T02:00:00+02:00', only(S1)],
      ["startTime eq '2024-01-31T19:00:00-05:00'", only(S1)],
      ['startTime ne 2024-02-01T00:00:00Z', except(S1)],
      ["startTime gt '2024-06-01T00:00:00Z'", only(S5, S6)],
      ['startTime ge 2024-06-01T00:00:00Z', only(S3, S5, S6)],
      ["startTime lt '2024-03-01T00:00:00Z'", only(S1, S2)],
      ['startTime le 2024-03-01T00:00:00.000Z', only(S1, S2, S4)],
      ['startTime gt 2024-01-23t00:00:00z', except(S2)],
      ["startTime in ('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", only(S2, S6)],
      // endTime: S1 2025-02-01, S2 2027-01-01, S3 2025-01-15, S4 2025-02-01, S5 2030-06-01, S6 2028-01-01
      ["endTime lt '2025-02-22T00:00:00.000Z'", only(S1, S3, S4)],
      ['endTime le 2025-01-15T00:00:00Z', only(S3)],
      ['endTime eq 2027-01-01T00:00:00Z', only(S2)],
      ['endTime ne 2027-01-01T00:00:00Z', except(S2)],
      ['endTime gt 2027-01-01T00:00:00Z', only(S5, S6)],
      ['endTime ge 2027-01-01T00:00:00Z', only(S2, S5, S6)],
      ["endTime in ('2025-02-01T00:00:00Z')", only(S1, S4)],
      // productType
      ["productType eq 'SERVICE'", only(S4)],
      ["productType ne 'SERVICE'", except(S4)],
      ["not productType eq 'SERVICE'", except(S4)],
      ["productType in ('DEVICE')", except(S4)],
      // tier
      ["tier ne 'BRIDGE'", ORDER],
      ["tier eq 'ADVANCE_72XX'", only(S3)],
      ["tier in ('FOUNDATION_AP', 'FOUNDATION_WLAN_GW')", only(S1, S6)],
      // tierDescription (nullable: S2, S5)
      ["tierDescription eq 'Foundation AP'", only(S1)],
      ["tierDescription ne 'Foundation AP'", except(S1)],
      ['tierDescription eq null', only(S2, S5)],
      ['tierDescription ne null', except(S2, S5)],
      ["tierDescription in ('Analytics', 'Advanced 72xx')", only(S3, S4)],
      // quote (nullable: S3, S6)
      ["quote eq 'Q-2002'", only(S2)],
      ["quote ne 'Q-2002'", except(S2)],
      ['quote eq null', only(S3, S6)],
      ['quote ne null', except(S3, S6)],
      ["quote in ('Q-2001', 'Q-2005')", only(S1, S5)],
      // po (nullable: S2, S4)
      ["po eq 'PO-3002'", only(S3)],
      ["po ne 'PO-3002'", except(S3)],
      ['po eq null', only(S2, S4)],
      ['po ne null', except(S2, S4)],
      ["po in ('PO-3001', 'PO-3006', null)", only(S1, S2, S4, S6)],
      // resellerPo (only S1, S3 have one)
      ["resellerPo eq 'RPO-2'", only(S3)],
      ["resellerPo ne 'RPO-2'", except(S3)],
      ['resellerPo eq null', except(S1, S3)],
      ['resellerPo ne null', only(S1, S3)],
      ["resellerPo in ('RPO-1', 'RPO-2')", only(S1, S3)],
      // createdAt: S2 …51.479Z, S1 …51.480Z, S3 2024-05-01T10:00Z, S4 2024-07-01, S5 2025-06-01, S6 2025-09-01
      ["createdAt ge '2024-01-18T19:53:51.480Z'", except(S2)],
      ['createdAt gt 2024-01-18T19:53:51.479Z', except(S2)],
      ['createdAt eq 2024-01-18T19:53:51.479Z', only(S2)],
      ["createdAt ne '2024-01-18T19:53:51.479Z'", except(S2)],
      ["createdAt lt '2024-05-01T10:00:00Z'", only(S1, S2)],
      ['createdAt le 2024-05-01T12:00:00+02:00', only(S1, S2, S3)],
      ['createdAt in (2024-07-01T00:00:00Z, 2025-09-01T00:00:00Z)', only(S4, S6)],
      // updatedAt: S1 2024-02-18T19:53:51.480Z, S2 2024-03-01, S3 2024-05-01T10:00Z, S4 2025-01-01, S5 2025-06-02, S6 2025-09-01
      ["updatedAt le '2024-02-18T19:53:51.480Z'", only(S1)],
      ["updatedAt lt '2024-02-18T19:53:51.480Z'", []],
      ['updatedAt gt 2024-02-18T19:53:51.480Z', except(S1)],
      ['updatedAt ge 2025-01-01T00:00:00Z', only(S4, S5, S6)],
      ["updatedAt eq '2025-06-02T00:00:00Z'", only(S5)],
      ['updatedAt ne 2025-06-02T00:00:00Z', except(S5)],
      ["updatedAt in ('2024-03-01T00:00:00Z', '2024-05-01T10:00:00Z')", only(S2, S3)],
      // The spec's own examples, verbatim
      ["key eq 'STIQQ4L04' and subscriptionType eq 'CENTRAL_STORAGE'", only(S2)],
      ["key eq 'STIQQ4L04' or subscriptionType eq 'CENTRAL_STORAGE'", only(S2)],
      ["startTime gt '2024-01-23T00:00:00.000Z' and endTime lt '2025-02-22T00:00:00.000Z' and not productType eq 'SERVICE'", only(S1, S3)],
      // and / or / not: not binds tightest, then and, then or; parentheses group
      [`key eq '${S1}' or subscriptionType eq 'CENTRAL_STORAGE'`, only(S1, S2)],
      [`key eq '${S1}' or key eq '${S3}' and isEval eq true`, only(S1)],
      [`(key eq '${S1}' or key eq '${S3}') and isEval eq false`, only(S1, S3)],
      ['not isEval eq true and quantity gt 10', only(S1, S3)],
      ['not (isEval eq true or quantity gt 10)', only(S4, S6)],
      ["isEval eq true or quantity gt 50 and productType eq 'DEVICE'", only(S2, S3, S5)],
      ["subscriptionType in 'CENTRAL_STORAGE', 'CENTRAL_CONTROLLER' and quantity gt 50", only(S3)],
      [`not not key eq '${S1}'`, only(S1)],
      ['not quantity gt 10', only(S2, S4, S6)],
      ['not (contract eq null) and not (quote eq null)', only(S1, S4, S5)],
      [`key EQ '${S1}' OR quantity GT 50 AND NOT isEval EQ TRUE`, only(S1, S3)],
    ];

    it.each(cases)('%s', async (filter, keys) => {
      const res = await list({ filter });
      expect(res.statusCode).toBe(200);
      expect(keysOf(res)).toEqual(keys);
      expect(body(res)).toMatchObject({ count: keys.length, total: keys.length, offset: 0 });
    });

    it('covers every filterable property the reference lists', () => {
      const documented = [
        'id', 'subscriptionType', 'subscriptionStatus', 'key', 'quantity', 'availableQuantity', 'isEval', 'sku', 'skuDescription', 'contract',
        'startTime', 'endTime', 'productType', 'tier', 'tierDescription', 'quote', 'po', 'resellerPo', 'createdAt', 'updatedAt',
      ];
      for (const field of documented) {
        for (const op of ['eq', 'ne', 'in']) {
          expect(cases.some(([f]) => f.startsWith(`${field} ${op} `)), `${field} ${op}`).toBe(true);
        }
      }
      for (const field of ['quantity', 'availableQuantity', 'startTime', 'endTime', 'createdAt', 'updatedAt']) {
        for (const op of ['gt', 'ge', 'lt', 'le']) expect(cases.some(([f]) => f.startsWith(`${field} ${op} `)), `${field} ${op}`).toBe(true);
      }
    });

    const refused: [string, string][] = [
      ["colour eq 'red'", "unknown field 'colour'"],
      ['generation eq 1', "unknown field 'generation'"],
      ["tags/city eq 'London'", "unknown field 'tags/city'"],
      [`key gt '${S1}'`, "operator 'gt' does not apply to the string field 'key'"],
      [`id lt '${ID[S1]}'`, "operator 'lt' does not apply to the uuid field 'id'"],
      ['isEval gt false', "operator 'gt' does not apply to the boolean field 'isEval'"],
      ["isEval eq 'yes'", "field 'isEval' takes true or false"],
      ["quantity eq 'many'", "field 'quantity' takes an integer"],
      // Integer fields take integers only (docs/filter-language.md: `quantity eq 1.5` is a 400).
      ['quantity gt 10.5', "field 'quantity' takes an integer"],
      ['availableQuantity eq 20.0', "field 'availableQuantity' takes an integer"],
      ["id eq 'not-a-uuid'", "field 'id' takes a quoted UUID"],
      ["startTime gt '2024-01-23'", "field 'startTime' takes an RFC 3339 timestamp"],
      ['startTime gt 2024-01-23', "incomplete timestamp '2024-01-23'"],
      ['endTime lt 5', "field 'endTime' takes an RFC 3339 timestamp"],
      ["key eq 'unterminated", 'unterminated string'],
      ["key = 'A'", "unknown operator '='"],
      ['quantity gt null', "null cannot be used with 'gt'"],
      ['key in ()', "empty list after 'in'"],
      ["(key eq 'A'", "expected ')'"],
      ['', 'the filter is empty'],
    ];

    it.each(refused)('400 naming filter for %j', async (filter, description) => {
      const res = await list({ filter });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST', message: 'Bad Request.' });
      expect(issuesOf(res)).toEqual([{ source: 'query.parameter', subject: 'filter', description: expect.stringContaining(description) }]);
      expect(issuesOf(res)[0]!.description).toMatch(/ at position \d+/);
    });
  });

  describe('filter-tags', () => {
    // S1 {city: London, street: Piccadilly}, S2 {City: LONDON, street: Oxford Street}, S3 {city: Paris, Büro: Zürich},
    // S4 {}, S5 {Setup Option: Default}, S6 {city: london, floor: 3}
    const cases: [string, string[]][] = [
      ["'city' eq 'London'", only(S1, S2, S6)],
      ["'CITY' eq 'lOnDoN'", only(S1, S2, S6)],
      // ne: has the tag, with another value; a subscription without the tag does not match.
      ["'city' ne 'London'", only(S3)],
      ["'City' ne 'PARIS'", only(S1, S2, S6)],
      ["'floor' ne '3'", []],
      ["'street' ne 'piccadilly'", only(S2)],
      ["'country' ne 'UK'", []],
      ["'city' eq 'London' and 'street' eq 'Piccadilly'", only(S1)],
      ["'street' eq 'Oxford Street' or 'street' eq 'Piccadilly'", only(S1, S2)],
      ["'city' eq 'Paris' or 'city' eq 'london' and 'floor' eq '3'", only(S3, S6)],
      ["('city' eq 'Paris' or 'city' eq 'london') and 'floor' eq '3'", only(S6)],
      ["'city' in keys", only(S1, S2, S3, S6)],
      ["'SETUP OPTION' in keys", only(S5)],
      ["'setup option' eq 'default'", only(S5)],
      ["not 'city' in keys", only(S4, S5)],
      ["not 'city' eq 'London'", only(S3, S4, S5)],
      ["'city' in ('Paris', 'LONDON')", only(S1, S2, S3, S6)],
      ["'country' eq 'UK'", []],
      // Case-insensitive beyond ASCII too
      ["'BÜRO' eq 'zÜRICH'", only(S3)],
      ["'büro' in keys", only(S3)],
    ];

    it.each(cases)('%s', async (filterTags, keys) => {
      const res = await list({ 'filter-tags': filterTags });
      expect(res.statusCode).toBe(200);
      expect(keysOf(res)).toEqual(keys);
      expect(body(res)).toMatchObject({ count: keys.length, total: keys.length });
    });

    it.each(["'city' gt 'A'", "city eq 'London'", "'city' eq 5", "'city' eq", "'city' in values", ''])('400 naming filter-tags for %j', async (filterTags) => {
      const res = await list({ 'filter-tags': filterTags });
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual([{ source: 'query.parameter', subject: 'filter-tags', description: expect.any(String) }]);
    });

    it('with filter: a subscription must match both; total counts the matches of both, count the page', async () => {
      const both = { filter: 'isEval eq false', 'filter-tags': "'city' eq 'London'" };
      const all = await list(both);
      expect(keysOf(all)).toEqual(only(S1, S6));
      expect(body(all)).toMatchObject({ count: 2, offset: 0, total: 2 });
      const first = await list({ ...both, limit: 1 });
      expect(keysOf(first)).toEqual([S1]);
      expect(body(first)).toMatchObject({ count: 1, offset: 0, total: 2 });
      const second = await list({ ...both, limit: 1, offset: 1 });
      expect(keysOf(second)).toEqual([S6]);
      expect(body(second)).toMatchObject({ count: 1, offset: 1, total: 2 });
      const ended = await list({ filter: "subscriptionStatus eq 'ENDED'", 'filter-tags': "'city' in keys" });
      expect(keysOf(ended)).toEqual(only(S1, S3));
      expect(body(ended).total).toBe(2);
    });
  });

  describe('sort', () => {
    it.each([
      // quantity: S1 20, S2 5, S3 100, S4 1, S5 48, S6 10
      ['quantity desc, key', [S3, S5, S1, S6, S2, S4]],
      ['isEval desc, quantity', [S2, S5, S4, S6, S1, S3]],
      ['isEval desc,quantity asc', [S2, S5, S4, S6, S1, S3]],
      ['key, quote desc', [S3, S5, S1, S2, S6, S4]],
      ['productType desc, createdAt desc', [S4, S6, S5, S3, S1, S2]],
      ['subscriptionStatus, key', [S3, S1, S4, S5, S2, S6]],
      ['subscriptionStatus desc, key desc', [S6, S2, S5, S4, S1, S3]],
      ['endTime desc, key asc', [S5, S6, S2, S1, S4, S3]],
      ['availableQuantity', [S3, S4, S6, S2, S1, S5]],
      ['startTime DESC', [S5, S6, S3, S4, S1, S2]],
      ['updatedAt desc', [S6, S5, S4, S3, S2, S1]],
      ['createdAt', ORDER],
    ])('sort=%s', async (sort, keys) => {
      const res = await list({ sort });
      expect(res.statusCode).toBe(200);
      expect(keysOf(res)).toEqual(keys);
    });

    it('sorts the filtered set and pages through it', async () => {
      const res = await list({ sort: 'quantity desc, key', filter: 'quantity lt 50', limit: 2, offset: 1 });
      expect(keysOf(res)).toEqual([S1, S6]);
      expect(body(res)).toMatchObject({ count: 2, offset: 1, total: 5 });
    });

    it.each(['colour', 'key up', 'key asc desc', '', 'key, key desc', 'tags', 'key,'])('400 naming sort for %j', async (sort) => {
      const res = await list({ sort });
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual([{ source: 'query.parameter', subject: 'sort', description: expect.any(String) }]);
    });
  });

  describe('select', () => {
    it('select=id,key returns only those, on every item', async () => {
      const res = await list({ select: 'id,key' });
      expect(res.statusCode).toBe(200);
      const b = body(res);
      expect(b).toMatchObject({ count: 6, offset: 0, total: 6 });
      expect(b.items).toEqual(ORDER.map((k) => ({ id: ID[k], key: k })));
      for (const item of b.items) expect(Object.keys(item)).toEqual(['id', 'key']);
    });

    it('keeps the DTO order whatever order the fields are named in', async () => {
      const res = await list({ select: 'key, id', filter: `key eq '${S1}'` });
      expect(Object.keys(body(res).items[0]!)).toEqual(['id', 'key']);
      const more = body(await list({ select: 'tags,quantity,subscriptionStatus,resellerPo', filter: `key eq '${S1}'` })).items[0]!;
      expect(more).toEqual({ subscriptionStatus: 'ENDED', quantity: '20', tags: { city: 'London', street: 'Piccadilly' }, resellerPo: 'RPO-1' });
      expect(Object.keys(more)).toEqual(['subscriptionStatus', 'quantity', 'tags', 'resellerPo']);
    });

    it('works with filter, sort and paging', async () => {
      const res = await list({ select: 'key', filter: 'isEval eq false', sort: 'quantity desc', limit: 2 });
      expect(body(res)).toEqual({ items: [{ key: S3 }, { key: S1 }], count: 2, offset: 0, total: 4 });
    });

    it.each(['colour', 'id,colour', 'id,,key', ''])('400 naming select for %j', async (select) => {
      const res = await list({ select });
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual([{ source: 'query.parameter', subject: 'select', description: expect.any(String) }]);
    });
  });

  describe('paging', () => {
    it('pages with limit and offset, each page stating its offset, the total staying the same', async () => {
      const pages = [];
      for (const offset of [0, 2, 4]) {
        const res = await list({ limit: 2, offset });
        expect(res.statusCode).toBe(200);
        expect(body(res)).toMatchObject({ count: 2, offset, total: 6 });
        pages.push(...keysOf(res));
      }
      expect(pages).toEqual(ORDER);
      for (const offset of [6, 100]) {
        expect(body(await list({ limit: 2, offset }))).toEqual({ items: [], count: 0, offset, total: 6 });
      }
    });

    it.each([
      ['v1', 1],
      ['v1', 200],
      ['v1beta1', 1],
      ['v1beta1', 50],
      ['v1alpha1', 1],
      ['v1alpha1', 2000],
    ])('%s accepts limit=%i', async (version, limit) => {
      const res = await list({ limit }, main.token, version);
      expect(res.statusCode).toBe(200);
      expect(body(res).count).toBe(Math.min(limit, 6));
      expect(body(res).total).toBe(6);
    });

    it.each([
      ['v1', 'limit', '0'],
      ['v1', 'limit', '201'],
      ['v1', 'limit', '-1'],
      ['v1', 'limit', 'ten'],
      ['v1', 'limit', '1.5'],
      ['v1beta1', 'limit', '0'],
      ['v1beta1', 'limit', '51'],
      ['v1alpha1', 'limit', '0'],
      ['v1alpha1', 'limit', '2001'],
      ['v1', 'offset', '-1'],
      ['v1', 'offset', 'x'],
      ['v1beta1', 'offset', '-1'],
      ['v1alpha1', 'offset', '-1'],
      // offset is an int64 (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/); a value outside it is a client error, never a 500.
      ['v1', 'offset', '9223372036854775808'],
      ['v1', 'offset', '100000000000000000000'],
      ['v1beta1', 'offset', '100000000000000000000'],
      ['v1alpha1', 'offset', '100000000000000000000'],
    ])('%s refuses %s=%s with a 400 naming it', async (version, parameter, value) => {
      const res = await list({ [parameter]: value }, main.token, version);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(subjects(res)).toEqual([parameter]);
      expect(issuesOf(res)[0]!.source).toBe('query.parameter');
    });

    it('an offset past the last page gives an empty page with the total', async () => {
      const res = await list({ offset: Number.MAX_SAFE_INTEGER });
      expect(res.statusCode).toBe(200);
      expect(body(res)).toEqual({ items: [], count: 0, offset: Number.MAX_SAFE_INTEGER, total: 6 });
    });

    describe('on 2001 subscriptions', () => {
      let bulk: { workspaceId: string; token: string };
      const N = 2001;
      const keyOf = (i: number) => `BLK${String(i).padStart(5, '0')}`;
      const base = Date.parse('2025-03-01T00:00:00.000Z');

      beforeAll(async () => {
        bulk = await t.tenant(['subscriptions-viewer'], 'bulk');
        const specs: SubscriptionSpec[] = Array.from({ length: N }, (_, i) => ({
          ...DATA[0]!,
          id: `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          key: keyOf(i),
          // Ten subscriptions per createdAt: the default sort (createdAt, key) has ties to break.
          createdAt: new Date(base + Math.floor(i / 10) * 1000).toISOString(),
          updatedAt: new Date(base).toISOString(),
          quantity: i % 7,
          availableQuantity: i % 7,
          tags: {},
        }));
        await insertSubscriptions(t.db, bulk.workspaceId, specs);
      });

      it('v1 and v1beta1 return 50 by default, v1alpha1 2000', async () => {
        for (const [version, count] of [
          ['v1', 50],
          ['v1beta1', 50],
          ['v1alpha1', 2000],
        ] as const) {
          const res = await list({}, bulk.token, version);
          expect(res.statusCode, version).toBe(200);
          expect(body(res).count, version).toBe(count);
          expect(body(res).items, version).toHaveLength(count);
          expect(body(res).total, version).toBe(N);
        }
        expect(keysOf(await list({}, bulk.token))).toEqual(Array.from({ length: 50 }, (_, i) => keyOf(i)));
      });

      it.each([undefined, 'quantity desc', 'isEval', 'subscriptionStatus'])('pages of 200 are stable and complete (sort=%s)', async (sort) => {
        const seen: string[] = [];
        for (let offset = 0; offset < N; offset += 200) {
          const res = await list({ limit: 200, offset, ...(sort && { sort }) }, bulk.token);
          expect(res.statusCode).toBe(200);
          expect(body(res)).toMatchObject({ count: Math.min(200, N - offset), offset, total: N });
          seen.push(...keysOf(res));
        }
        expect(seen).toHaveLength(N);
        expect(new Set(seen).size).toBe(N);
        if (sort === undefined) expect(seen).toEqual(Array.from({ length: N }, (_, i) => keyOf(i)));
        if (sort === 'quantity desc') {
          const quantities = seen.map((k) => Number(k.slice(3)) % 7);
          expect(quantities).toEqual([...quantities].sort((a, b) => b - a));
        }
      });
    });
  });

  describe('GET /subscriptions/v1/subscriptions/{id}', () => {
    it('answers 200 with the same item as the list', async () => {
      const res = await get(`/subscriptions/v1/subscriptions/${ID[S1]}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(S1_ITEM);
      expect(Object.keys(res.json() as object)).toEqual(DTO_ORDER);
      for (const key of ORDER) {
        const one = await get(`/subscriptions/v1/subscriptions/${ID[key]}`);
        expect(one.json()).toEqual(body(await list({ filter: `key eq '${key}'` })).items[0]);
      }
    });

    it('accepts the id in upper case', async () => {
      const res = await get(`/subscriptions/v1/subscriptions/${ID[S6]!.toUpperCase()}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: ID[S6], key: S6, subscriptionStatus: 'SUSPENDED' });
    });

    it('answers 404 HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND with the metadata detail for an unknown id', async () => {
      const id = '0b7c2a61-95a4-4f0c-9b53-d8e3c1f0a999';
      const res = await get(`/subscriptions/v1/subscriptions/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(
        metadataError(404, 'HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND', 'Not Found', {
          source: 'hpe.greenlake.subscriptionmanagement',
          metadata: { id: { message: `Resource with id [${id}] not found` } },
        }),
      );
    });

    it("answers 404, never 403, for another workspace's subscription, and lists none of them", async () => {
      const res = await get(`/subscriptions/v1/subscriptions/${ID[S1]}`, other.token);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        errorCode: 'HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND',
        errorDetails: [{ metadata: { id: { message: `Resource with id [${ID[S1]}] not found` } } }],
      });
      expect(body(await list({}, other.token))).toEqual({ items: [], count: 0, offset: 0, total: 0 });
      expect(body(await list({ filter: `id eq '${ID[S1]}'` }, other.token)).total).toBe(0);
    });

    it.each(['not-a-uuid', '12345', 'a1b2c3d4e5f64a7b8c9d0000000000a1x'])('answers 400 for the id %s', async (id) => {
      const res = await get(`/subscriptions/v1/subscriptions/${id}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(issuesOf(res)).toEqual([{ source: 'path.parameter', subject: 'Id', description: 'Id is not a valid UUID.' }]);
    });
  });

  describe('permissions', () => {
    it('needs a token (401) and the view permission (403)', async () => {
      expect((await t.call({ method: 'GET', url: '/subscriptions/v1/subscriptions', token: null })).statusCode).toBe(401);
      const flex = await t.tenant(['flex-viewer'], 'flex-only');
      expect((await list({}, flex.token)).statusCode).toBe(403);
      expect((await get(`/subscriptions/v1/subscriptions/${ID[S1]}`, flex.token)).statusCode).toBe(403);
    });
  });

  // Last: it moves the clock forward.
  describe('subscriptionStatus follows the clock', () => {
    it('NONE until the start, STARTED during the term, ENDED once the end has passed; filter and sort follow', async () => {
      const clock = await t.tenant(['subscriptions-editor'], 'clock');
      const now = t.now();
      const [ending, starting] = await issueKeys(t.db, [
        keyRow(now, { start_time: new Date(now - DAY), end_time: new Date(now + HOUR) }),
        keyRow(now, { start_time: new Date(now + 30 * MINUTE), end_time: new Date(now + 365 * DAY) }),
      ]);
      const op = await settle(t, (await addKeys(t, [ending!, starting!], { token: clock.token })).id, clock.token);
      expect(op.status).toBe('SUCCEEDED');
      const ids = Object.fromEntries(
        (op.result as { succeededSubscriptions: { key: string; id: string }[] }).succeededSubscriptions.map((s) => [s.key, s.id]),
      );
      const statuses = async () => body(await list({ sort: 'key' }, clock.token)).items.map((i) => [i.key, i.subscriptionStatus]);
      const filtered = async (status: string) => keysOf(await list({ filter: `subscriptionStatus eq '${status}'`, sort: 'key' }, clock.token));
      const sorted = async () => keysOf(await list({ sort: 'subscriptionStatus, key' }, clock.token));

      expect(await statuses()).toEqual([
        [ending, 'STARTED'],
        [starting, 'NONE'],
      ]);
      expect(await filtered('NONE')).toEqual([starting]);
      expect(await filtered('STARTED')).toEqual([ending]);
      expect(await sorted()).toEqual([starting, ending]);

      t.advance(45 * MINUTE);
      expect(await statuses()).toEqual([
        [ending, 'STARTED'],
        [starting, 'STARTED'],
      ]);
      expect(await filtered('NONE')).toEqual([]);
      expect(await filtered('STARTED')).toEqual([ending, starting]);

      t.advance(30 * MINUTE);
      expect(await statuses()).toEqual([
        [ending, 'ENDED'],
        [starting, 'STARTED'],
      ]);
      expect(await filtered('ENDED')).toEqual([ending]);
      expect(await filtered('STARTED')).toEqual([starting]);
      expect(await sorted()).toEqual([ending, starting]);
      expect(keysOf(await list({ sort: 'subscriptionStatus desc' }, clock.token))).toEqual([starting, ending]);
      const got = await get(`/subscriptions/v1/subscriptions/${ids[ending!]}`, clock.token);
      expect(got.json()).toMatchObject({ key: ending, subscriptionStatus: 'ENDED' });
    });
  });
});
