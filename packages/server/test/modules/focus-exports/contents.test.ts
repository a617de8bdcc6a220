/** FOCUS export contents: the five date 400s, 204, the GreenLake CSV (seed formatting, quoting, Tags), focus-1.2, filters, gzip, lastRun. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FOCUS_1_2_COLUMNS } from '@consumo/focus';
import { GREENLAKE_COLUMNS } from '../../../src/modules/focus-exports/export-profiles.js';
import { relativeRange } from '../../../src/modules/focus-exports/export-dates.js';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, contents, createExport, exportsTenant, lines, useExportsApp } from '../../support/focus-export-fixtures.js';
import { DAY_MS } from '@consumo/focus/formats';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER = GREENLAKE_COLUMNS.join(',');

/** The seed's first row, as rating would have stored it. */
const seedRow = {
  billing_account_id: 'HP-AMS-999-USA-99999',
  billing_account_name: 'Test Company',
  billed_cost: '0.35312696',
  charge_class: null,
  charge_description: '0.9 CUs Synergy 480 Gen10 #1 (ESXI Hosts)',
  charge_period_start: day('2026-04-15'),
  contracted_cost: '0.35312696',
  contracted_unit_price: null,
  effective_cost: '0.35312696',
  invoice_issuer_name: 'HPE GreenLake',
  provider_name: 'HPE GreenLake',
  publisher_name: 'HPE GreenLake',
  pricing_quantity: '0.39236328125',
  pricing_unit: 'CUs',
  list_cost: '0.35312696',
  list_unit_price: '0.9',
  resource_id: 'foo.org-vm-00001',
  resource_name: 'foo.org-vm-00001',
  resource_type: 'VM',
  service_category: 'Compute',
  service_name: 'VM',
  sku_id: 'VM20_000000-0000-0000-0000-000000000012',
  consumed_quantity: '11.7708984375',
  consumed_unit: 'CUs',
  availability_zone: null,
  pricing_category: null,
  region_id: 'AMS',
  region_name: 'AMS',
  sku_price_id: null,
  sub_account_id: null,
  sub_account_name: null,
  tags: null,
  line_key: 'seed',
};
const SEED_LINE =
  'HP-AMS-999-USA-99999,Test Company,USD,0.35312696,2026-04-01T00:00:00Z,2026-05-01T00:00:00Z,Usage,,0.9 CUs Synergy 480 Gen10 #1 (ESXI Hosts),' +
  '2026-04-15T00:00:00Z,2026-04-16T00:00:00Z,0.35312696,,0.35312696,HPE GreenLake,HPE GreenLake,HPE GreenLake,0.39236328125,CUs,0.35312696,0.9,' +
  'foo.org-vm-00001,foo.org-vm-00001,VM,Compute,VM,VM20_000000-0000-0000-0000-000000000012,11.7708984375,CUs,,,Usage,,,,,,AMS,AMS,,,,{}';

