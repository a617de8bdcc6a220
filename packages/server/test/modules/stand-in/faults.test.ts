/**
 * Faults (issue 17 point 5, ADR 0023): a fault with `times: 2` hits exactly two of many concurrent
 * requests; answers come in the path's family envelope (GreenLake with the rate-limit headers on a
 * 429, OAuth2 at the token endpoints, VMware's under /cphub); a workspace's fault hits that
 * workspace only; latency serves the request; a dropped connection cuts the body; the control plane
 * is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultBook } from '../../../src/modules/stand-in/faults.service.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

describe('FaultBook', () => {
  it('counts a probabilistic fault only when the draw hits', () => {
    const draws = [0.9, 0.1, 0.7, 0.2, 0.3];
    const book = new FaultBook(() => 0, () => draws.shift()!);
    const fault = book.add({ match: { path: '/a/*' }, action: { status: 500 }, probability: 0.25, times: 5 });
    const taken = [1, 2, 3, 4, 5].map(() => book.take('GET', '/a/b', undefined)?.id);
    expect(taken).toEqual([undefined, fault.id, undefined, fault.id, undefined]);
    expect(book.list()[0]).toMatchObject({ hits: 2, remaining: 3 });
  });

  it('matches globs by segment: * within one, ** across', () => {
    const book = new FaultBook(() => 0);
    book.add({ match: { method: 'get', path: '/flex/*/devices' }, action: { status: 500 } });
    expect(book.take('GET', '/flex/v1beta1/devices', undefined)).toBeDefined();
    expect(book.take('GET', '/flex/v1beta1/x/devices', undefined)).toBeUndefined();
    expect(book.take('POST', '/flex/v1beta1/devices', undefined)).toBeUndefined();
    book.add({ match: { path: '/cphub/**' }, action: { status: 500 } });
    expect(book.take('GET', '/cphub/api/core/v1/mgmt/orgs/x/tenants', undefined)).toBeDefined();
  });
});

