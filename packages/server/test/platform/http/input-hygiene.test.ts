/**
 * Issue 15 point 6 (ADR 0022): a NUL character, a lone surrogate or a body nested past the bound is
 * a 400 naming the field, in the family's own envelope, on every family — never a 500, never a
 * stored value, never two different ids made one.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { MAX_BODY_DEPTH } from '../../../src/platform/http/input-faults.js';

type Res = { statusCode: number; body: string; headers: Record<string, unknown>; json(): Record<string, unknown> };

/** The GreenLake 400 with one issue: its source and subject. */
function greenLake400(res: Res, source: string, subject: string): void {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json()).toMatchObject({
    httpStatusCode: 400,
    errorCode: 'HPE_GL_ERROR_BAD_REQUEST',
    errorDetails: [{ type: 'hpe.greenlake.bad_request', issues: [{ source, subject, description: expect.any(String) }] }],
  });
}

/** JSON objects nested `levels` deep (`{"a":{}}` is two). */
const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
const event = (over: Record<string, string>) => ({
  specversion: '1.0', id: 'evt-1', source: 'urn:test', type: 'com.example.cpu.used', subject: 'vm-1', time: '2026-01-01T00:00:00Z', data: { quantity: 1 }, ...over,
});

describe.each(testEngines())('input hygiene on %s', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    t = app;
  });

  describe('the NUL character', () => {
    it('is a 400 naming the body field (GreenLake)', async () => {
      const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'a\u0000b' } });
      greenLake400(res, 'field', 'name');
      expect((res.json().errorDetails as { issues: { description: string }[] }[])[0]!.issues[0]!.description).toMatch(/NUL/);
    });

    it('is a 400 naming the query parameter: filter, filter-tags (Flex)', async () => {
      greenLake400(await t.call({ method: 'GET', url: `/flex/v1beta1/devices?filter=${encodeURIComponent("make eq 'a\u0000'")}` }), 'query.parameter', 'filter');
      greenLake400(await t.call({ method: 'GET', url: `/flex/v1beta1/devices?filter-tags=${encodeURIComponent("team eq 'a\u0000'")}` }), 'query.parameter', 'filter-tags');
    });

    it('is a 400 naming the path parameter', async () => {
      greenLake400(await t.call({ method: 'GET', url: '/flex/v1beta1/devices/%00' }), 'path.parameter', 'id');
    });

    it('is a 400 naming the CloudEvent field, single or in a batch', async () => {
      const single = await t.call({ method: 'POST', url: '/metering/v1/events', headers: { 'content-type': 'application/cloudevents+json' }, payload: JSON.stringify(event({ id: 'x\u0000' })) });
      greenLake400(single, 'field', 'id');
      const batch = await t.call({
        method: 'POST', url: '/metering/v1/events', headers: { 'content-type': 'application/cloudevents-batch+json' },
        payload: JSON.stringify([event({ id: 'ok' }), event({ id: 'ok-2', source: 'urn:\u0000' })]),
      });
      greenLake400(batch, 'field', '[1].source');
    });

    it('is a 400 in a key too, with the key spelled out', async () => {
      const res = await t.call({ method: 'POST', url: '/metering/v1/events', headers: { 'content-type': 'application/cloudevents+json' }, payload: JSON.stringify({ ...event({}), data: { 'q\u0000': 1 } }) });
      greenLake400(res, 'field', 'data.q\\u0000');
    });

    it('is a 400 in the OAuth envelope on the token endpoints (form and JSON)', async () => {
      const form = await t.app.inject({
        method: 'POST', url: '/as/token.oauth2', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=client_credentials&client_id=${t.admin.clientId}%00&client_secret=x`,
      });
      expect(form.statusCode, form.body).toBe(400);
      expect(form.json()).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(/^client_id: .*NUL/) });
      expect(form.headers['cache-control']).toBe('no-store');
      const json = await t.app.inject({ method: 'POST', url: `/authorization/v2/oauth2/${t.admin.workspaceId}/token`, payload: { grant_type: 'client_credentials', client_id: '\u0000', client_secret: 'x' } });
      expect(json.statusCode, json.body).toBe(400);
      expect(json.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/^client_id: /) });
    });

    it("is a 400 in VMware's envelope on Navigator and CSP", async () => {
      const navigator = await t.app.inject({ method: 'POST', url: '/cphub/api/auth/v1/authn/accesstoken', payload: { refreshToken: 'abc\u0000' } });
      expect(navigator.statusCode, navigator.body).toBe(400);
      expect(navigator.json()).toMatchObject({ statusCode: 400, errorCode: 'invalid_request', message: expect.stringMatching(/^refreshToken: .*NUL/) });
      const csp = await t.app.inject({
        method: 'POST', url: '/csp/gateway/am/api/auth/api-tokens/authorize', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'refresh_token=abc%00',
      });
      expect(csp.statusCode, csp.body).toBe(400);
      expect(csp.json()).toMatchObject({ statusCode: 400, errorCode: 'invalid_request', message: expect.stringMatching(/^refresh_token: /) });
    });

    it("is a 400 in Cloud Cruiser's plain text, in a path id and in XML", async () => {
      const basic = `Basic ${Buffer.from(`${t.admin.clientId}:${t.admin.clientSecret}`).toString('base64')}`;
      const path = await t.app.inject({ method: 'GET', url: '/rest/v1/customers/customer/accountId/a%00b', headers: { authorization: basic } });
      expect(path.statusCode, path.body).toBe(400);
      expect(path.headers['content-type']).toMatch(/^text\/plain/);
      expect(path.body).toMatch(/NUL/);
      const xml = await t.app.inject({
        method: 'PUT', url: '/rest/v1/customers/customer/c-1', headers: { authorization: basic, 'content-type': 'application/xml' },
        payload: '<customer><name>a&#0;b</name></customer>',
      });
      expect(xml.statusCode, xml.body).toBe(400);
      expect(xml.headers['content-type']).toMatch(/^text\/plain/);
    });
  });

  describe('lone UTF-16 surrogates', () => {
    it('are refused, so two different event ids never collide as one', async () => {
      for (const id of ['\\ud800', '\\udc01', 'a\\ud800b', '\\udfff\\ud800']) {
        const res = await t.call({
          method: 'POST', url: '/metering/v1/events', headers: { 'content-type': 'application/cloudevents+json' },
          payload: JSON.stringify(event({ id: 'PLACEHOLDER' })).replace('PLACEHOLDER', id),
        });
        greenLake400(res, 'field', 'id');
        expect(res.body).toMatch(/surrogate/);
      }
    });

    it('leave a well-formed pair (an emoji) alone', async () => {
      const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: '{"name":"team \\ud83d\\ude00"}', headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ name: 'team \u{1F600}' });
    });
  });

  describe('nesting', () => {
    it(`takes a body ${MAX_BODY_DEPTH} levels deep`, async () => {
      const res = await t.call({ method: 'POST', url: '/admin/v1/workspaces', headers: { 'content-type': 'application/json' }, payload: `{"name":"n","x":${nested(MAX_BODY_DEPTH - 1)}}` });
      // Past the depth check: the schema's own 400 for the unknown property, not the depth's.
      greenLake400(res, 'field', 'x');
    });

    for (const depth of [MAX_BODY_DEPTH + 1, 5_000, 100_000]) {
      it(`refuses ${depth} levels with a 400 (CloudEvent data and any JSON route)`, async () => {
        const data = nested(depth - 1);
        const ingest = await t.call({
          method: 'POST', url: '/metering/v1/events', headers: { 'content-type': 'application/cloudevents+json' },
          payload: JSON.stringify(event({})).replace('{"quantity":1}', data),
        });
        expect(ingest.statusCode, ingest.body.slice(0, 300)).toBe(400);
        expect(ingest.body).toMatch(/deeper than 64 levels/);
        const admin = await t.call({ method: 'POST', url: '/admin/v1/workspaces', headers: { 'content-type': 'application/json' }, payload: nested(depth) });
        expect(admin.statusCode, admin.body.slice(0, 300)).toBe(400);
      });
    }
  });
});
