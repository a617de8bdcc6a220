/** The metering catalog API (ADR 0012): every endpoint and validation rule, the version rule, the 409s, isolation, permissions. */
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { issuesOf } from '../../../support/api-responses.js';
import { testEngines } from '../../../support/test-databases.js';
import { DEVICE_IDS, insertFlexFixtures } from '../../../support/flex-fixtures.js';

const DAY = 86_400_000;
const V1 = '/metering/v1';

type Body = Record<string, unknown>;

const subjectsOf = (res: LightMyRequestResponse) => issuesOf(res).map((i) => i.subject);
const enc = encodeURIComponent;

let counter = 0;
/** A fresh id per use, so tests sharing the file's database never see each other's objects. */
const unique = (prefix: string) => `${prefix}-${++counter}`;

const resourceBody = (billingAccountId: string, overrides: Body = {}): Body => ({
  billingAccountId,
  serviceName: 'Block Storage',
  serviceCategory: 'Storage',
  ...overrides,
});

const meterBody = (eventType: string, overrides: Body = {}): Body => ({
  eventType,
  valueProperty: '$.gbHours',
  aggregation: 'SUM',
  consumedUnit: 'GB-Hours',
  ...overrides,
});

describe.each(testEngines())('Metering catalog on %s', (engine) => {
  let t: TestApp;

  useTestApp(engine, (app) => {
    t = app;
  });

  const put = (url: string, payload: unknown, token?: string) =>
    t.call({ method: 'PUT', url, payload: payload as Body, ...(token && { token }) });
  const get = (url: string, token?: string) => t.call({ method: 'GET', url, ...(token && { token }) });
  const del = (url: string, token?: string) => t.call({ method: 'DELETE', url, ...(token && { token }) });

  /** Midnight UTC `n` days from the injected clock's today, as the API answers times. */
  const day = (n: number) => new Date((Math.floor(t.now() / DAY) + n) * DAY).toISOString();

  const account = async (id = unique('BA'), body: Body = { name: 'Acme' }) => {
    const res = await put(`${V1}/billing-accounts/${enc(id)}`, body);
    expect(res.statusCode).toBe(201);
    return id;
  };
  const meter = async (id = unique('meter'), body: Body = meterBody(unique('type'))) => {
    const res = await put(`${V1}/meters/${enc(id)}`, body);
    expect(res.statusCode).toBe(201);
    return id;
  };
  const priceBody = (meterId: string, overrides: Body = {}): Body => ({
    meterId,
    publisherName: 'HPE',
    providerName: 'HPE',
    invoiceIssuerName: 'HPE',
    pricingUnit: 'GB-Months',
    listUnitPrice: '0.9',
    currency: 'USD',
    effectiveFrom: day(-30),
    ...overrides,
  });

  describe('billing accounts', () => {
    it('creates with defaults (201), replaces (200, createdAt kept) and reads back', async () => {
      const id = unique('HP-AMS/USA:1@x');
      const url = `${V1}/billing-accounts/${enc(id)}`;
      const created = await put(url, { name: 'Acme' });
      expect(created.statusCode).toBe(201);
      const first = created.json() as Body;
      expect(first).toEqual({
        id,
        name: 'Acme',
        currency: 'USD',
        accountingDay: 1,
        fiscalStartMonth: 1,
        customerId: expect.any(Number),
        createdAt: first.createdAt,
        updatedAt: first.createdAt,
      });
      expect(first.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      t.advance(1000);
      const replaced = await put(url, { name: 'Acme EU', currency: 'EUR', accountingDay: 15, fiscalStartMonth: 4 });
      expect(replaced.statusCode).toBe(200);
      const second = replaced.json() as Body;
      expect(second).toMatchObject({ id, name: 'Acme EU', currency: 'EUR', accountingDay: 15, fiscalStartMonth: 4, createdAt: first.createdAt });
      expect(Date.parse(second.updatedAt as string)).toBeGreaterThan(Date.parse(first.createdAt as string));

      const read = await get(url);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(second);

      // A replacement without the optional fields puts the defaults back.
      expect((await put(url, { name: 'Acme' })).json()).toMatchObject({ currency: 'USD', accountingDay: 1, fiscalStartMonth: 1 });
    });

    it('stores the calendar in the table Flex shares', async () => {
      const id = await account(unique('BA'), { name: 'Flex Co', accountingDay: 28, fiscalStartMonth: 12 });
      const row = await t.db.selectFrom('billing_accounts').selectAll().where('workspace_id', '=', t.admin.workspaceId).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: 'Flex Co', currency: 'USD', accounting_day: 28, fiscal_start_month: 12 });
      expect((await get('/flex/v1beta1/orders')).statusCode).toBe(200);
    });

    it('answers a NUL character in a text field with a 400 in the envelope, and stores nothing', async () => {
      const id = unique('NUL');
      const res = await put(`${V1}/billing-accounts/${enc(id)}`, { name: 'a\u0000b' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(issuesOf(res)[0]!.description).toMatch(/NUL character/);
      expect((await get(`${V1}/billing-accounts/${enc(id)}`)).statusCode).toBe(404);
    });

    it('treats ids case-sensitively', async () => {
      const id = unique('CaseId');
      await account(id, { name: 'upper' });
      await account(id.toLowerCase(), { name: 'lower' });
      expect((await get(`${V1}/billing-accounts/${id}`)).json()).toMatchObject({ name: 'upper' });
      expect((await get(`${V1}/billing-accounts/${id.toLowerCase()}`)).json()).toMatchObject({ name: 'lower' });
      expect((await get(`${V1}/billing-accounts/${id.toUpperCase()}`)).statusCode).toBe(404);
    });

    it('names every bad field in one 400', async () => {
      const res = await put(`${V1}/billing-accounts/bad-1`, { currency: 'usd', accountingDay: 32, fiscalStartMonth: 0, color: 'red' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(subjectsOf(res).sort()).toEqual(['accountingDay', 'color', 'currency', 'fiscalStartMonth', 'name']);
      expect(issuesOf(res).every((i) => i.source === 'field')).toBe(true);

      const types = await put(`${V1}/billing-accounts/bad-1`, { name: 7, currency: 'EURO', accountingDay: '1', fiscalStartMonth: 1.5 });
      expect(subjectsOf(types).sort()).toEqual(['accountingDay', 'currency', 'fiscalStartMonth', 'name']);
      expect(subjectsOf(await put(`${V1}/billing-accounts/bad-1`, { name: '  ' }))).toEqual(['name']);
      expect(subjectsOf(await put(`${V1}/billing-accounts/bad-1`, ['name']))).toEqual(['body']);
      expect((await get(`${V1}/billing-accounts/bad-1`)).statusCode).toBe(404);
    });

    it('refuses path ids outside the id rule', async () => {
      for (const id of ['a%20b', 'a%23b', 'caf%C3%A9']) {
        const res = await put(`${V1}/billing-accounts/${id}`, { name: 'x' });
        expect(res.statusCode).toBe(400);
        expect(issuesOf(res)).toEqual([expect.objectContaining({ source: 'path.parameter', subject: 'id' })]);
      }
      const longest = 'x'.repeat(100);
      expect((await put(`${V1}/billing-accounts/${longest}`, { name: 'x' })).statusCode).toBe(201);
    });

    it('lists with filter, sort, select, limit and offset', async () => {
      const tenant = await t.tenant(['metering-admin'], 'accounts-list');
      const mk = (id: string, body: Body) => put(`${V1}/billing-accounts/${id}`, body, tenant.token);
      await mk('a1', { name: 'Zeta', currency: 'EUR', accountingDay: 5 });
      await mk('a2', { name: 'Alpha', currency: 'USD' });
      await mk('a3', { name: 'Mid', currency: 'EUR', accountingDay: 20 });
      const list = (query: string) => get(`${V1}/billing-accounts${query}`, tenant.token);

      const all = await list('');
      expect(all.json()).toMatchObject({ count: 3, offset: 0, total: 3 });
      expect((all.json() as { items: Body[] }).items.map((i) => i.id)).toEqual(['a1', 'a2', 'a3']);

      const eur = (await list(`?filter=${enc("currency eq 'EUR'")}&sort=${enc('accountingDay desc')}`)).json() as { items: Body[]; total: number };
      expect(eur.items.map((i) => i.id)).toEqual(['a3', 'a1']);
      expect(eur.total).toBe(2);

      const byName = (await list(`?sort=name&select=id,name&limit=2&offset=1`)).json() as { items: Body[]; total: number; count: number };
      expect(byName).toEqual({ items: [{ id: 'a3', name: 'Mid' }, { id: 'a1', name: 'Zeta' }], count: 2, offset: 1, total: 3 });

      expect((await list('?limit=0')).json()).toEqual({ items: [], count: 0, offset: 0, total: 3 });
      expect((await list(`?filter=${enc('accountingDay ge 5')}`)).json()).toMatchObject({ total: 2 });

      for (const [query, subject] of [
        [`?filter=${enc("color eq 'red'")}`, 'filter'],
        ['?sort=color', 'sort'],
        ['?select=color', 'select'],
        ['?limit=1001', 'limit'],
        ['?offset=-1', 'offset'],
        ['?page=2', 'page'],
      ] as const) {
        const res = await list(query);
        expect(res.statusCode, query).toBe(400);
        expect(issuesOf(res)[0], query).toMatchObject({ source: 'query.parameter', subject });
      }
    });

    it('deletes (204), then 404', async () => {
      const id = await account();
      const url = `${V1}/billing-accounts/${id}`;
      expect((await del(url)).statusCode).toBe(204);
      expect((await get(url)).statusCode).toBe(404);
      const again = await del(url);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_NOT_FOUND', message: `No billing account '${id}' in this workspace.` });
    });

    it('refuses to delete an account that resources, contracted prices or commitments name (409)', async () => {
      const cases: [string, (ba: string) => Promise<LightMyRequestResponse>, string, string][] = [
        ['resource', (ba) => put(`${V1}/resources/${unique('r')}`, resourceBody(ba)), 'resources', 'resource'],
        [
          'contracted price',
          (ba) => put(`${V1}/billing-accounts/${ba}/contracted-prices/SKU-1`, { unitPrice: '0.5', effectiveFrom: day(0) }),
          'contractedPrices',
          'contracted price',
        ],
        ['commitment', (ba) => put(`${V1}/commitments/${unique('c')}`, { billingAccountId: ba, skuId: 'SKU-1', effectiveFrom: day(0) }), 'commitments', 'commitment'],
      ];
      for (const [what, create, key, word] of cases) {
        const ba = await account();
        const made = await create(ba);
        expect(made.statusCode, what).toBe(201);
        const res = await del(`${V1}/billing-accounts/${ba}`);
        expect(res.statusCode, what).toBe(409);
        expect(res.json()).toMatchObject({
          errorCode: 'HPE_GL_ERROR_CONFLICT',
          errorDetails: [{ type: 'hpe.greenlake.metadata', metadata: { dependents: { [key]: 1 } } }],
        });
        expect((res.json() as { message: string }).message).toContain(word);
        expect((await get(`${V1}/billing-accounts/${ba}`)).statusCode).toBe(200);
      }
    });

    it('deletes an account once its dependents are gone', async () => {
      const ba = await account();
      const r = unique('r');
      expect((await put(`${V1}/resources/${r}`, resourceBody(ba))).statusCode).toBe(201);
      expect((await del(`${V1}/billing-accounts/${ba}`)).statusCode).toBe(409);
      expect((await del(`${V1}/resources/${r}`)).statusCode).toBe(204);
      expect((await del(`${V1}/billing-accounts/${ba}`)).statusCode).toBe(204);
    });
  });

  describe('resources', () => {
    it('creates with every FOCUS dimension (201), replaces (200) and reads back', async () => {
      const ba = await account();
      const id = unique('vol/eu-1:a');
      const url = `${V1}/resources/${enc(id)}`;
      const full = {
        billingAccountId: ba,
        subAccountId: 'proj-7',
        subAccountName: 'Project Seven',
        name: 'Volume 1',
        resourceType: 'Volume',
        serviceName: 'Block Storage',
        serviceCategory: 'Storage',
        serviceSubcategory: 'Block Storage',
        regionId: 'eu-west',
        regionName: 'Europe West',
        availabilityZone: 'eu-west-1a',
        tags: { env: 'prod', 'cost center': '42' },
      };
      const created = await put(url, full);
      expect(created.statusCode).toBe(201);
      const body = created.json() as Body;
      expect(body).toEqual({ id, ...full, createdAt: body.createdAt, updatedAt: body.updatedAt });
      expect((await get(url)).json()).toEqual(body);

      const replaced = await put(url, resourceBody(ba, { serviceCategory: 'Compute', name: 'renamed' }));
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toEqual({
        id,
        billingAccountId: ba,
        name: 'renamed',
        serviceName: 'Block Storage',
        serviceCategory: 'Compute',
        tags: {},
        createdAt: body.createdAt,
        updatedAt: (replaced.json() as Body).updatedAt,
      });
    });

    it('names every bad field in one 400', async () => {
      const res = await put(`${V1}/resources/bad`, {
        subAccountName: 'orphan',
        regionName: 'nowhere',
        serviceCategory: 'Gardening',
        serviceSubcategory: 'Roses',
        tags: 'env=prod',
        deviceId: 'not-a-uuid',
        extra: true,
      });
      expect(res.statusCode).toBe(400);
      expect(subjectsOf(res).sort()).toEqual(
        ['billingAccountId', 'deviceId', 'extra', 'regionName', 'serviceCategory', 'serviceName', 'serviceSubcategory', 'subAccountName', 'tags'].sort(),
      );
      expect(issuesOf(res).find((i) => i.subject === 'serviceCategory')!.description).toContain('Storage');
    });

    it('refuses a subcategory under another category, naming its parent', async () => {
      const ba = await account();
      const res = await put(`${V1}/resources/${unique('r')}`, resourceBody(ba, { serviceCategory: 'Compute', serviceSubcategory: 'Block Storage' }));
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual([
        { source: 'field', subject: 'serviceSubcategory', description: "'Block Storage' belongs under the service category 'Storage', not 'Compute'." },
      ]);
      expect((await put(`${V1}/resources/${unique('r')}`, resourceBody(ba, { serviceSubcategory: 'Other (Storage)' }))).statusCode).toBe(201);
    });

    it('checks tags: at most 50, keys 1–128 characters, string values', async () => {
      const ba = await account();
      const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      expect(subjectsOf(await put(`${V1}/resources/${unique('r')}`, resourceBody(ba, { tags: many })))).toEqual(['tags']);
      const long = 'k'.repeat(129);
      const res = await put(`${V1}/resources/${unique('r')}`, resourceBody(ba, { tags: { '': 'v', [long]: 'v', n: 5, ok: 'fine' } }));
      expect(subjectsOf(res).sort()).toEqual(['tags.', `tags.${long}`, 'tags.n'].sort());
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
      expect((await put(`${V1}/resources/${unique('r')}`, resourceBody(ba, { tags: { ...fifty } }))).statusCode).toBe(201);
    });

    it('requires the billing account to exist in the workspace', async () => {
      const res = await put(`${V1}/resources/${unique('r')}`, resourceBody('no-such-account', { regionName: 'x' }));
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual([
        { source: 'field', subject: 'regionName', description: 'Only allowed together with regionId.' },
        { source: 'field', subject: 'billingAccountId', description: "No billing account 'no-such-account' in this workspace." },
      ]);
    });

    it("links a Flex device of the workspace by its resourceId, and refuses another workspace's", async () => {
      const ba = await account();
      await insertFlexFixtures(t.db, t.admin.workspaceId);
      const id = unique('dev');
      const linked = await put(`${V1}/resources/${id}`, resourceBody(ba, { deviceId: DEVICE_IDS[1]!.toUpperCase() }));
      expect(linked.statusCode).toBe(201);
      expect(linked.json()).toMatchObject({ deviceId: DEVICE_IDS[1] });
      const filtered = await get(`${V1}/resources?filter=${enc(`deviceId eq '${DEVICE_IDS[1]}'`)}`);
      expect((filtered.json() as { items: Body[] }).items.map((i) => i.id)).toEqual([id]);

      const unknown = await put(`${V1}/resources/${unique('dev')}`, resourceBody(ba, { deviceId: '99999999-0000-4000-8000-000000000000' }));
      expect(unknown.statusCode).toBe(400);
      expect(subjectsOf(unknown)).toEqual(['deviceId']);

      const other = await t.tenant(['metering-admin'], 'devices');
      await insertFlexFixtures(t.db, other.workspaceId);
      await t.db.deleteFrom('flex_devices').where('workspace_id', '=', t.admin.workspaceId).where('resource_id', '=', DEVICE_IDS[3]!).execute();
      const foreign = await put(`${V1}/resources/${unique('dev')}`, resourceBody(ba, { deviceId: DEVICE_IDS[3] }));
      expect(subjectsOf(foreign)).toEqual(['deviceId']);
    });

    it('deletes (204, then 404) and lists with filter and sort', async () => {
      const tenant = await t.tenant(['metering-admin'], 'resources-list');
      await put(`${V1}/billing-accounts/ba`, { name: 'x' }, tenant.token);
      await put(`${V1}/resources/r1`, resourceBody('ba', { serviceCategory: 'Compute', serviceName: 'VMs', regionId: 'eu' }), tenant.token);
      await put(`${V1}/resources/r2`, resourceBody('ba', { serviceName: 'Disks' }), tenant.token);
      await put(`${V1}/resources/r3`, resourceBody('ba', { serviceName: 'Arrays' }), tenant.token);
      const list = (q: string) => get(`${V1}/resources${q}`, tenant.token).then((r) => r.json() as { items: Body[]; total: number });

      expect((await list('')).items.map((i) => i.id)).toEqual(['r1', 'r2', 'r3']);
      expect((await list(`?filter=${enc("serviceCategory eq 'Storage'")}&sort=serviceName`)).items.map((i) => i.id)).toEqual(['r3', 'r2']);
      expect((await list(`?filter=${enc('regionId eq null')}`)).total).toBe(2);
      expect((await list('?select=id,tags&limit=1')).items).toEqual([{ id: 'r1', tags: {} }]);

      expect((await del(`${V1}/resources/r2`, tenant.token)).statusCode).toBe(204);
      expect((await get(`${V1}/resources/r2`, tenant.token)).statusCode).toBe(404);
      expect((await del(`${V1}/resources/r2`, tenant.token)).statusCode).toBe(404);
      expect((await list('')).total).toBe(2);
    });
  });

  describe('meters', () => {
    it('creates (201), replaces (200) and reads back; COUNT needs no valueProperty', async () => {
      const id = unique('m');
      const url = `${V1}/meters/${id}`;
      const type = unique('com.example.storage');
      const created = await put(url, meterBody(type, { valueProperty: "$['gb hours'][0]" }));
      expect(created.statusCode).toBe(201);
      const body = created.json() as Body;
      expect(body).toEqual({
        id, eventType: type, valueProperty: "$['gb hours'][0]", aggregation: 'SUM', consumedUnit: 'GB-Hours',
        createdAt: body.createdAt, updatedAt: body.updatedAt,
      });
      expect((await get(url)).json()).toEqual(body);

      const counted = await put(url, { eventType: type, aggregation: 'COUNT', consumedUnit: 'Requests' });
      expect(counted.statusCode).toBe(200);
      expect(counted.json()).toEqual({ id, eventType: type, aggregation: 'COUNT', consumedUnit: 'Requests', createdAt: body.createdAt, updatedAt: (counted.json() as Body).updatedAt });

      for (const aggregation of ['MAX', 'LATEST', 'TIME_WEIGHTED_SUM']) {
        expect((await put(url, meterBody(type, { aggregation }))).statusCode).toBe(200);
      }
    });

    it('names every bad field in one 400', async () => {
      const res = await put(`${V1}/meters/bad`, { aggregation: 'AVG', valueProperty: 5 });
      expect(res.statusCode).toBe(400);
      expect(subjectsOf(res).sort()).toEqual(['aggregation', 'consumedUnit', 'eventType', 'valueProperty']);

      const missing = await put(`${V1}/meters/bad`, meterBody('t', { valueProperty: undefined, aggregation: 'MAX' }));
      expect(issuesOf(missing)).toEqual([{ source: 'field', subject: 'valueProperty', description: 'Required unless aggregation is COUNT (aggregation is MAX).' }]);

      for (const path of ['$..gb', 'gb', '$.a[*]', '$.a[-1]']) {
        const res2 = await put(`${V1}/meters/bad`, meterBody('t', { valueProperty: path }));
        expect(res2.statusCode, path).toBe(400);
        expect(issuesOf(res2)[0], path).toMatchObject({ subject: 'valueProperty', description: expect.stringContaining('Unsupported JSONPath') });
      }
    });

    it('keeps event types unique per workspace (409), and a meter may keep its own', async () => {
      const type = unique('evt');
      const first = await meter(unique('m'), meterBody(type));
      const clash = await put(`${V1}/meters/${unique('m')}`, meterBody(type));
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_CONFLICT', errorDetails: [{ metadata: { eventType: type, meterId: first } }] });
      expect((await put(`${V1}/meters/${first}`, meterBody(type, { consumedUnit: 'GiB-Hours' }))).statusCode).toBe(200);

      const other = await t.tenant(['metering-admin'], 'meters-unique');
      expect((await put(`${V1}/meters/${unique('m')}`, meterBody(type), other.token)).statusCode).toBe(201);
    });

    it('refuses to delete a meter a price names (409), then deletes (204, then 404)', async () => {
      const m = await meter();
      const sku = unique('SKU');
      expect((await put(`${V1}/prices/${sku}`, priceBody(m))).statusCode).toBe(201);
      const res = await del(`${V1}/meters/${m}`);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ errorDetails: [{ metadata: { skuIds: [sku] } }] });
      expect((await del(`${V1}/prices/${sku}`)).statusCode).toBe(204);
      expect((await del(`${V1}/meters/${m}`)).statusCode).toBe(204);
      expect((await get(`${V1}/meters/${m}`)).statusCode).toBe(404);
      expect((await del(`${V1}/meters/${m}`)).statusCode).toBe(404);
    });

    it('lists with filter, sort and select', async () => {
      const tenant = await t.tenant(['metering-admin'], 'meters-list');
      await put(`${V1}/meters/m1`, meterBody('a', { aggregation: 'COUNT', valueProperty: undefined }), tenant.token);
      await put(`${V1}/meters/m2`, meterBody('b'), tenant.token);
      await put(`${V1}/meters/m3`, meterBody('c', { consumedUnit: 'Hours' }), tenant.token);
      const list = (q: string) => get(`${V1}/meters${q}`, tenant.token).then((r) => r.json() as { items: Body[]; total: number });
      expect((await list(`?filter=${enc("aggregation eq 'SUM'")}&sort=${enc('consumedUnit desc')}&select=id`)).items).toEqual([{ id: 'm3' }, { id: 'm2' }]);
      expect((await list(`?filter=${enc('valueProperty eq null')}`)).items.map((i) => i.id)).toEqual(['m1']);
    });
  });

  describe('prices', () => {
    it('creates a version with defaults (201), replaces it at the same effectiveFrom (200)', async () => {
      const m = await meter();
      const sku = unique('SKU/eu:1');
      const url = `${V1}/prices/${enc(sku)}`;
      const created = await put(url, priceBody(m, { effectiveFrom: '2026-01-01T02:00:00+02:00', listUnitPrice: '0.90' }));
      expect(created.statusCode).toBe(201);
      const body = created.json() as Body;
      expect(body).toEqual({
        skuId: sku,
        meterId: m,
        publisherName: 'HPE',
        providerName: 'HPE',
        invoiceIssuerName: 'HPE',
        pricingUnit: 'GB-Months',
        pricingQuantityDivisor: '1',
        listUnitPrice: '0.90',
        currency: 'USD',
        effectiveFrom: '2026-01-01T00:00:00.000Z',
        createdAt: body.createdAt,
        updatedAt: body.updatedAt,
      });

      const replaced = await put(url, priceBody(m, {
        effectiveFrom: '2026-01-01T00:00:00Z', listUnitPrice: '1.25', pricingQuantityDivisor: '30', chargeDescription: 'Block storage',
        bands: [{ upTo: '1000', unitPrice: '1.25' }, { upTo: '5000.5', unitPrice: '1' }, { upTo: null, unitPrice: '0.75' }],
      }));
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({
        listUnitPrice: '1.25',
        pricingQuantityDivisor: '30',
        chargeDescription: 'Block storage',
        bands: [{ upTo: '1000', unitPrice: '1.25' }, { upTo: '5000.5', unitPrice: '1' }, { upTo: null, unitPrice: '0.75' }],
        createdAt: body.createdAt,
      });
      const versions = (await get(`${url}/versions`)).json() as { items: Body[]; total: number };
      expect(versions.total).toBe(1);
      expect(versions.items[0]).toEqual(replaced.json());
    });

    it('adds a later version and closes the open-ended earlier one at its start', async () => {
      const m = await meter();
      const sku = unique('SKU');
      const url = `${V1}/prices/${sku}`;
      expect((await put(url, priceBody(m, { effectiveFrom: day(-30) }))).statusCode).toBe(201);
      const later = await put(url, priceBody(m, { effectiveFrom: day(-10), listUnitPrice: '0.8' }));
      expect(later.statusCode).toBe(201);
      expect(later.json()).not.toHaveProperty('effectiveTo');

      const versions = (await get(`${url}/versions`)).json() as { items: Body[]; count: number; offset: number; total: number };
      expect(versions).toMatchObject({ count: 2, offset: 0, total: 2 });
      expect(versions.items.map((v) => [v.effectiveFrom, v.effectiveTo, v.listUnitPrice])).toEqual([
        [day(-30), day(-10), '0.9'],
        [day(-10), undefined, '0.8'],
      ]);
      expect((await get(`${url}/versions?limit=1&offset=1`)).json()).toMatchObject({ count: 1, offset: 1, total: 2, items: [{ listUnitPrice: '0.8' }] });
    });

    it('refuses an overlap with another version (409 naming it) and fits a version into a gap', async () => {
      const m = await meter();
      const sku = unique('SKU');
      const url = `${V1}/prices/${sku}`;
      await put(url, priceBody(m, { effectiveFrom: day(-30), effectiveTo: day(-20) }));
      await put(url, priceBody(m, { effectiveFrom: day(-10) }));

      const overlap = await put(url, priceBody(m, { effectiveFrom: day(-25) }));
      expect(overlap.statusCode).toBe(409);
      expect(overlap.json()).toMatchObject({
        errorCode: 'HPE_GL_ERROR_CONFLICT',
        errorDetails: [{ type: 'hpe.greenlake.metadata', metadata: { overlappingVersion: { effectiveFrom: day(-30), effectiveTo: day(-20) } } }],
      });
      expect((overlap.json() as { message: string }).message).toContain(`overlaps the version from ${day(-30)}`);

      const intoNext = await put(url, priceBody(m, { effectiveFrom: day(-20), effectiveTo: day(-5) }));
      expect(intoNext.statusCode).toBe(409);
      expect(intoNext.json()).toMatchObject({ errorDetails: [{ metadata: { overlappingVersion: { effectiveFrom: day(-10), effectiveTo: null } } }] });

      const openEarlier = await put(url, priceBody(m, { effectiveFrom: day(-40) }));
      expect(openEarlier.statusCode).toBe(409);

      const gap = await put(url, priceBody(m, { effectiveFrom: day(-20), effectiveTo: day(-10) }));
      expect(gap.statusCode).toBe(201);
      const versions = (await get(`${url}/versions`)).json() as { items: Body[] };
      expect(versions.items.map((v) => v.effectiveFrom)).toEqual([day(-30), day(-20), day(-10)]);
    });

    it('answers the version in force now, following the clock, else the latest', async () => {
      const m = await meter();
      const sku = unique('SKU');
      const url = `${V1}/prices/${sku}`;
      await put(url, priceBody(m, { effectiveFrom: day(-5), listUnitPrice: '1' }));
      await put(url, priceBody(m, { effectiveFrom: day(3), listUnitPrice: '2' }));
      expect((await get(url)).json()).toMatchObject({ listUnitPrice: '1', effectiveFrom: day(-5), effectiveTo: day(3) });
      expect((await get(`${V1}/prices?filter=${enc(`skuId eq '${sku}'`)}`)).json()).toMatchObject({ total: 1, items: [{ listUnitPrice: '1' }] });

      t.advance(4 * DAY);
      expect((await get(url)).json()).toMatchObject({ listUnitPrice: '2', effectiveFrom: day(-1) });
      expect((await get(`${V1}/prices?filter=${enc(`skuId eq '${sku}'`)}`)).json()).toMatchObject({ total: 1, items: [{ listUnitPrice: '2' }] });

      const future = unique('SKU');
      await put(`${V1}/prices/${future}`, priceBody(m, { effectiveFrom: day(10), effectiveTo: day(20), listUnitPrice: '3' }));
      await put(`${V1}/prices/${future}`, priceBody(m, { effectiveFrom: day(30), listUnitPrice: '4' }));
      expect((await get(`${V1}/prices/${future}`)).json()).toMatchObject({ listUnitPrice: '4' });

      const ended = unique('SKU');
      await put(`${V1}/prices/${ended}`, priceBody(m, { effectiveFrom: day(-60), effectiveTo: day(-50), listUnitPrice: '5' }));
      expect((await get(`${V1}/prices/${ended}`)).json()).toMatchObject({ listUnitPrice: '5' });
    });

    it('takes decimals that an export can carry exactly (15 places, 23 digits before the point), refuses more', async () => {
      const m = await meter();
      const url = `${V1}/prices/${unique('SKU')}`;
      const fine = await put(url, priceBody(m, { listUnitPrice: '0.000000000000001', pricingQuantityDivisor: '12345678901234567890123' }));
      expect(fine.statusCode).toBe(201);
      const bad = await put(url, priceBody(m, { listUnitPrice: '0.0000000000000001', pricingQuantityDivisor: '123456789012345678901234' }));
      expect(bad.statusCode).toBe(400);
      expect(subjectsOf(bad).sort()).toEqual(['listUnitPrice', 'pricingQuantityDivisor']);
      expect(issuesOf(bad)[0]!.description).toContain('15 after it');
    });

    it('deletes one version with effectiveFrom, or every version', async () => {
      const m = await meter();
      const sku = unique('SKU');
      const url = `${V1}/prices/${sku}`;
      await put(url, priceBody(m, { effectiveFrom: day(-30) }));
      await put(url, priceBody(m, { effectiveFrom: day(-10) }));

      const missing = await del(`${url}?effectiveFrom=${enc(day(-20))}`);
      expect(missing.statusCode).toBe(404);
      expect((missing.json() as { message: string }).message).toContain(day(-20));
      const bad = await del(`${url}?effectiveFrom=yesterday`);
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]).toMatchObject({ source: 'query.parameter', subject: 'effectiveFrom' });

      expect((await del(`${url}?effectiveFrom=${enc(day(-10))}`)).statusCode).toBe(204);
      expect(((await get(`${url}/versions`)).json() as { items: Body[] }).items.map((v) => v.effectiveFrom)).toEqual([day(-30)]);

      expect((await del(url)).statusCode).toBe(204);
      expect((await get(url)).statusCode).toBe(404);
      expect((await get(`${url}/versions`)).statusCode).toBe(404);
      expect((await del(url)).statusCode).toBe(404);
    });

    it('names every bad field in one 400', async () => {
      const res = await put(`${V1}/prices/bad`, {
        listUnitPrice: 0.9,
        pricingQuantityDivisor: '0',
        currency: 'usd',
        effectiveFrom: '2026-13-01T00:00:00Z',
        chargeDescription: '',
        unknown: 1,
      });
      expect(res.statusCode).toBe(400);
      expect(subjectsOf(res).sort()).toEqual(
        ['chargeDescription', 'currency', 'effectiveFrom', 'invoiceIssuerName', 'listUnitPrice', 'meterId', 'pricingQuantityDivisor', 'pricingUnit', 'providerName', 'publisherName', 'unknown'].sort(),
      );
      expect(issuesOf(res).find((i) => i.subject === 'listUnitPrice')!.description).toContain('not a JSON number');
    });

    it.each([
      ['a negative price', { listUnitPrice: '-1' }, 'listUnitPrice'],
      ['an exponent', { listUnitPrice: '1e3' }, 'listUnitPrice'],
      ['a bare fraction', { listUnitPrice: '.5' }, 'listUnitPrice'],
      ['a divisor of zero', { pricingQuantityDivisor: '0.000' }, 'pricingQuantityDivisor'],
      ['a currency of four letters', { currency: 'USDT' }, 'currency'],
      ['an end before the start', { effectiveTo: '2025-01-01T00:00:00Z', effectiveFrom: '2026-01-01T00:00:00Z' }, 'effectiveTo'],
      ['an end equal to the start', { effectiveTo: '2026-01-01T00:00:00Z', effectiveFrom: '2026-01-01T00:00:00Z' }, 'effectiveTo'],
      ['a time without offset', { effectiveFrom: '2026-01-01T00:00:00' }, 'effectiveFrom'],
      ['a time finer than milliseconds', { effectiveFrom: '2026-01-01T00:00:00.0001Z' }, 'effectiveFrom'],
      ['no bands', { bands: [] }, 'bands'],
      ['bands not an array', { bands: { upTo: null, unitPrice: '1' } }, 'bands'],
      ['21 bands', { bands: Array.from({ length: 21 }, (_, i) => ({ upTo: i === 20 ? null : String(i + 1), unitPrice: '1' })) }, 'bands'],
      ['bands not ascending', { bands: [{ upTo: '10', unitPrice: '1' }, { upTo: '10.0', unitPrice: '1' }, { upTo: null, unitPrice: '1' }] }, 'bands[1].upTo'],
      ['an open band before the last', { bands: [{ upTo: null, unitPrice: '1' }, { upTo: '10', unitPrice: '1' }] }, 'bands[0].upTo'],
      ['a band price missing', { bands: [{ upTo: '10', unitPrice: '1' }, { upTo: null }] }, 'bands[1].unitPrice'],
      ['a band upTo of zero', { bands: [{ upTo: '0', unitPrice: '1' }] }, 'bands[0].upTo'],
      ['a band upTo as a number', { bands: [{ upTo: 10, unitPrice: '1' }] }, 'bands[0].upTo'],
      ['a band with an unknown field', { bands: [{ upTo: null, unitPrice: '1', from: '0' }] }, 'bands[0].from'],
      ['a band that is not an object', { bands: ['1'] }, 'bands[0]'],
    ])('refuses %s (400 naming %s)', async (_what, overrides, subject) => {
      const m = await meter();
      const res = await put(`${V1}/prices/${unique('SKU')}`, priceBody(m, overrides));
      expect(res.statusCode).toBe(400);
      expect(subjectsOf(res)).toEqual([subject]);
    });

    it('accepts 20 bands with the last open', async () => {
      const m = await meter();
      const bands = Array.from({ length: 20 }, (_, i) => ({ upTo: i === 19 ? null : `${i + 1}.5`, unitPrice: '1' }));
      const res = await put(`${V1}/prices/${unique('SKU')}`, priceBody(m, { bands }));
      expect(res.statusCode).toBe(201);
      expect((res.json() as { bands: unknown[] }).bands).toEqual(bands);
    });

    it('requires the meter to exist in the workspace', async () => {
      const res = await put(`${V1}/prices/${unique('SKU')}`, priceBody('no-such-meter'));
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res)).toEqual([{ source: 'field', subject: 'meterId', description: "No meter 'no-such-meter' in this workspace." }]);
    });

    it('lists one item per SKU with filter, sort, select and paging', async () => {
      const tenant = await t.tenant(['metering-admin'], 'prices-list');
      const call = (url: string, body: Body) => put(url, body, tenant.token);
      await call(`${V1}/meters/storage`, meterBody('storage'));
      await call(`${V1}/meters/compute`, meterBody('compute'));
      await call(`${V1}/prices/S1`, priceBody('storage', { listUnitPrice: '0.5', effectiveFrom: day(-30) }));
      await call(`${V1}/prices/S1`, priceBody('storage', { listUnitPrice: '0.7', effectiveFrom: day(-1) }));
      await call(`${V1}/prices/S1`, priceBody('storage', { listUnitPrice: '0.9', effectiveFrom: day(20) }));
      await call(`${V1}/prices/S2`, priceBody('storage', { listUnitPrice: '2', currency: 'EUR', effectiveFrom: day(-30) }));
      await call(`${V1}/prices/C1`, priceBody('compute', { listUnitPrice: '10', pricingUnit: 'Hours', effectiveFrom: day(-30) }));
      const list = (q: string) => get(`${V1}/prices${q}`, tenant.token).then((r) => r.json() as { items: Body[]; total: number; count: number });

      const all = await list('');
      expect(all.total).toBe(3);
      expect(all.items.map((i) => [i.skuId, i.listUnitPrice])).toEqual([['C1', '10'], ['S1', '0.7'], ['S2', '2']]);

      expect((await list(`?filter=${enc("meterId eq 'storage'")}&sort=${enc('listUnitPrice desc')}&select=skuId,listUnitPrice`)).items).toEqual([
        { skuId: 'S2', listUnitPrice: '2' },
        { skuId: 'S1', listUnitPrice: '0.7' },
      ]);
      expect((await list(`?filter=${enc("currency eq 'EUR'")}`)).items.map((i) => i.skuId)).toEqual(['S2']);
      expect((await list(`?filter=${enc("pricingUnit eq 'Hours' or listUnitPrice lt 1")}`)).items.map((i) => i.skuId)).toEqual(['C1', 'S1']);
      expect(await list('?limit=1&offset=2')).toMatchObject({ count: 1, total: 3, items: [{ skuId: 'S2' }] });
    });
  });

  describe('contracted prices', () => {
    it('is versioned like prices: add, replace, close, overlap, in force now, versions, delete', async () => {
      const ba = await account();
      const sku = unique('SKU/1');
      const url = `${V1}/billing-accounts/${ba}/contracted-prices/${enc(sku)}`;

      const first = await put(url, { unitPrice: '0.5', effectiveFrom: day(-20) });
      expect(first.statusCode).toBe(201);
      const body = first.json() as Body;
      expect(body).toEqual({ billingAccountId: ba, skuId: sku, unitPrice: '0.5', effectiveFrom: day(-20), createdAt: body.createdAt, updatedAt: body.updatedAt });

      const replaced = await put(url, { unitPrice: '0.45', effectiveFrom: day(-20) });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ unitPrice: '0.45', createdAt: body.createdAt });

      expect((await put(url, { unitPrice: '0.4', effectiveFrom: day(2) })).statusCode).toBe(201);
      const versions = (await get(`${url}/versions`)).json() as { items: Body[]; total: number };
      expect(versions.total).toBe(2);
      expect(versions.items.map((v) => [v.effectiveFrom, v.effectiveTo, v.unitPrice])).toEqual([
        [day(-20), day(2), '0.45'],
        [day(2), undefined, '0.4'],
      ]);

      const overlap = await put(url, { unitPrice: '0.3', effectiveFrom: day(-10), effectiveTo: day(-5) });
      expect(overlap.statusCode).toBe(409);
      expect(overlap.json()).toMatchObject({ errorDetails: [{ metadata: { overlappingVersion: { effectiveFrom: day(-20), effectiveTo: day(2) } } }] });

      expect((await get(url)).json()).toMatchObject({ unitPrice: '0.45' });
      t.advance(3 * DAY);
      expect((await get(url)).json()).toMatchObject({ unitPrice: '0.4' });

      expect((await del(`${url}?effectiveFrom=${enc(day(-1))}`)).statusCode).toBe(204);
      expect((await get(url)).json()).toMatchObject({ unitPrice: '0.45' });
      expect((await del(url)).statusCode).toBe(204);
      expect((await get(url)).statusCode).toBe(404);
      expect((await del(url)).statusCode).toBe(404);
      expect((await get(`${url}/versions`)).statusCode).toBe(404);
    });

    it('answers 404 on every route for an unknown billing account', async () => {
      const base = `${V1}/billing-accounts/no-such-account/contracted-prices`;
      const responses = [
        await put(`${base}/SKU`, { unitPrice: '1', effectiveFrom: day(0) }),
        await get(`${base}/SKU`),
        await get(`${base}/SKU/versions`),
        await del(`${base}/SKU`),
        await get(base),
      ];
      for (const res of responses) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ message: "No billing account 'no-such-account' in this workspace." });
      }
    });

    it('names every bad field in one 400', async () => {
      const ba = await account();
      const url = `${V1}/billing-accounts/${ba}/contracted-prices/SKU`;
      expect(subjectsOf(await put(url, { unitPrice: '-0.1', effectiveTo: 'soon', other: 1 })).sort()).toEqual(['effectiveFrom', 'effectiveTo', 'other', 'unitPrice']);
      expect(subjectsOf(await put(url, { effectiveFrom: day(1), effectiveTo: day(0) })).sort()).toEqual(['effectiveTo', 'unitPrice']);
      expect(subjectsOf(await put(url, { unitPrice: 1, effectiveFrom: day(0) }))).toEqual(['unitPrice']);
    });

    it("lists the account's SKUs, one item each, with filter and sort", async () => {
      const ba = await account();
      const other = await account();
      const base = `${V1}/billing-accounts/${ba}/contracted-prices`;
      await put(`${base}/A`, { unitPrice: '3', effectiveFrom: day(-10) });
      await put(`${base}/A`, { unitPrice: '2', effectiveFrom: day(-1) });
      await put(`${base}/B`, { unitPrice: '1', effectiveFrom: day(-10) });
      await put(`${base}/C`, { unitPrice: '5', effectiveFrom: day(5) });
      await put(`${V1}/billing-accounts/${other}/contracted-prices/A`, { unitPrice: '9', effectiveFrom: day(-10) });
      const list = (q: string) => get(`${base}${q}`).then((r) => r.json() as { items: Body[]; total: number });

      expect((await list('')).items.map((i) => [i.skuId, i.unitPrice])).toEqual([['A', '2'], ['B', '1'], ['C', '5']]);
      expect((await list(`?filter=${enc('unitPrice le 2')}&sort=${enc('unitPrice asc')}&select=skuId`)).items).toEqual([{ skuId: 'B' }, { skuId: 'A' }]);
      expect((await list(`?filter=${enc(`effectiveFrom gt ${day(0)}`)}`)).items.map((i) => i.skuId)).toEqual(['C']);
      expect((await list('?limit=0')).total).toBe(3);
    });
  });

  describe('commitments', () => {
    it('creates with defaults (201), replaces (200), reads back and deletes', async () => {
      const ba = await account();
      const id = unique('commit/1');
      const url = `${V1}/commitments/${enc(id)}`;
      const created = await put(url, { billingAccountId: ba, skuId: 'SKU-A', effectiveFrom: day(0) });
      expect(created.statusCode).toBe(201);
      const body = created.json() as Body;
      expect(body).toEqual({
        id, billingAccountId: ba, skuId: 'SKU-A', committedQuantity: '0', minimumQuantity: '0', effectiveFrom: day(0),
        createdAt: body.createdAt, updatedAt: body.updatedAt,
      });
      const replaced = await put(url, { billingAccountId: ba, skuId: 'SKU-A', committedQuantity: '100', minimumQuantity: '80.5', effectiveFrom: day(0), effectiveTo: day(365) });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ committedQuantity: '100', minimumQuantity: '80.5', effectiveTo: day(365), createdAt: body.createdAt });
      expect((await get(url)).json()).toEqual(replaced.json());
      expect((await del(url)).statusCode).toBe(204);
      expect((await get(url)).statusCode).toBe(404);
      expect((await del(url)).statusCode).toBe(404);
    });

    it('names every bad field in one 400, and requires the billing account', async () => {
      const res = await put(`${V1}/commitments/bad`, { committedQuantity: '-1', minimumQuantity: 5, effectiveFrom: day(1), effectiveTo: day(1), note: 'x' });
      expect(subjectsOf(res).sort()).toEqual(['billingAccountId', 'committedQuantity', 'effectiveTo', 'minimumQuantity', 'note', 'skuId']);
      const unknown = await put(`${V1}/commitments/bad`, { billingAccountId: 'nope', skuId: 'S', effectiveFrom: day(0) });
      expect(issuesOf(unknown)).toEqual([{ source: 'field', subject: 'billingAccountId', description: "No billing account 'nope' in this workspace." }]);
      expect(subjectsOf(await put(`${V1}/commitments/bad`, { billingAccountId: 'nope', skuId: 'a b', effectiveFrom: day(0) }))).toEqual(['skuId', 'billingAccountId']);
    });

    it('refuses a commitment overlapping another of the same account and SKU (409)', async () => {
      const ba = await account();
      const first = unique('c');
      await put(`${V1}/commitments/${first}`, { billingAccountId: ba, skuId: 'S', effectiveFrom: day(0), effectiveTo: day(30) });
      const clash = await put(`${V1}/commitments/${unique('c')}`, { billingAccountId: ba, skuId: 'S', effectiveFrom: day(29) });
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ errorDetails: [{ metadata: { commitmentId: first } }] });
      expect((await put(`${V1}/commitments/${unique('c')}`, { billingAccountId: ba, skuId: 'S', effectiveFrom: day(30) })).statusCode).toBe(201);
      expect((await put(`${V1}/commitments/${unique('c')}`, { billingAccountId: ba, skuId: 'T', effectiveFrom: day(0) })).statusCode).toBe(201);
      // Replacing a commitment never clashes with itself.
      expect((await put(`${V1}/commitments/${first}`, { billingAccountId: ba, skuId: 'S', effectiveFrom: day(1), effectiveTo: day(30) })).statusCode).toBe(200);
    });

    it('lists with filter, sort and select', async () => {
      const tenant = await t.tenant(['metering-admin'], 'commitments-list');
      await put(`${V1}/billing-accounts/ba`, { name: 'x' }, tenant.token);
      await put(`${V1}/commitments/c1`, { billingAccountId: 'ba', skuId: 'S1', committedQuantity: '10', effectiveFrom: day(0) }, tenant.token);
      await put(`${V1}/commitments/c2`, { billingAccountId: 'ba', skuId: 'S2', committedQuantity: '2.5', effectiveFrom: day(0) }, tenant.token);
      await put(`${V1}/commitments/c3`, { billingAccountId: 'ba', skuId: 'S3', committedQuantity: '100', effectiveFrom: day(0) }, tenant.token);
      const list = (q: string) => get(`${V1}/commitments${q}`, tenant.token).then((r) => r.json() as { items: Body[]; total: number });
      expect((await list(`?filter=${enc('committedQuantity gt 5')}&sort=${enc('committedQuantity desc')}&select=id,committedQuantity`)).items).toEqual([
        { id: 'c3', committedQuantity: '100' },
        { id: 'c1', committedQuantity: '10' },
      ]);
      expect((await list(`?filter=${enc("skuId eq 'S2'")}`)).total).toBe(1);
    });
  });

  describe('workspaces and permissions', () => {
    it("answers 404 for another workspace's objects and keeps ids per workspace", async () => {
      const ba = await account();
      const m = await meter();
      const r = unique('r');
      const c = unique('c');
      const sku = unique('SKU');
      await put(`${V1}/resources/${r}`, resourceBody(ba));
      await put(`${V1}/prices/${sku}`, priceBody(m));
      await put(`${V1}/billing-accounts/${ba}/contracted-prices/${sku}`, { unitPrice: '1', effectiveFrom: day(0) });
      await put(`${V1}/commitments/${c}`, { billingAccountId: ba, skuId: sku, effectiveFrom: day(0) });

      const other = await t.tenant(['metering-admin'], 'other');
      const urls = [
        `${V1}/billing-accounts/${ba}`,
        `${V1}/resources/${r}`,
        `${V1}/meters/${m}`,
        `${V1}/prices/${sku}`,
        `${V1}/prices/${sku}/versions`,
        `${V1}/billing-accounts/${ba}/contracted-prices/${sku}`,
        `${V1}/billing-accounts/${ba}/contracted-prices/${sku}/versions`,
        `${V1}/billing-accounts/${ba}/contracted-prices`,
        `${V1}/commitments/${c}`,
      ];
      for (const url of urls) {
        expect((await get(url, other.token)).statusCode, url).toBe(404);
      }
      for (const url of [urls[0]!, urls[1]!, urls[2]!, urls[3]!, urls[5]!, urls[8]!]) {
        expect((await del(url, other.token)).statusCode, url).toBe(404);
      }
      for (const list of ['billing-accounts', 'resources', 'meters', 'prices', 'commitments']) {
        expect((await get(`${V1}/${list}`, other.token)).json(), list).toMatchObject({ total: 0 });
      }
      // Their references do not resolve across workspaces either.
      expect(subjectsOf(await put(`${V1}/resources/${r}`, resourceBody(ba), other.token))).toEqual(['billingAccountId']);
      expect(subjectsOf(await put(`${V1}/prices/${sku}`, priceBody(m), other.token))).toEqual(['meterId']);
      expect((await put(`${V1}/billing-accounts/${ba}/contracted-prices/${sku}`, { unitPrice: '1', effectiveFrom: day(0) }, other.token)).statusCode).toBe(404);

      // The same ids are free in the other workspace, and nothing leaks back.
      expect((await put(`${V1}/billing-accounts/${ba}`, { name: 'Theirs' }, other.token)).statusCode).toBe(201);
      expect((await get(`${V1}/billing-accounts/${ba}`)).json()).toMatchObject({ name: 'Acme' });
      for (const url of urls) expect((await get(url)).statusCode, url).toBe(200);
    });

    it('lets cost-viewer read but not write (403), and asks for a token (401)', async () => {
      const viewer = await t.tenant(['cost-viewer'], 'viewer');
      const reads = ['billing-accounts', 'resources', 'meters', 'prices', 'commitments'];
      for (const list of reads) expect((await get(`${V1}/${list}`, viewer.token)).statusCode, list).toBe(200);
      expect((await get(`${V1}/billing-accounts/x/contracted-prices`, viewer.token)).statusCode).toBe(404);

      const writes: [string, string, Body?][] = [
        ['PUT', `${V1}/billing-accounts/x`, { name: 'x' }],
        ['DELETE', `${V1}/billing-accounts/x`],
        ['PUT', `${V1}/resources/x`, resourceBody('x')],
        ['DELETE', `${V1}/resources/x`],
        ['PUT', `${V1}/meters/x`, meterBody('x')],
        ['DELETE', `${V1}/meters/x`],
        ['PUT', `${V1}/prices/x`, priceBody('x')],
        ['DELETE', `${V1}/prices/x`],
        ['PUT', `${V1}/billing-accounts/x/contracted-prices/s`, { unitPrice: '1', effectiveFrom: day(0) }],
        ['DELETE', `${V1}/billing-accounts/x/contracted-prices/s`],
        ['PUT', `${V1}/commitments/x`, { billingAccountId: 'x', skuId: 's', effectiveFrom: day(0) }],
        ['DELETE', `${V1}/commitments/x`],
      ];
      for (const [method, url, payload] of writes) {
        const res = await t.call({ method: method as 'PUT', url, token: viewer.token, ...(payload && { payload }) });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_FORBIDDEN', errorDetails: [{ metadata: { permission: 'metering.catalog.edit' } }] });
      }

      const ingester = await t.tenant(['metering-ingester'], 'ingester');
      const denied = await get(`${V1}/meters`, ingester.token);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ errorDetails: [{ metadata: { permission: 'metering.catalog.view' } }] });

      expect((await t.call({ method: 'GET', url: `${V1}/prices`, token: null })).statusCode).toBe(401);
    });

    it('documents every catalog operation in the OpenAPI document', async () => {
      const doc = (await t.call({ method: 'GET', url: '/openapi.json', token: null })).json() as {
        paths: Record<string, Record<string, { tags: string[]; operationId: string; summary: string; responses: Record<string, unknown> }>>;
      };
      const expected: [string, string, string[]][] = [
        ['/metering/v1/billing-accounts', 'get', ['200']],
        ['/metering/v1/billing-accounts/{id}', 'put', ['200', '201', '400']],
        ['/metering/v1/billing-accounts/{id}', 'get', ['200', '404']],
        ['/metering/v1/billing-accounts/{id}', 'delete', ['204', '404', '409']],
        ['/metering/v1/resources', 'get', ['200']],
        ['/metering/v1/resources/{id}', 'put', ['200', '201', '400']],
        ['/metering/v1/resources/{id}', 'get', ['200', '404']],
        ['/metering/v1/resources/{id}', 'delete', ['204', '404']],
        ['/metering/v1/meters', 'get', ['200']],
        ['/metering/v1/meters/{id}', 'put', ['200', '201', '409']],
        ['/metering/v1/meters/{id}', 'get', ['200', '404']],
        ['/metering/v1/meters/{id}', 'delete', ['204', '409']],
        ['/metering/v1/prices', 'get', ['200']],
        ['/metering/v1/prices/{skuId}', 'put', ['200', '201', '409']],
        ['/metering/v1/prices/{skuId}', 'get', ['200', '404']],
        ['/metering/v1/prices/{skuId}', 'delete', ['204', '404']],
        ['/metering/v1/prices/{skuId}/versions', 'get', ['200', '404']],
        ['/metering/v1/billing-accounts/{id}/contracted-prices', 'get', ['200', '404']],
        ['/metering/v1/billing-accounts/{id}/contracted-prices/{skuId}', 'put', ['200', '201', '404', '409']],
        ['/metering/v1/billing-accounts/{id}/contracted-prices/{skuId}', 'get', ['200', '404']],
        ['/metering/v1/billing-accounts/{id}/contracted-prices/{skuId}', 'delete', ['204', '404']],
        ['/metering/v1/billing-accounts/{id}/contracted-prices/{skuId}/versions', 'get', ['200', '404']],
        ['/metering/v1/commitments', 'get', ['200']],
        ['/metering/v1/commitments/{id}', 'put', ['200', '201', '409']],
        ['/metering/v1/commitments/{id}', 'get', ['200', '404']],
        ['/metering/v1/commitments/{id}', 'delete', ['204', '404']],
      ];
      const operationIds = new Set<string>();
      for (const [path, method, statuses] of expected) {
        const op = doc.paths[path]?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(op!.tags).toEqual(['Metering']);
        expect(op!.summary).toBeTruthy();
        for (const status of [...statuses, '401', '403', '429', '500']) expect(op!.responses[status], `${method} ${path} ${status}`).toBeDefined();
        operationIds.add(op!.operationId);
      }
      expect(operationIds.size).toBe(expected.length);
    });

    it('counts each endpoint against its own per-workspace budget', async () => {
      const res = await get(`${V1}/meters`);
      expect(res.headers['x-ratelimit-limit']).toBe(String(300 * 1000));
      const first = await get(`${V1}/commitments?limit=1`);
      const second = await get(`${V1}/commitments?limit=1`);
      expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
      // Another endpoint of the same resource has a bucket of its own.
      await get(`${V1}/commitments/none`);
      const third = await get(`${V1}/commitments?limit=1`);
      expect(Number(third.headers['x-ratelimit-remaining'])).toBe(Number(second.headers['x-ratelimit-remaining']) - 1);
    });
  });
});