describe.each(testEngines())('faults on %s', (engine) => {
  let t: TestApp;
  const addFault = async (body: object) => {
    const res = await t.call({ method: 'POST', url: '/_consumo/faults', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; hits: number; remaining: number | null };
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { standIn: true, rateLimitMultiplier: 1000 } });
  }, 120_000);
  afterAll(() => t.close());

  it('a fault with times: 2 hits exactly two of ten concurrent requests, in the GreenLake envelope', async () => {
    const fault = await addFault({ match: { method: 'GET', path: '/flex/v1beta1/devices' }, action: { status: 503 }, times: 2 });
    const token = await t.token();
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.call({ method: 'GET', url: '/flex/v1beta1/devices', token })));
    const failed = answers.filter((r) => r.statusCode === 503);
    expect(failed).toHaveLength(2);
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(8);
    for (const res of failed) {
      expect(res.json()).toEqual({
        httpStatusCode: 503, errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE', message: 'Service Unavailable', debugId: res.headers['x-request-id'], errorDetails: [],
      });
      expect(res.headers['x-consumo-fault']).toBe(fault.id);
    }
    const listed = (await t.call({ method: 'GET', url: '/_consumo/faults' })).json() as { items: { id: string; hits: number; remaining: number }[] };
    expect(listed.items.find((f) => f.id === fault.id)).toMatchObject({ hits: 2, remaining: 0 });
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token })).statusCode).toBe(200);
    expect((await t.call({ method: 'DELETE', url: `/_consumo/faults/${fault.id}` })).statusCode).toBe(204);
    expect((await t.call({ method: 'DELETE', url: `/_consumo/faults/${fault.id}` })).statusCode).toBe(404);
  });

  it('a 429 carries the rate-limit headers and the family body', async () => {
    const fault = await addFault({ match: { path: '/flex/v1beta1/orders' }, action: { status: 429 }, times: 1 });
    const res = await t.call({ method: 'GET', url: '/flex/v1beta1/orders' });
    expect(res.statusCode).toBe(429);
    expect(res.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'retry-after': '60', 'x-ratelimit-reset': '60' });
    expect(Number(res.headers['x-ratelimit-limit'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ httpStatusCode: 429, errorCode: 'HPE_GL_ERROR_TOO_MANY_REQUESTS' });
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/orders' })).statusCode).toBe(200);
    await t.call({ method: 'DELETE', url: `/_consumo/faults/${fault.id}` });
  });

  it('the token endpoint down answers in the OAuth2 envelope, before any credential is read', async () => {
    const fault = await addFault({ match: { method: 'POST', path: '/as/token.oauth2' }, action: { status: 503 } });
    const res = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', payload: { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'temporarily_unavailable', error_description: expect.any(String) });
    expect((await t.call({ method: 'DELETE', url: `/_consumo/faults/${fault.id}` })).statusCode).toBe(204);
    const ok = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', payload: { grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: t.admin.clientSecret } });
    expect(ok.statusCode).toBe(200);
  });

  it("answers under /cphub in VMware's envelope, and a body of one's own as given", async () => {
    const vmware = await addFault({ match: { path: '/cphub/**' }, action: { status: 500 }, times: 1 });
    const res = await t.app.inject({ method: 'GET', url: '/cphub/api/auth/v1/loggedinuser/orgs' });
    const ordinary = await t.app.inject({ method: 'GET', url: '/cphub/api/auth/v1/loggedinuser/orgs' });
    expect(res.statusCode).toBe(500);
    expect(ordinary.statusCode).toBe(401);
    expect(Object.keys(res.json() as object).sort()).toEqual(Object.keys(ordinary.json() as object).sort());
    expect(res.json()).not.toHaveProperty('errorCode', 'HPE_GL_ERROR_INTERNAL_SERVER_ERROR');
    await t.call({ method: 'DELETE', url: `/_consumo/faults/${vmware.id}` });
    const own = await addFault({ match: { path: '/metering/v1/meters' }, action: { status: 502, body: { oops: true }, headers: { 'X-Upstream': 'gone' } }, times: 1 });
    const mine = await t.call({ method: 'GET', url: '/metering/v1/meters' });
    expect(mine.statusCode).toBe(502);
    expect(mine.json()).toEqual({ oops: true });
    expect(mine.headers['x-upstream']).toBe('gone');
    await t.call({ method: 'DELETE', url: `/_consumo/faults/${own.id}` });
  });

  it("a workspace's fault hits that workspace's requests only", async () => {
    const tenant = await t.tenant(['flex-viewer'], 'faulted');
    const fault = await addFault({ match: { path: '/flex/**', workspaceId: tenant.workspaceId }, action: { status: 500 } });
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token: tenant.token })).statusCode).toBe(500);
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices' })).statusCode).toBe(200);
    await t.call({ method: 'DELETE', url: `/_consumo/faults/${fault.id}` });
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token: tenant.token })).statusCode).toBe(200);
  });

  it('latency alone serves the request as usual', async () => {
    const fault = await addFault({ match: { path: '/flex/v1beta1/devices' }, action: { latencyMs: 50 }, times: 1 });
    const res = await t.call({ method: 'GET', url: '/flex/v1beta1/devices' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
    const listed = (await t.call({ method: 'GET', url: '/_consumo/faults' })).json() as { items: { id: string; hits: number }[] };
    expect(listed.items.find((f) => f.id === fault.id)?.hits).toBe(1);
  });

  it('never touches the control plane, and refuses a fault aimed at it or doing nothing', async () => {
    const everything = await addFault({ match: { path: '/**' }, action: { status: 500 } });
    expect((await t.call({ method: 'GET', url: '/_consumo/faults' })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices' })).statusCode).toBe(500);
    expect((await t.call({ method: 'DELETE', url: `/_consumo/faults/${everything.id}` })).statusCode).toBe(204);
    for (const payload of [
      { match: { path: '/_consumo/**' }, action: { status: 500 } },
      { match: { path: '/flex/**' }, action: {} },
      { match: { path: 'flex' }, action: { status: 500 } },
      { match: { path: '/flex/**' }, action: { status: 99 } },
      { match: { path: '/flex/**' }, action: { status: 500 }, times: 0 },
    ]) {
      const res = await t.call({ method: 'POST', url: '/_consumo/faults', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    }
  });

  it('a dropped connection sends the headers and half the body, then closes', async () => {
    await t.call({ method: 'DELETE', url: '/_consumo/faults' });
    await addFault({ match: { path: '/flex/v1beta1/devices' }, action: { status: 200, body: { items: Array.from({ length: 50 }, (_, i) => ({ id: `d${i}` })) }, dropConnection: true }, times: 1 });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await t.token();
    const res = await fetch(`${address}/flex/v1beta1/devices`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    const next = await fetch(`${address}/flex/v1beta1/devices`, { headers: { authorization: `Bearer ${token}` } });
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ items: [] });
  });
});
