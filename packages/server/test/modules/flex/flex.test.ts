/** Flex Solutions v1beta1 as HPE documents it: shapes, filters, paging, sort, select, transform, isolation, limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { DEVICE_IDS, ORDER_IDS, insertFlexFixtures } from '../../support/flex-fixtures.js';

describe.each(testEngines())('Flex Solutions API on %s', (engine) => {
  let t: TestApp;
  const get = (url: string, token?: string) => t.call({ method: 'GET', url, ...(token && { token }) });
  const q = (path: string, params: Record<string, string | number>) =>
    `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  const issue = (res: { json(): { errorDetails: { issues: { subject: string; source: string; description: string }[] }[] } }) =>
    res.json().errorDetails[0]!.issues[0]!;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await insertFlexFixtures(t.db, t.admin.workspaceId);
  });
  afterAll(() => t.close());

  describe('orders', () => {
    it('lists orders in the documented shape, sorted by orderEndDate asc by default', async () => {
      const res = await get('/flex/v1beta1/orders');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ count: 3, offset: 0, total: 3 });
      expect(body.items.map((o: { id: string }) => o.id)).toEqual([ORDER_IDS[2], ORDER_IDS[1], ORDER_IDS[0]]);
      expect(body.items[2]).toEqual({
        id: ORDER_IDS[0],
        createdAt: '2023-01-01T00:00:00Z',
        updatedAt: '2023-01-01T00:00:00Z',
        type: 'flex/orders',
        generation: 1,
        billingAccountId: 'HP-AMS-999-USA-99999',
        sowId: 'OPE-0011261086',
        billingAccountName: 'Test Company',
        orderStartDate: '2025-01-01T00:00:00Z',
        orderEndDate: '2035-01-01T00:00:00Z',
        customerName: 'Some Company Inc.',
        resellerName: '1st Street Resellers',
        distributorName: 'HPE Distributions',
        partnerName: 'Friendly Reseller LLC',
        isFlexPartner: true,
      });
      // Property order as in HPE's sample response.
      expect(Object.keys(body.items[2])).toEqual([
        'id', 'createdAt', 'updatedAt', 'type', 'generation', 'billingAccountId', 'sowId', 'billingAccountName',
        'orderStartDate', 'orderEndDate', 'customerName', 'resellerName', 'distributorName', 'partnerName', 'isFlexPartner',
      ]);
      expect(body.items[1].updatedAt).toBe('2024-03-01T10:30:00.250Z');
      expect(body.items[1]).not.toHaveProperty('distributorName');
    });

    it('filters on every documented property, with total counting the matches', async () => {
      const cases: [string, string[]][] = [
        [`id eq '${ORDER_IDS[1]}'`, [ORDER_IDS[1]!]],
        ["billingAccountId eq 'HP-AMS-999-USA-99999'", [ORDER_IDS[2]!, ORDER_IDS[0]!]],
        ["sowId eq 'OPE-0011261086'", [ORDER_IDS[0]!]],
        ["billingAccountName eq 'O''Brien Holdings'", [ORDER_IDS[1]!]],
        ["customerName eq 'Some Company Inc.'", [ORDER_IDS[2]!, ORDER_IDS[0]!]],
        ["resellerName eq '1st Street Resellers'", [ORDER_IDS[0]!]],
        ["partnerName eq 'Friendly Reseller LLC'", [ORDER_IDS[0]!]],
        ["distributorName ne 'HPE Distributions'", [ORDER_IDS[1]!]],
        ['isFlexPartner eq true', [ORDER_IDS[0]!]],
        ['isFlexPartner eq null', [ORDER_IDS[2]!]],
        ["billingAccountId in ('HP-APJ-999-JPN-00104', 'HP-APUS-787-EN-00100')", [ORDER_IDS[1]!]],
        ["sowId eq 'OPE-0011261086' and customerName eq 'HPE Tech Care'", []],
        ["sowId eq 'OPE-0011261086' or customerName eq 'HPE Tech Care'", [ORDER_IDS[1]!, ORDER_IDS[0]!]],
        ["not customerName eq 'Some Company Inc.'", [ORDER_IDS[1]!]],
      ];
      for (const [filter, ids] of cases) {
        const res = await get(q('/flex/v1beta1/orders', { filter }));
        expect(res.statusCode, filter).toBe(200);
        expect(res.json().items.map((o: { id: string }) => o.id), filter).toEqual(ids);
        expect(res.json().total, filter).toBe(ids.length);
      }
    });

    it('refuses a filter on an unknown field, with a mismatched type, or with bad syntax, naming filter and the position', async () => {
      for (const filter of ["orderEndDate eq 'x'", "isFlexPartner eq 'yes'", "customerName eq 'unterminated", "id eq 'not-a-uuid'"]) {
        const res = await get(q('/flex/v1beta1/orders', { filter }));
        expect(res.statusCode, filter).toBe(400);
        expect(res.json().errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
        expect(issue(res), filter).toMatchObject({ source: 'query.parameter', subject: 'filter', description: expect.stringContaining('position') });
      }
    });

    it('pages with limit and offset, where limit=0 gives only the total', async () => {
      const page = (await get(q('/flex/v1beta1/orders', { limit: 1, offset: 1 }))).json();
      expect(page).toMatchObject({ count: 1, offset: 1, total: 3 });
      expect(page.items[0].id).toBe(ORDER_IDS[1]);
      expect((await get(q('/flex/v1beta1/orders', { limit: 0 }))).json()).toEqual({ items: [], count: 0, offset: 0, total: 3 });
      expect((await get(q('/flex/v1beta1/orders', { offset: 5 }))).json()).toEqual({ items: [], count: 0, offset: 5, total: 3 });
    });

    it('refuses limits and offsets out of bounds, naming the parameter', async () => {
      for (const [name, value] of [['limit', 101], ['limit', -1], ['limit', 'ten'], ['limit', 1.5], ['offset', -1], ['offset', 'x']] as const) {
        const res = await get(q('/flex/v1beta1/orders', { [name]: value }));
        expect(res.statusCode, `${name}=${value}`).toBe(400);
        expect(issue(res)).toMatchObject({ source: 'query.parameter', subject: name });
      }
    });

    it('sorts by a comma list of fields and refuses unknown fields or directions', async () => {
      const res = await get(q('/flex/v1beta1/orders', { sort: 'customerName desc, sowId asc' }));
      expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([ORDER_IDS[0], ORDER_IDS[2], ORDER_IDS[1]]);
      for (const sort of ['nope', 'sowId up', 'sowId asc desc', '', 'sowId,sowId']) {
        const bad = await get(q('/flex/v1beta1/orders', { sort }));
        expect(bad.statusCode, sort).toBe(400);
        expect(issue(bad).subject).toBe('sort');
      }
    });

    it('selects fields and refuses unknown ones', async () => {
      const res = await get(q('/flex/v1beta1/orders', { select: 'id,sowId', limit: 1 }));
      expect(res.json().items[0]).toEqual({ id: ORDER_IDS[2], sowId: 'OPE-0011261088' });
      const bad = await get(q('/flex/v1beta1/orders', { select: 'id,secret' }));
      expect(bad.statusCode).toBe(400);
      expect(issue(bad).subject).toBe('select');
    });
  });

  describe('orders/transform', () => {
    it('requires group-by, naming it', async () => {
      const res = await get('/flex/v1beta1/orders/transform');
      expect(res.statusCode).toBe(400);
      expect(issue(res)).toMatchObject({ source: 'query.parameter', subject: 'group-by', description: 'Required parameter is missing.' });
      const bad = await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'make' }));
      expect(bad.statusCode).toBe(400);
      expect(issue(bad).subject).toBe('group-by');
    });

    it('returns partnerName as the distinct union of reseller and distributor names', async () => {
      const res = await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'partnerName' }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [{ partnerName: '1st Street Resellers' }, { partnerName: 'Friendly Reseller LLC' }, { partnerName: 'HPE Distributions' }],
        count: 3,
        offset: 0,
        total: 3,
      });
    });

    it('groups by the other fields, filters first, pages, and sorts only by the group-by field', async () => {
      const res = await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'customerName', sort: 'customerName desc' }));
      expect(res.json().items).toEqual([{ customerName: 'Some Company Inc.' }, { customerName: 'HPE Tech Care' }]);
      const filtered = await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'sowId', filter: "billingAccountId eq 'HP-AMS-999-USA-99999'", limit: 1, offset: 1 }));
      expect(filtered.json()).toEqual({ items: [{ sowId: 'OPE-0011261088' }], count: 1, offset: 1, total: 2 });
      const wrongSort = await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'sowId', sort: 'customerName' }));
      expect(wrongSort.statusCode).toBe(400);
      expect(issue(wrongSort).subject).toBe('sort');
      const idFilter = await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'sowId', filter: `id eq '${ORDER_IDS[0]}'` }));
      expect(idFilter.statusCode).toBe(400);
      expect(issue(idFilter).subject).toBe('filter');
    });
  });

  describe('devices', () => {
    it('lists devices in the documented shape, sorted by resourceId asc by default', async () => {
      const body = (await get('/flex/v1beta1/devices')).json();
      expect(body).toMatchObject({ count: 4, offset: 0, total: 4 });
      expect(body.items.map((d: { id: string }) => d.id)).toEqual(DEVICE_IDS);
      expect(body.items[0]).toEqual({
        id: DEVICE_IDS[0],
        createdAt: '2023-01-01T00:00:00Z',
        updatedAt: '2023-01-01T00:00:00Z',
        type: 'flex/devices',
        generation: 1,
        macAddress: 'CA:35:DC:4F:5D:FE',
        serialNumber: 'CN134FD36',
        resourceId: DEVICE_IDS[0],
        partNumber: 'JK130GT',
        name: 'custom-device-name',
        deviceType: 'DHCI_STORAGE',
        model: 'HPE Compute 6030X',
        make: 'HPE',
        billingAccountName: 'Hewlett Packard Enterprises',
        billingTier: 'HPE Distributions',
        tags: [{ name: 'category1', value: 'value1' }],
      });
      // Property order as in HPE's sample response.
      expect(Object.keys(body.items[0])).toEqual([
        'id', 'createdAt', 'updatedAt', 'type', 'generation', 'macAddress', 'serialNumber', 'resourceId', 'partNumber',
        'name', 'deviceType', 'model', 'make', 'billingAccountName', 'billingTier', 'tags',
      ]);
    });

    it('filters on every documented property', async () => {
      const cases: [string, number[]][] = [
        [`id eq '${DEVICE_IDS[1]}'`, [1]],
        ["macAddress in ('35:CA:68:8C:B0:51','8A:26:D2:82:65:D0') and make eq 'HPE'", [1]],
        ["serialNumber eq 'CN134FD36'", [0]],
        [`resourceId eq '${DEVICE_IDS[3]!.toUpperCase()}'`, [3]],
        ["partNumber eq 'JK130GT'", [0]],
        ["name eq 'custom-device-name'", [0]],
        ['name eq null', [1]],
        ["type eq 'flex/devices'", [0, 1, 2, 3]],
        ["type ne 'flex/devices'", []],
        ["model eq 'HPE Compute 6030X'", [0]],
        ["make ne 'HPE'", [2, 3]],
        ["billingAccountName eq 'Test Company'", [1, 2]],
        ["billingTier eq 'HPE Distributions'", [0]],
        ["billingTier ne 'Foundation'", [0, 2, 3]],
        ["not (billingTier eq 'Foundation')", [0, 2, 3]],
        ["make eq 'HPE' and (billingTier eq 'Foundation' or billingTier eq 'Enhanced')", [1]],
        ["billingTier in ['Foundation', 'Enhanced']", [1, 3]],
        ["billingTier in 'Foundation', 'Enhanced'", [1, 3]],
      ];
      for (const [filter, indexes] of cases) {
        const res = await get(q('/flex/v1beta1/devices', { filter }));
        expect(res.statusCode, filter).toBe(200);
        expect(res.json().items.map((d: { id: string }) => d.id), filter).toEqual(indexes.map((i) => DEVICE_IDS[i]));
        expect(res.json().total, filter).toBe(indexes.length);
      }
    });

    it('refuses a filter on a field the spec does not list', async () => {
      const res = await get(q('/flex/v1beta1/devices', { filter: "deviceType eq 'SWITCH'" }));
      expect(res.statusCode).toBe(400);
      expect(issue(res)).toMatchObject({ subject: 'filter', description: expect.stringContaining('position 0') });
    });

    it('sorts, selects and pages', async () => {
      const res = await get(q('/flex/v1beta1/devices', { sort: 'serialNumber desc', select: 'serialNumber,tags', limit: 2 }));
      expect(res.json()).toEqual({
        items: [{ serialNumber: 'US400CC03', tags: [] }, { serialNumber: 'SG300BB02', tags: [] }],
        count: 2,
        offset: 0,
        total: 4,
      });
    });

    it('gets one device by resource id; unknown is 404, malformed is 400', async () => {
      const res = await get(`/flex/v1beta1/devices/${DEVICE_IDS[2]}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: DEVICE_IDS[2], serialNumber: 'SG300BB02', type: 'flex/devices' });
      expect(res.json()).not.toHaveProperty('billingTier');
      const missing = await get('/flex/v1beta1/devices/3b741a59-a22b-432f-b2cf-b72cc1a04c2d');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_ERROR_NOT_FOUND' });
      const malformed = await get('/flex/v1beta1/devices/12345');
      expect(malformed.statusCode).toBe(400);
      expect(issue(malformed)).toMatchObject({ source: 'path.parameter', subject: 'id' });
    });
  });

  describe('workspace isolation', () => {
    it("never shows another workspace's data: lists are empty and a known device id is 404, not 403", async () => {
      const other = await t.tenant(['flex-viewer'], 'other');
      expect((await get('/flex/v1beta1/devices', other.token)).json()).toEqual({ items: [], count: 0, offset: 0, total: 0 });
      expect((await get('/flex/v1beta1/orders', other.token)).json().total).toBe(0);
      expect((await get(q('/flex/v1beta1/orders/transform', { 'group-by': 'partnerName' }), other.token)).json().total).toBe(0);
      expect((await get(`/flex/v1beta1/devices/${DEVICE_IDS[0]}`, other.token)).statusCode).toBe(404);
    });
  });

  describe('rate limits', () => {
    it('allows 100 requests per minute per workspace on each endpoint, with headers on every response, then 429', async () => {
      const tenant = await t.tenant(['flex-viewer'], 'busy');
      // Windows are fixed minutes of the test clock: start at one's beginning, so 101 requests on a slow machine cannot straddle two.
      t.advance(60_000 - (t.now() % 60_000));
      let last;
      for (let i = 1; i <= 100; i++) {
        last = await get('/flex/v1beta1/devices?limit=0', tenant.token);
        expect(last.statusCode).toBe(200);
        expect(last.headers['x-ratelimit-limit']).toBe('100');
        expect(last.headers['x-ratelimit-remaining']).toBe(String(100 - i));
        expect(Number(last.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        expect(Number(last.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
      }
      const refused = await get('/flex/v1beta1/devices?limit=0', tenant.token);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({
        httpStatusCode: 429,
        errorCode: 'HPE_GL_ERROR_TOO_MANY_REQUESTS',
        message: 'Too Many Requests',
        errorDetails: [{ type: 'hpe.greenlake.metadata', metadata: { apiRateLimit: 'Too Many Requests. Rate limit has exceeded a predefined value.' } }],
      });
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
      // Another endpoint, and another workspace, have budgets of their own.
      expect((await get('/flex/v1beta1/orders?limit=0', tenant.token)).statusCode).toBe(200);
      const neighbour = await t.tenant(['flex-viewer'], 'neighbour');
      expect((await get('/flex/v1beta1/devices?limit=0', neighbour.token)).headers['x-ratelimit-remaining']).toBe('99');
      // Errors of a limited route carry the headers too.
      const invalid = await get('/flex/v1beta1/orders?limit=500', tenant.token);
      expect(invalid.statusCode).toBe(400);
      expect(invalid.headers['x-ratelimit-remaining']).toBe('98');
      // The next window refills the budget.
      t.advance(60_000);
      expect((await get('/flex/v1beta1/devices?limit=0', tenant.token)).statusCode).toBe(200);
    });
  });
});