describe.each(testEngines())('FOCUS export contents on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let all: string;
  useExportsApp(engine, async (app, tenant) => {
    [t, a] = [app, tenant];
    const ws = a.workspaceId;
    await insertCostRecords(t.db, [
      costRecord(ws, seedRow),
      costRecord(ws, { resource_id: 'vm-2', charge_period_start: day('2026-04-16'), charge_description: 'big, "quoted" VM', billed_cost: '10.5', tags: { env: 'prod', team: 'core' } }),
      costRecord(ws, { resource_id: 'vm-3', charge_period_start: day('2026-04-17'), service_name: 'Storage', service_category: 'Storage', billed_cost: '2', tags: { env: 'dev' } }),
      costRecord(ws, { resource_id: 'vm-4', charge_period_start: day('2026-04-18'), billed_cost: '7', charge_description: '', tags: {} }),
      costRecord(ws, { resource_id: 'vm-4', line_key: 'second', charge_period_start: day('2026-04-19'), billed_cost: '0.5', region_id: null }),
    ]);
    all = (await createExport(t, a, { name: 'All usage (GreenLake)' })).id;
  }, { tenants: ['alpha'] });

  const run = (id: string, query: string, headers?: Record<string, string>) => contents(t, a, id, query, headers);
  const APRIL = 'startDate=2026-04-01&endDate=2026-04-30';

  it.each([
    ['', 'missingAllDates', 'relativeDate'],
    ['startDate=2026-04-01', 'missingPair', 'endDate'],
    ['endDate=2026-04-01', 'missingPair', 'startDate'],
    ['startDate=2025-02-30&endDate=2025-03-01', 'invalidOrImpossibleDate', 'startDate'],
    ['startDate=2025-02-01&endDate=2025-3-01', 'invalidOrImpossibleDate', 'endDate'],
    ['startDate=2025-03-02&endDate=2025-03-01', 'invalidRange', 'startDate'],
    ['relativeDate=LAST_3_DAYS&startDate=2026-04-01&endDate=2026-04-30', 'invalidRelativeDate', 'relativeDate'],
  ])('?%s is the 400 %s', async (query, reason, subject) => {
    const res = await run(all, query);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
    const issue = body.errorDetails[0].issues[0];
    expect(issue).toMatchObject({ source: 'query.parameter', subject });
    expect(issue.description.startsWith(`${reason}:`)).toBe(true);
  });

  it('answers an unknown id 404 and an empty range 204', async () => {
    expect((await run('00000000-0000-4000-8000-000000000000', APRIL)).statusCode).toBe(404);
    const empty = await run(all, 'startDate=2025-01-01&endDate=2025-01-31');
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe('');
  });

  it('writes the seed header and reproduces the seed formatting of a row', async () => {
    const res = await run(all, 'startDate=2026-04-15&endDate=2026-04-15');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="all-usage-greenlake_2026-04-15_2026-04-15.csv"');
    expect(lines(res.body)).toEqual([HEADER, SEED_LINE]);
    expect(HEADER.split(',')).toHaveLength(43);
  });

  it('quotes per RFC 4180, writes Tags as JSON and {} when empty or null', async () => {
    const res = await run(all, APRIL);
    const body = lines(res.body);
    expect(body).toHaveLength(6);
    expect(body[2]).toContain(',"big, ""quoted"" VM",');
    expect(body[2]!.endsWith(',"{""env"": ""prod"", ""team"": ""core""}"') || body[2]!.endsWith(',"{""env"":""prod"",""team"":""core""}"')).toBe(true);
    expect(body[4]!.endsWith(',{}')).toBe(true);
    expect(body[1]!.endsWith(',{}')).toBe(true);
  });

  it('writes ChargeFrequency Estimated while the billing period is open, Usage once closed', async () => {
    const start = new Date(Math.floor(t.now() / DAY_MS) * DAY_MS);
    const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const b = await exportsTenant(t, 'open');
    await insertCostRecords(t.db, [costRecord(b.workspaceId, { charge_period_start: start, billing_period_start: month, billing_period_end: next })]);
    const { id } = await createExport(t, b, { name: 'now' });
    const res = await contents(t, b, id, 'relativeDate=current_month');
    const cells = lines(res.body)[1]!.split(',');
    expect(cells[GREENLAKE_COLUMNS.indexOf('ChargeFrequency')]).toBe('Estimated');
    const closed = lines((await run(all, APRIL)).body)[1]!.split(',');
    expect(closed[GREENLAKE_COLUMNS.indexOf('ChargeFrequency')]).toBe('Usage');
  });

  it('matches relativeDate in any case and lets it win over the pair', async () => {
    const r = relativeRange('LAST_30_DAYS', t.now());
    const res = await run(all, `relativeDate=last_30_days&${APRIL}`);
    expect(res.statusCode).toBe(204);
    const mixed = await run(all, 'relativeDate=Last_30_Days');
    expect(mixed.statusCode).toBe(204);
    // LAST_30_DAYS is the 30 whole days ending yesterday.
    const today = new Date(Math.floor(t.now() / DAY_MS) * DAY_MS);
    expect(r.last).toBe(new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10));
    expect(r.first).toBe(new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10));
    expect(relativeRange('PREVIOUS_MONTH', Date.parse('2026-03-15T10:00:00Z'))).toMatchObject({ first: '2026-02-01', last: '2026-02-28' });
    expect(relativeRange('CURRENT_QUARTER', Date.parse('2026-05-15T10:00:00Z'))).toMatchObject({ first: '2026-04-01', last: '2026-05-15' });
    expect(relativeRange('PREVIOUS_QUARTER', Date.parse('2026-01-15T10:00:00Z'))).toMatchObject({ first: '2025-10-01', last: '2025-12-31' });
    expect(relativeRange('YESTERDAY', Date.parse('2026-03-01T00:30:00Z'))).toMatchObject({ first: '2026-02-28', last: '2026-02-28' });
    expect(relativeRange('LAST_13_MONTHS', Date.parse('2026-03-15T10:00:00Z'))).toMatchObject({ first: '2025-02-01', last: '2026-02-28' });
    expect(relativeRange('PREVIOUS_YEAR', Date.parse('2026-03-15T10:00:00Z'))).toMatchObject({ first: '2025-01-01', last: '2025-12-31' });
  });

  it('records lastRun with the caller as the user event', async () => {
    const { id } = await createExport(t, a, { name: 'runs' });
    await run(id, APRIL);
    const dto = (await t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token })).json();
    expect(dto.lastRun).toMatchObject({ id: a.clientId, name: 'alpha' });
    expect(dto.lastRun.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
  });

  it('writes every FOCUS 1.2 column, then x_, per definition or per request', async () => {
    const { id } = await createExport(t, a, { name: 'focus', profile: 'focus-1.2' });
    const expected = [...FOCUS_1_2_COLUMNS.map((c) => c.name), 'x_MeterId', 'x_RatingStatus', 'x_PriceEffectiveFrom', 'x_RatedAt', 'x_RatingRunId'];
    for (const res of [await run(id, APRIL), await run(all, `${APRIL}&profile=focus-1.2`)]) {
      const body = lines(res.body);
      expect(body[0]).toBe(expected.join(','));
      const row = body[2]!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      expect(row[expected.indexOf('ChargeFrequency')]).toBe('Usage-Based');
      expect(row[expected.indexOf('x_RatedAt')]).toBe('2026-04-02T03:04:05Z');
    }
    expect((await run(id, `${APRIL}&profile=aws`)).statusCode).toBe(400);
  });

  const resourcesOf = (body: string) => lines(body).slice(1).map((l) => l.split(',')[GREENLAKE_COLUMNS.indexOf('ResourceId') + (l.includes('"big,') ? 1 : 0)]);

  it.each([
    [[{ name: 'ServiceName', operator: 'EQ', values: ['Storage'] }], ['vm-3']],
    [[{ name: 'ServiceName', operator: 'NOT_EQ', values: ['VM'] }], ['vm-3']],
    [[{ name: 'ResourceId', operator: 'IN', values: ['vm-2', 'vm-3'] }], ['vm-2', 'vm-3']],
    [[{ name: 'ResourceId', operator: 'NOT_IN', values: ['vm-2', 'vm-3'] }], ['foo.org-vm-00001', 'vm-4', 'vm-4']],
    [[{ name: 'BilledCost', operator: 'GT', values: [2] }], ['vm-2', 'vm-4']],
    [[{ name: 'BilledCost', operator: 'GTE', values: ['2'] }], ['vm-2', 'vm-3', 'vm-4']],
    [[{ name: 'BilledCost', operator: 'LT', values: ['0.5'] }], ['foo.org-vm-00001']],
    [[{ name: 'BilledCost', operator: 'LTE', values: [0.5] }], ['foo.org-vm-00001', 'vm-4']],
    [[{ name: 'BilledCost', operator: 'BETWEEN', values: ['0.5', 7] }], ['vm-3', 'vm-4', 'vm-4']],
    [[{ name: 'BilledCost', operator: 'NOT_BETWEEN', values: ['0.5', 7] }], ['foo.org-vm-00001', 'vm-2']],
    [[{ name: 'ChargePeriodStart', operator: 'GTE', values: ['2026-04-18T00:00:00Z'] }], ['vm-4', 'vm-4']],
    [[{ name: 'ResourceId', operator: 'STARTS_WITH', values: ['foo.'] }], ['foo.org-vm-00001']],
    [[{ name: 'ResourceId', operator: 'DOES_NOT_START_WITH', values: ['vm-'] }], ['foo.org-vm-00001']],
    [[{ name: 'ChargeDescription', operator: 'CONTAINS', values: ['Synergy'] }], ['foo.org-vm-00001']],
    [[{ name: 'ChargeDescription', operator: 'CONTAINS', values: ['synergy'] }], []],
    [[{ name: 'ResourceId', operator: 'DOES_NOT_CONTAIN', values: ['vm-4'] }], ['foo.org-vm-00001', 'vm-2', 'vm-3']],
    [[{ name: 'ChargeDescription', operator: 'EMPTY', values: [] }], ['vm-4']],
    [[{ name: 'RegionId', operator: 'IS_EMPTY', values: [] }], ['vm-4']],
    [[{ name: 'ChargeDescription', operator: 'NOT_EMPTY', values: [] }], ['foo.org-vm-00001', 'vm-2', 'vm-3', 'vm-4']],
    [[{ name: 'Tags', operator: 'EMPTY', values: [] }], ['foo.org-vm-00001', 'vm-4']],
    [[{ name: 'Tags.env', operator: 'EQ', values: ['prod'] }], ['vm-2', 'vm-4']],
    [[{ name: 'Tags.team', operator: 'IS_EMPTY', values: [] }], ['foo.org-vm-00001', 'vm-3', 'vm-4']],
    [[{ name: 'ResourceId', operator: 'TOP', values: [2] }], ['vm-2', 'vm-4', 'vm-4']],
    [[{ name: 'ResourceId', operator: 'BOTTOM', values: ['1'] }], ['foo.org-vm-00001']],
    [[{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }, { name: 'BilledCost', operator: 'GT', values: [1] }], ['vm-2', 'vm-4']],
  ])('filter %j keeps %j', async (filter, expected) => {
    const { id } = await createExport(t, a, { name: 'f', filter });
    const res = await run(id, APRIL);
    if (expected.length === 0) return expect(res.statusCode).toBe(204);
    expect(res.statusCode, res.body).toBe(200);
    expect(resourcesOf(res.body)).toEqual(expected);
  });

  it('binds filter values, never splices them', async () => {
    const { id } = await createExport(t, a, { name: 'inj', filter: [{ name: 'ResourceId', operator: 'EQ', values: ["x' or '1'='1"] }] });
    expect((await run(id, APRIL)).statusCode).toBe(204);
  });

  it('gzips on Accept-Encoding or per definition; the text is the same', async () => {
    const plain = await run(all, APRIL);
    const zipped = await run(all, APRIL, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    const { id } = await createExport(t, a, { name: 'gz', compression: 'gzip' });
    const byDefinition = await run(id, APRIL);
    expect(byDefinition.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(byDefinition.rawPayload).toString('utf8')).toBe(plain.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });
});
