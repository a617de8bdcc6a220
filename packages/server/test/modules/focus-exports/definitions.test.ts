/** FOCUS export definitions: list/get shapes, ids in any form, cross-workspace 404, POST/PATCH/DELETE validation. */
import { describe, expect, it } from 'vitest';
import { seedFocusExportsDemo } from '../../../src/demo/index.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, contents, createExport, exportsTenant, useExportsApp } from '../../support/focus-export-fixtures.js';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;

describe.each(testEngines())('FOCUS export definitions on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  useExportsApp(engine, (app, alpha, beta) => {
    [t, a, b] = [app, alpha, beta];
  }, { tenants: ['alpha', 'beta'] });

  it('creates with 201 + Location and answers get with the vendor fields first, then ours', async () => {
    const res = await t.call({ method: 'POST', url: BASE, token: a.token, payload: { name: 'All usage', filter: [{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }] } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`${BASE}/${body.id}`);
    const got = await t.call({ method: 'GET', url: `${BASE}/${body.id}`, token: a.token });
    expect(got.statusCode).toBe(200);
    const dto = got.json();
    expect(Object.keys(dto)).toEqual(['id', 'name', 'filter', 'created', 'lastUpdated', 'lastRun', 'profile', 'dataset', 'format', 'compression', 'schedule']);
    expect(dto).toMatchObject({
      name: 'All usage',
      filter: [{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }],
      created: { id: a.clientId, name: 'alpha' },
      lastRun: null,
      profile: 'greenlake',
      format: 'csv',
      compression: 'none',
      schedule: null,
    });
    expect(Object.keys(dto.created)).toEqual(['id', 'name', 'time']);
    expect(dto.created.time).toMatch(TIME);
  });

  it('lists {offset, count, total, items} of the caller only', async () => {
    await createExport(t, b, { name: 'B only' });
    const res = await t.call({ method: 'GET', url: BASE, token: b.token });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['offset', 'count', 'total', 'items']);
    expect(body).toMatchObject({ offset: 0, count: 1, total: 1 });
    expect(body.items[0].name).toBe('B only');
  });

  it('accepts the id in any case, with or without hyphens; 400 for a non-UUID', async () => {
    const { id } = await createExport(t, a, { name: 'ids' });
    for (const form of [id.toUpperCase(), id.replaceAll('-', ''), id.replaceAll('-', '').toUpperCase()]) {
      const res = await t.call({ method: 'GET', url: `${BASE}/${form}`, token: a.token });
      expect(res.statusCode, form).toBe(200);
      expect(res.json().id).toBe(id);
    }
    const bad = await t.call({ method: 'GET', url: `${BASE}/not-a-uuid`, token: a.token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errorDetails[0].issues[0].subject).toBe('id');
  });

  it("answers another workspace's export with the Consumption Analytics 404", async () => {
    const { id } = await createExport(t, a, { name: 'private' });
    for (const url of [`${BASE}/${id}`, `${BASE}/${id}/contents?relativeDate=YESTERDAY`]) {
      const res = await t.call({ method: 'GET', url, token: b.token });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_CONSUMPTION_ANALYTICS_NOT_FOUND', message: 'Resource Not Found.', errorDetails: [] });
    }
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await t.call({ method, url: `${BASE}/${id}`, token: b.token, ...(method === 'PATCH' && { payload: { name: 'x' } }) });
      expect(res.statusCode).toBe(404);
    }
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(257) }, 'name'],
    [{}, 'name'],
    [{ name: 'x', profile: 'aws' }, 'profile'],
    [{ name: 'x', format: 'xlsx' }, 'format'],
    [{ name: 'x', compression: 'zstd' }, 'compression'],
    [{ name: 'x', schedule: 'HOURLY' }, 'schedule'],
    [{ name: 'x', extra: 1 }, 'extra'],
    [{ name: 'x', filter: [{ name: 'NoSuchColumn', operator: 'EQ', values: ['a'] }] }, 'filter[0].name'],
    [{ name: 'x', filter: [{ name: 'ServiceName', operator: 'LIKE', values: ['a'] }] }, 'filter[0].operator'],
    [{ name: 'x', filter: [{ name: 'BilledCost', operator: 'BETWEEN', values: [1] }] }, 'filter[0].values'],
    [{ name: 'x', filter: [{ name: 'ServiceName', operator: 'IN', values: [] }] }, 'filter[0].values'],
    [{ name: 'x', filter: [{ name: 'ServiceName', operator: 'EMPTY', values: ['a'] }] }, 'filter[0].values'],
    [{ name: 'x', filter: [{ name: 'ResourceId', operator: 'TOP', values: [0] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'ResourceId', operator: 'TOP', values: [2.5] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'BilledCost', operator: 'GT', values: ['1e5'] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'ChargePeriodStart', operator: 'GTE', values: ['2026-04-01'] }] }, 'filter[0].values[0]'],
    // Impossible instants that JavaScript's Date.parse rolls over, and PostgreSQL's calendar lacks.
    [{ name: 'x', filter: [{ name: 'ChargePeriodStart', operator: 'GTE', values: ['2025-02-30T00:00:00Z'] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'ChargePeriodStart', operator: 'LT', values: ['2025-02-28T24:00:00Z'] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'ChargePeriodStart', operator: 'GT', values: ['0000-01-01T00:00:00Z'] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'ServiceName', operator: 'EQ', values: [5] }] }, 'filter[0].values[0]'],
    [{ name: 'x', filter: [{ name: 'ServiceName', operator: 'GT', values: ['a'] }] }, 'filter[0].operator'],
    [{ name: 'x', filter: [{ name: 'BilledCost', operator: 'CONTAINS', values: ['1'] }] }, 'filter[0].operator'],
    [{ name: 'x', filter: [{ name: 'Tags', operator: 'EQ', values: ['a'] }] }, 'filter[0].operator'],
    [{ name: 'x', filter: [{ name: 'Tags.', operator: 'EQ', values: ['a'] }] }, 'filter[0].name'],
  ])('POST %j is a 400 naming %s', async (payload, subject) => {
    const res = await t.call({ method: 'POST', url: BASE, token: a.token, payload });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
    const subjects = body.errorDetails.flatMap((d: { issues: { subject: string }[] }) => d.issues.map((i) => i.subject));
    expect(subjects).toContain(subject);
  });

  it('refuses at write time the decimals and text PostgreSQL would refuse at every read (issue 15)', async () => {
    const criterion = (name: string, values: unknown[]) => ({ name: 'x', filter: [{ name, operator: 'GT', values }] });
    const refused: [Record<string, unknown>, string, RegExp][] = [
      [criterion('BilledCost', ['9'.repeat(131_073)]), 'filter[0].values[0]', /131,072 digits before/],
      [criterion('BilledCost', [`0.${'1'.repeat(16_384)}`]), 'filter[0].values[0]', /16,383 digits after/],
      [{ name: 'x', filter: [{ name: 'ServiceName', operator: 'EQ', values: ['VM\u0000'] }] }, 'filter[0].values[0]', /NUL/],
      [{ name: 'x', filter: [{ name: 'Tags.team\u0000', operator: 'EQ', values: ['a'] }] }, 'filter[0].name', /NUL/],
    ];
    for (const [payload, subject, description] of refused) {
      const res = await t.call({ method: 'POST', url: BASE, token: a.token, payload });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.json().errorDetails[0].issues[0]).toMatchObject({ source: 'field', subject, description: expect.stringMatching(description) });
    }
    // The most numeric holds is stored, and its contents read without a 5xx.
    for (const value of ['9'.repeat(131_072), `-0.${'1'.repeat(16_383)}`, `${'0'.repeat(140_000)}1`]) {
      const { id } = await createExport(t, a, criterion('BilledCost', [value]));
      const read = await contents(t, a, id, 'relativeDate=YESTERDAY');
      expect(read.statusCode, read.body.slice(0, 300)).toBeLessThan(300);
    }
  });

  it('PATCH is a merge patch: absent stays, null resets, bad fields are named; DELETE 204', async () => {
    const { id } = await createExport(t, a, { name: 'p', profile: 'focus-1.2', compression: 'gzip', schedule: 'DAILY_MONTH_TO_DATE', filter: [{ name: 'ServiceName', operator: 'NOT_EMPTY', values: [] }] });
    const url = `${BASE}/${id}`;
    const patch = (payload: unknown) => t.call({ method: 'PATCH', url, token: a.token, headers: { 'content-type': 'application/merge-patch+json' }, payload: JSON.stringify(payload) });
    let res = await patch({ name: 'renamed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'renamed', profile: 'focus-1.2', compression: 'gzip', schedule: 'DAILY_MONTH_TO_DATE' });
    res = await patch({ schedule: null, compression: null, filter: null, profile: null, format: 'parquet' });
    expect(res.json()).toMatchObject({ name: 'renamed', profile: 'greenlake', compression: 'none', schedule: null, filter: [], format: 'parquet' });
    expect((await patch({ name: null })).statusCode).toBe(400);
    const bad = await patch({ filter: [{ name: 'BilledCost', operator: 'EQ', values: ['abc'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errorDetails[0].issues[0].subject).toBe('filter[0].values[0]');
    // A Parquet definition runs like any other (nothing yesterday: 204); parquet.test.ts covers its contents.
    expect((await t.call({ method: 'GET', url: `${url}/contents?relativeDate=YESTERDAY`, token: a.token })).statusCode).toBe(204);
    expect((await t.call({ method: 'DELETE', url, token: a.token })).statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url, token: a.token })).statusCode).toBe(404);
    expect((await t.call({ method: 'DELETE', url, token: a.token })).statusCode).toBe(404);
  });

  it('seeds the demo definitions, replacing earlier demo ones, and each runs', async () => {
    const demo = await exportsTenant(t, 'demo');
    await seedFocusExportsDemo(t.db, demo.workspaceId);
    await seedFocusExportsDemo(t.db, demo.workspaceId);
    const body = (await t.call({ method: 'GET', url: BASE, token: demo.token })).json();
    expect(body.total).toBe(6);
    // In a fixed order (by creation), the GreenLake one first, which the README's examples take as $EXPORT_ID.
    expect(body.items.map((i: { name: string }) => i.name)).toEqual([
      'All usage (GreenLake)', 'VM compute, FOCUS 1.2, gzip', 'Top 5 resources by cost', 'Last month, every service',
      'All usage, FOCUS 1.3, Parquet', 'Contract commitments, FOCUS 1.3',
    ]);
    expect(body.items.at(-1)).toMatchObject({ profile: 'focus-1.3', dataset: 'ContractCommitment' });
    expect(body.items.map((i: { name: string }) => i.name)).toContain('Top 5 resources by cost');
    expect(body.items.find((i: { schedule: string | null }) => i.schedule === 'MONTHLY_LAST_MONTH')).toBeDefined();
    expect(body.items[0].created).toMatchObject({ id: 'system', name: 'System' });
    for (const item of body.items as { id: string }[]) {
      const res = await t.call({ method: 'GET', url: `${BASE}/${item.id}/contents?relativeDate=YESTERDAY`, token: demo.token });
      expect(res.statusCode).toBe(204);
    }
  });

  it('needs exports.view to read and exports.manage to write', async () => {
    const viewer = await t.tenant(['cost-viewer'], 'viewer');
    expect((await t.call({ method: 'GET', url: BASE, token: viewer.token })).statusCode).toBe(200);
    expect((await t.call({ method: 'POST', url: BASE, token: viewer.token, payload: { name: 'x' } })).statusCode).toBe(403);
    const other = await t.tenant(['flex-viewer'], 'flex');
    expect((await t.call({ method: 'GET', url: BASE, token: other.token })).statusCode).toBe(403);
  });
});
