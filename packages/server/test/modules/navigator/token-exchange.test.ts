/**
 * Exchanging workspace API tokens for access tokens — Navigator's JSON way and CSP's form way — and
 * using them: `csp-auth-token` on routes that declare `cspAuth`, bearer anywhere; refused once the
 * API token is revoked (at once, in the revoking process and in every other) or has
 * expired; every malformed body a CSP 400 (or 415), never a 500.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens } from '../../../src/platform/auth/access-tokens.js';
import { BasicAuthenticator } from '../../../src/platform/auth/basic-credentials.js';
import { PrincipalLookup } from '../../../src/platform/auth/principal-lookup.js';
import { SigningKeys } from '../../../src/platform/auth/signing-keys.js';
import { DAY_MS } from '../../../src/platform/formats/index.js';
import { installGuards } from '../../../src/platform/http/guards.js';
import '../../../src/platform/http/route-config.js';
import { MemoryRateLimitStore } from '../../../src/platform/rate-limit/index.js';
import { cspErrorBody, toCspError } from '../../../src/modules/navigator/csp-errors.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const NAVIGATOR = '/cphub/api/auth/v1/authn/accesstoken';
const CSP = '/csp/gateway/am/api/auth/api-tokens/authorize';
const CSP_ANSWER_KEYS = ['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type'];
const CSP_ERROR_KEYS = ['statusCode', 'errorCode', 'message', 'requestId', 'cspErrorCode', 'moduleCode'];

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const form = (fields: Record<string, string> | string) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
});

/** A second app on the same database — another process, with its own credential cache — serving throwaway routes. */
async function otherProcess(t: TestApp): Promise<FastifyInstance> {
  const keys = new SigningKeys(t.db, { rotateAfterMs: 30 * DAY_MS, tokenTtlMs: 3_600_000, now: t.now });
  await keys.init();
  const tokens = new AccessTokens(keys, 900, t.now);
  const credentials = new PrincipalLookup(t.db, t.now);
  const app = Fastify({ logger: false });
  installGuards(app, { tokens, credentials, basic: new BasicAuthenticator(credentials, t.now), rateLimits: new MemoryRateLimitStore(), rateLimitMultiplier: 1, now: t.now });
  app.setErrorHandler((err, request, reply) => {
    const { error } = toCspError(err);
    return reply.status(error.status).send(cspErrorBody(error, String(request.id)));
  });
  app.get('/probe/csp', { config: { permission: 'navigator.orgs.view', cspAuth: true } }, async (request) => request.auth);
  app.get('/probe/bearer', { config: { permission: 'navigator.orgs.view' } }, async (request) => request.auth);
  await app.ready();
  return app;
}

