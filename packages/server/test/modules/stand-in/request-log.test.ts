/**
 * The request log (issue 17 point 6, ADR 0023): what was sent, read back WireMock-style ("exactly
 * one PUT to … with this body"), with client secrets, tokens and passwords redacted; filters,
 * newest first, a bounded ring, cleared by DELETE, and the control plane's own calls left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

interface Entry {
  method: string;
  path: string;
  query: string;
  status: number;
  workspaceId: string | null;
  requestId: string;
  requestHeaders: Record<string, string>;
  requestBody: { text: string | null };
  responseBody: { text: string | null };
}

describe.each(testEngines())('the request log on %s', (engine) => {
  let t: TestApp;
  const log = async (query = '') => {
    const res = await t.call({ method: 'GET', url: `/_consumo/requests${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; count: number; total: number };
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { standIn: true, rateLimitMultiplier: 1000, requestLogSize: 5 } });
  }, 120_000);
  afterAll(() => t.close());

  it('redacts the client secret of a token request, form or JSON, and the token it answers', async () => {
    expect((await t.call({ method: 'DELETE', url: '/_consumo/requests' })).statusCode).toBe(204);
    const form = await t.app.inject({
      method: 'POST', url: '/as/token.oauth2', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${t.admin.clientId}&client_secret=${encodeURIComponent(t.admin.clientSecret)}`,
    });
    expect(form.statusCode).toBe(200);
    const accessToken = (form.json() as { access_token: string }).access_token;
    const json = await t.app.inject({
      method: 'POST', url: `/authorization/v2/oauth2/${t.admin.workspaceId}/token`,
      payload: { grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: t.admin.clientSecret },
    });
    expect(json.statusCode).toBe(200);
    const page = await log();
    const whole = JSON.stringify(page);
    expect(whole).not.toContain(t.admin.clientSecret);
    expect(whole).not.toContain(encodeURIComponent(t.admin.clientSecret));
    expect(whole).not.toContain(accessToken);
    expect(page.items.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      `POST /authorization/v2/oauth2/${t.admin.workspaceId}/token 200`,
      'POST /as/token.oauth2 200',
    ]);
    const [jsonEntry, formEntry] = page.items;
    expect(JSON.parse(jsonEntry!.requestBody.text!)).toEqual({ grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: '[redacted]' });
    expect(JSON.parse(formEntry!.requestBody.text!)).toMatchObject({ client_id: t.admin.clientId, client_secret: '[redacted]' });
    expect(JSON.parse(formEntry!.responseBody.text!)).toMatchObject({ access_token: '[redacted]', expires_in: expect.any(Number) });
  });

  it('records a call with its workspace, headers (Authorization reduced to its scheme) and redacted query', async () => {
    await t.call({ method: 'DELETE', url: '/_consumo/requests' });
    const token = await t.token();
    const res = await t.call({ method: 'GET', url: '/flex/v1beta1/devices?limit=3&api_token=abc123', token, headers: { 'x-request-id': 'trace-1' } });
    const [entry] = (await log()).items;
    expect(entry).toMatchObject({
      method: 'GET', path: '/flex/v1beta1/devices', query: 'limit=3&api_token=[redacted]', status: res.statusCode, workspaceId: t.admin.workspaceId, requestId: 'trace-1',
    });
    expect(entry!.requestHeaders.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(entry)).not.toContain(token);
    expect(entry!.responseBody.text).toBe(res.body);
  });

  it('answers "exactly one PUT to …/billing-accounts/* with this body", newest first, with filters', async () => {
    await t.call({ method: 'DELETE', url: '/_consumo/requests' });
    const body = { name: 'Verified', currency: 'EUR' };
    expect((await t.call({ method: 'PUT', url: '/metering/v1/billing-accounts/BA-LOG', payload: body })).statusCode).toBe(201);
    expect((await t.call({ method: 'GET', url: '/metering/v1/billing-accounts/BA-LOG' })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/metering/v1/billing-accounts/BA-NONE' })).statusCode).toBe(404);
    const puts = await log('?method=PUT&path=/metering/v1/billing-accounts/*');
    expect(puts.total).toBe(1);
    expect(JSON.parse(puts.items[0]!.requestBody.text!)).toEqual(body);
    const gets = await log('?method=get&path=/metering/**');
    expect(gets.items.map((e) => e.path)).toEqual(['/metering/v1/billing-accounts/BA-NONE', '/metering/v1/billing-accounts/BA-LOG']);
    expect((await log('?status=404')).items.map((e) => e.path)).toEqual(['/metering/v1/billing-accounts/BA-NONE']);
    expect((await log('?limit=1')).items).toHaveLength(1);
    expect((await log('?limit=1')).total).toBe(3);
    expect((await log(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total).toBe(0);
    const bad = await t.call({ method: 'GET', url: '/_consumo/requests?since=yesterday' });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps the last CONSUMO_REQUEST_LOG_SIZE requests, leaves the control plane out, and clears', async () => {
    await t.call({ method: 'DELETE', url: '/_consumo/requests' });
    for (let i = 0; i < 7; i += 1) await t.call({ method: 'GET', url: `/flex/v1beta1/devices?offset=${i}` });
    const page = await log();
    expect(page.total).toBe(5);
    expect(page.items.map((e) => e.query)).toEqual(['offset=6', 'offset=5', 'offset=4', 'offset=3', 'offset=2']);
    expect(page.items.every((e) => !e.path.startsWith('/_consumo'))).toBe(true);
    expect((await t.call({ method: 'DELETE', url: '/_consumo/requests' })).statusCode).toBe(204);
    expect((await log()).total).toBe(0);
  });
});
