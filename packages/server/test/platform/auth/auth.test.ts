/** Token endpoints, JWKS, and every way a bearer token is refused. */
import { SignJWT, UnsecuredJWT, decodeJwt, generateKeyPair, createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe.each(testEngines())('auth on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { config: { tokenTtlSeconds: 900 } });
  });
  afterAll(() => t.close());

  const expectGreenLake401 = (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBe(401);
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ httpStatusCode: 401, errorCode: 'HPE_GL_ERROR_UNAUTHORIZED', message: 'Unauthorized Request' });
    expect(typeof body.debugId).toBe('string');
    expect(body.errorDetails).toEqual([
      expect.objectContaining({ type: 'hpe.greenlake.metadata', metadata: expect.objectContaining({ access_token: 'Token provided is invalid' }) }),
    ]);
  };

  it('issues a token for form credentials on the workspace path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/authorization/v2/oauth2/${t.admin.workspaceId}/token`,
      ...form({ grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: t.admin.clientSecret }),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
    expect(res.headers['cache-control']).toBe('no-store');
    const claims = decodeJwt(body.access_token);
    expect(claims.workspace_id).toBe(t.admin.workspaceId);
    expect(claims.sub).toBe(t.admin.clientId);
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('issues a token for HTTP Basic credentials on the legacy path', async () => {
    const basic = Buffer.from(`${t.admin.clientId}:${t.admin.clientSecret}`).toString('base64');
    const res = await t.app.inject({
      method: 'POST',
      url: '/as/token.oauth2',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().token_type).toBe('Bearer');
  });

  it('refuses wrong secrets, unknown clients, other workspaces and other grants in the OAuth2 format', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', ...form({ grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: 'nope-nope-nope-nope' }) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const unknown = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', ...form({ grant_type: 'client_credentials', client_id: 'not-a-uuid', client_secret: 'x' }) });
    expect(unknown.statusCode).toBe(401);
    const otherWs = await t.app.inject({
      method: 'POST',
      url: `/authorization/v2/oauth2/${'0'.repeat(32)}/token`,
      ...form({ grant_type: 'client_credentials', client_id: t.admin.clientId, client_secret: t.admin.clientSecret }),
    });
    expect(otherWs.statusCode).toBe(401);
    const grant = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', ...form({ grant_type: 'password' }) });
    expect(grant.statusCode).toBe(400);
    expect(grant.json().error).toBe('unsupported_grant_type');
    const missing = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', ...form({ grant_type: 'client_credentials' }) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('invalid_request');
  });

  it('publishes a JWKS that verifies issued tokens', async () => {
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0].d).toBeUndefined();
    const { payload } = await jwtVerify(await t.token(), createLocalJWKSet(jwks));
    expect(payload.workspace_id).toBe(t.admin.workspaceId);
  });

  it('stores secrets hashed, never in clear', async () => {
    const rows = await t.db.selectFrom('api_clients').select('secret_hash').execute();
    for (const row of rows) {
      expect(row.secret_hash).toMatch(/^scrypt\$/);
      expect(row.secret_hash).not.toContain(t.admin.clientSecret);
    }
  });

  it('refuses a missing, malformed, unsigned, forged or expired token with the GreenLake 401', async () => {
    const url = '/flex/v1beta1/devices';
    expectGreenLake401(await t.call({ method: 'GET', url, token: null }));
    expectGreenLake401(await t.call({ method: 'GET', url, headers: { authorization: 'Bearer not-a-jwt' }, token: null }));
    expectGreenLake401(await t.call({ method: 'GET', url, headers: { authorization: 'Basic abc' }, token: null }));

    const valid = await t.token();
    const claims = decodeJwt(valid);
    const unsigned = new UnsecuredJWT({ ...claims }).encode();
    expectGreenLake401(await t.call({ method: 'GET', url, token: unsigned }));

    const { privateKey } = await generateKeyPair('RS256');
    const header = JSON.parse(Buffer.from(valid.split('.')[0]!, 'base64url').toString());
    const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: header.kid }).sign(privateKey);
    expectGreenLake401(await t.call({ method: 'GET', url, token: forged }));

    const tampered = `${valid.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, workspace_id: 'f'.repeat(32) })).toString('base64url')}.${valid.split('.')[2]}`;
    expectGreenLake401(await t.call({ method: 'GET', url, token: tampered }));

    expect((await t.call({ method: 'GET', url, token: valid })).statusCode).toBe(200);
    t.advance(901_000);
    try {
      expectGreenLake401(await t.call({ method: 'GET', url, token: valid }));
    } finally {
      t.advance(-901_000);
    }
  });

  it('accepts a verified token in each spelling of the scheme, and refuses it in each once expired (ADR 0038)', async () => {
    const url = '/flex/v1beta1/devices';
    const valid = await t.token();
    // `Bearer <token>` is found in the verified-token cache without the expression; the others take it.
    const spellings = [`Bearer ${valid}`, `bearer ${valid}`, `Bearer   ${valid}`, `Bearer ${valid}  `, `BEARER ${valid}`];
    for (const authorization of spellings) {
      expect((await t.call({ method: 'GET', url, headers: { authorization }, token: null })).statusCode, authorization.slice(0, 12)).toBe(200);
    }
    expectGreenLake401(await t.call({ method: 'GET', url, headers: { authorization: `Bearer ${valid}x!` }, token: null }));
    expectGreenLake401(await t.call({ method: 'GET', url, headers: { authorization: `Bearer${valid}` }, token: null }));
    t.advance(901_000);
    try {
      for (const authorization of [...spellings, ...spellings]) {
        expectGreenLake401(await t.call({ method: 'GET', url, headers: { authorization }, token: null }));
      }
    } finally {
      t.advance(-901_000);
    }
  });

  it("stops accepting a deleted client's tokens", async () => {
    const tenant = await t.tenant(['flex-viewer'], 'doomed');
    expect((await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token: tenant.token })).statusCode).toBe(200);
    const del = await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${tenant.workspaceId}/api-clients/${tenant.clientId}` });
    expect(del.statusCode).toBe(204);
    expectGreenLake401(await t.call({ method: 'GET', url: '/flex/v1beta1/devices', token: tenant.token }));
  });
});