describe.each(testEngines())('API token exchange on %s', (engine) => {
  let t: TestApp;
  let other: FastifyInstance;
  let ws: string;
  beforeAll(async () => {
    // Client-credential tokens live 900 s here; exchanged ones 1799 s whatever this says.
    t = await startTestApp(engine, { config: { tokenTtlSeconds: 900 } });
    ws = (await t.call({ method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'Provider' } })).json().id;
    other = await otherProcess(t);
  });
  afterAll(async () => {
    await other?.close();
    await t.close();
  });

  async function apiToken(roles: string[], ttlDays?: number): Promise<{ id: string; token: string; expiresAt: string }> {
    const res = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${ws}/api-tokens`, payload: { name: 'ci', roles, ...(ttlDays && { ttlDays }) } });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  async function exchange(token: string): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: CSP, ...form({ api_token: token }) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().access_token;
  }

  const devices = (accessToken: string) => t.call({ method: 'GET', url: '/flex/v1beta1/devices', token: accessToken });

  const expectCsp400 = (res: { statusCode: number; body: string; json(): unknown }, errorCode: string) => {
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(CSP_ERROR_KEYS);
    expect(body).toMatchObject({ statusCode: 400, errorCode });
    expect(body.cspErrorCode).toMatch(new RegExp(`^400\\.navigator(\\.auth)?\\.${errorCode}$`));
  };

  it('exchanges an API token for an access token the Navigator way (JSON)', async () => {
    const { id, token } = await apiToken(['provider-administrator']);
    const res = await t.app.inject({ method: 'POST', url: NAVIGATOR, ...json({ refreshToken: token }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body)).toEqual(['accessToken', 'expiresIn', 'tokenType']);
    expect(body).toEqual({ accessToken: expect.any(String), expiresIn: 1799, tokenType: 'bearer' });
    const claims = decodeJwt(body.accessToken);
    expect(claims).toMatchObject({ workspace_id: ws, sub: id, api_token: true, aud: 'consumo-api' });
    expect(claims.exp! - claims.iat!).toBe(1799);
  });

  it('names the API token as the creator of what its access token creates (a FOCUS export’s user event)', async () => {
    const { id, token } = await apiToken(['exports-admin']);
    const created = await t.call({ method: 'POST', url: '/consumption-analytics/v1beta1/focus-exports', token: await exchange(token), payload: { name: 'by token' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().created).toMatchObject({ id, name: 'ci' });
  });

  it('exchanges an API token the CSP way (form api_token), its answer’s keys in CSP’s order', async () => {
    const { id, token } = await apiToken(['provider-administrator', 'customer-user']);
    const res = await t.app.inject({ method: 'POST', url: CSP, ...form({ api_token: token }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body)).toEqual(CSP_ANSWER_KEYS);
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_in: 1799,
      id_token: expect.any(String),
      refresh_token: token,
      scope: 'provider-administrator customer-user',
      token_type: 'bearer',
    });
    expect(decodeJwt(body.access_token)).toMatchObject({ workspace_id: ws, sub: id, api_token: true });
    const idClaims = decodeJwt(body.id_token);
    expect(idClaims).toMatchObject({ workspace_id: ws, sub: id, api_token: true, token_use: 'id', aud: 'consumo-id', iss: 'consumo' });
    expect(idClaims.exp! - idClaims.iat!).toBe(1799);
    // The ID token authorizes nothing.
    expect((await t.call({ method: 'GET', url: '/admin/v1/roles', token: body.id_token })).statusCode).toBe(401);
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': body.id_token } })).statusCode).toBe(401);
  });

  it('takes the token as form field refresh_token, query parameter refresh_token, or JSON', async () => {
    const { token } = await apiToken(['customer-user']);
    const byField = await t.app.inject({ method: 'POST', url: CSP, ...form({ refresh_token: token }) });
    expect(byField.statusCode).toBe(200);
    expect(byField.json().refresh_token).toBe(token);
    const byQuery = await t.app.inject({ method: 'POST', url: `${CSP}?refresh_token=${token}`, ...form('') });
    expect(byQuery.statusCode).toBe(200);
    expect(Object.keys(byQuery.json())).toEqual(CSP_ANSWER_KEYS);
    const noBody = await t.app.inject({ method: 'POST', url: `${CSP}?refresh_token=${token}` });
    expect(noBody.statusCode).toBe(200);
    const asJson = await t.app.inject({ method: 'POST', url: CSP, ...json({ api_token: token }) });
    expect(asJson.statusCode).toBe(200);
    // api_token first, then the form's refresh_token, then the query's.
    const both = await t.app.inject({ method: 'POST', url: `${CSP}?refresh_token=nope`, ...form({ api_token: token, refresh_token: 'nope' }) });
    expect(both.statusCode).toBe(200);
    expect(both.json().refresh_token).toBe(token);
  });

  it('mints access tokens that carry the API token’s roles, as a bearer token anywhere', async () => {
    const viewer = await apiToken(['flex-viewer']);
    const access = await exchange(viewer.token);
    expect((await devices(access)).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/admin/v1/roles', token: access })).statusCode).toBe(403);
    // No Navigator role: 403 on a Navigator route, in VMware's shape.
    const denied = await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ statusCode: 403, errorCode: 'forbidden' });
  });

  it('authenticates cspAuth routes by csp-auth-token or bearer, other routes by bearer only', async () => {
    const { id, token } = await apiToken(['provider-administrator']);
    const access = await exchange(token);
    const expected = { workspaceId: ws, clientId: id, subject: 'api-token', roles: ['provider-administrator'], permissions: {} };

    const byCsp = await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access } });
    expect(byCsp.statusCode).toBe(200);
    expect(byCsp.json()).toEqual(expected);
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { authorization: `Bearer ${access}` } })).json()).toEqual(expected);
    // Both sent: csp-auth-token is the one read.
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access, authorization: 'Bearer a.b.c' } })).statusCode).toBe(200);
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': 'a.b.c', authorization: `Bearer ${access}` } })).statusCode).toBe(401);
    // A client-credentials token works there too.
    const admin = await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': await t.token() } });
    expect(admin.statusCode).toBe(200);
    expect(admin.json()).toMatchObject({ workspaceId: t.admin.workspaceId, clientId: t.admin.clientId, subject: 'client' });

    for (const headers of [{}, { 'csp-auth-token': `Bearer ${access}` }, { 'csp-auth-token': 'not-a-jwt' }, { 'csp-auth-token': '' }, { authorization: access }]) {
      const res = await other.inject({ method: 'GET', url: '/probe/csp', headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(Object.keys(res.json())).toEqual(CSP_ERROR_KEYS);
      expect(res.json()).toMatchObject({ statusCode: 401, errorCode: 'unauthorized', cspErrorCode: '401.navigator.unauthorized' });
    }
    // A route that does not declare cspAuth ignores the header.
    const ignored = await other.inject({ method: 'GET', url: '/probe/bearer', headers: { 'csp-auth-token': access } });
    expect(ignored.statusCode).toBe(401);
    expect(ignored.json().message).toContain('missing Authorization header');
    expect((await other.inject({ method: 'GET', url: '/probe/bearer', headers: { authorization: `Bearer ${access}` } })).statusCode).toBe(200);
  });

  it('refuses a revoked API token at exchange, and its access tokens at once, here and in another process', async () => {
    const { id, token } = await apiToken(['provider-administrator', 'flex-viewer']);
    const access = await exchange(token);
    expect((await devices(access)).statusCode).toBe(200);
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access } })).statusCode).toBe(200);

    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${id}` })).statusCode).toBe(204);

    // The revoking process: at once, with no time passing on its clock.
    const refused = await devices(access);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().errorDetails[0].metadata.reason).toBe('the API token was revoked or has expired');
    for (const res of [
      await t.app.inject({ method: 'POST', url: CSP, ...form({ api_token: token }) }),
      await t.app.inject({ method: 'POST', url: NAVIGATOR, ...json({ refreshToken: token }) }),
    ]) {
      expectCsp400(res, 'invalid_grant');
      expect(res.json()).toMatchObject({ moduleCode: 'navigator.auth', cspErrorCode: '400.navigator.auth.invalid_grant', message: expect.stringContaining('revoked') });
    }

    // Another process too, at once: no cache answers for a revoked token there (ADR 0021).
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access } })).statusCode).toBe(401);
  });

  it('refuses unknown tokens and malformed Navigator bodies with a CSP 400 (415 for another media type)', async () => {
    const cases: Array<[string, { headers?: Record<string, string>; payload?: string }, number, string]> = [
      ['unknown token', json({ refreshToken: 'f'.repeat(64) }), 400, 'invalid_grant'],
      ['10k-character token', json({ refreshToken: 'x'.repeat(10_000) }), 400, 'invalid_grant'],
      // Refused before the exchange looks, as text no field may hold (ADR 0022): a request error, not an unknown grant.
      ['NUL character', { headers: { 'content-type': 'application/json' }, payload: '{"refreshToken":"ab\\u0000cd"}' }, 400, 'invalid_request'],
      ['number instead of string', json({ refreshToken: 5 }), 400, 'invalid_request'],
      ['null token', json({ refreshToken: null }), 400, 'invalid_request'],
      ['array token', json({ refreshToken: ['a'] }), 400, 'invalid_request'],
      ['empty token', json({ refreshToken: '' }), 400, 'invalid_request'],
      ['no refreshToken', json({ api_token: 'x' }), 400, 'invalid_request'],
      ['array body', json([{ refreshToken: 'x' }]), 400, 'invalid_request'],
      ['string body', json('x'), 400, 'invalid_request'],
      ['null body', json(null), 400, 'invalid_request'],
      ['empty JSON body', { headers: { 'content-type': 'application/json' }, payload: '' }, 400, 'invalid_request'],
      ['broken JSON', { headers: { 'content-type': 'application/json' }, payload: '{"refreshToken":' }, 400, 'invalid_request'],
      ['no body at all', {}, 400, 'invalid_request'],
      ['text/plain', { headers: { 'content-type': 'text/plain' }, payload: 'x' }, 415, 'unsupported_media_type'],
    ];
    for (const [name, request, status, errorCode] of cases) {
      const res = await t.app.inject({ method: 'POST', url: NAVIGATOR, ...request });
      expect(res.statusCode, name).toBe(status);
      expect(Object.keys(res.json()), name).toEqual(CSP_ERROR_KEYS);
      expect(res.json(), name).toMatchObject({ statusCode: status, errorCode });
    }
  });

  it('refuses unknown tokens and malformed CSP requests with a CSP 400 (415 for another media type)', async () => {
    const cases: Array<[string, string, { headers?: Record<string, string>; payload?: string }, number, string]> = [
      ['unknown token', CSP, form({ api_token: 'f'.repeat(64) }), 400, 'invalid_grant'],
      ['10k-character token', CSP, form({ api_token: 'x'.repeat(10_000) }), 400, 'invalid_grant'],
      ['NUL character', CSP, form('api_token=ab%00cd'), 400, 'invalid_request'],
      ['unknown query token', `${CSP}?refresh_token=nope`, {}, 400, 'invalid_grant'],
      ['empty form', CSP, form(''), 400, 'invalid_request'],
      ['no body at all', CSP, {}, 400, 'invalid_request'],
      ['empty api_token', CSP, form({ api_token: '' }), 400, 'invalid_request'],
      ['repeated api_token', CSP, form('api_token=a&api_token=b'), 400, 'invalid_request'],
      ['repeated query token', `${CSP}?refresh_token=a&refresh_token=b`, {}, 400, 'invalid_request'],
      ['JSON number', CSP, json({ api_token: 5 }), 400, 'invalid_request'],
      ['JSON array', CSP, json(['x']), 400, 'invalid_request'],
      ['empty JSON body', CSP, { headers: { 'content-type': 'application/json' }, payload: '' }, 400, 'invalid_request'],
      ['XML', CSP, { headers: { 'content-type': 'application/xml' }, payload: '<api_token>x</api_token>' }, 415, 'unsupported_media_type'],
    ];
    for (const [name, url, request, status, errorCode] of cases) {
      const res = await t.app.inject({ method: 'POST', url, ...request });
      expect(res.statusCode, name).toBe(status);
      expect(Object.keys(res.json()), name).toEqual(CSP_ERROR_KEYS);
      expect(res.json(), name).toMatchObject({ statusCode: status, errorCode });
    }
    expectCsp400(await t.app.inject({ method: 'POST', url: CSP, ...form({ api_token: 'x' }) }), 'invalid_grant');
  });

  // Moves the clock by a day: last.
  it('refuses an expired API token at exchange, and the access tokens minted from it as it expires', async () => {
    const { token, expiresAt } = await apiToken(['flex-viewer', 'customer-user'], 1);
    t.advance(Date.parse(expiresAt) - 60_000 - t.now());
    const access = await exchange(token);
    expect((await devices(access)).statusCode).toBe(200);
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access } })).statusCode).toBe(200);

    t.advance(60_000);
    // The access token's own expiry is 1799 s away; the API token's has come.
    expect(decodeJwt(access).exp! * 1000).toBeGreaterThan(t.now());
    expect((await devices(access)).statusCode).toBe(401);
    expect((await other.inject({ method: 'GET', url: '/probe/csp', headers: { 'csp-auth-token': access } })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: NAVIGATOR, ...json({ refreshToken: token }) });
    expectCsp400(res, 'invalid_grant');
    expect(res.json().message).toContain('expired');
  });
});
