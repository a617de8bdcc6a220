/**
 * Workspace API tokens below HTTP: the token and its hash, the exchange's check (unknown, revoked,
 * expired), access tokens minted from them (their claim, their own TTL, ID tokens refused), and the
 * credential cache's view of them (expiry on time, revocation within five seconds or at once).
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens, InvalidTokenError, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../src/platform/auth/access-tokens.js';
import { API_TOKEN_ACCESS_TTL_SECONDS, apiTokenState, generateApiToken, hashApiToken, verifyApiToken } from '../../../src/platform/auth/api-tokens.js';
import { PrincipalLookup } from '../../../src/platform/auth/principal-lookup.js';
import { SigningKeys, TOKEN_ALGORITHM } from '../../../src/platform/auth/signing-keys.js';
import { DAY_MS } from '../../../src/platform/formats/index.js';
import * as repo from '../../../src/platform/tenancy/api-tokens.repository.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe('API token values', () => {
  it('are 64 lowercase hex digits (256 random bits), never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateApiToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are stored as their SHA-256 in hex', () => {
    const token = generateApiToken();
    expect(hashApiToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).not.toBe(token);
  });

  it('are usable until revoked or until their expiry (exclusive)', () => {
    const expires_at = new Date(1_000_000);
    expect(apiTokenState({ expires_at, revoked_at: null }, 999_999)).toBe('active');
    expect(apiTokenState({ expires_at, revoked_at: null }, 1_000_000)).toBe('expired');
    expect(apiTokenState({ expires_at, revoked_at: new Date(5) }, 0)).toBe('revoked');
    expect(apiTokenState({ expires_at, revoked_at: new Date(5) }, 2_000_000)).toBe('revoked');
  });
});

describe.each(testEngines())('API tokens on %s', (engine) => {
  let database: TestDatabase;
  let clock = Date.UTC(2026, 0, 1);
  const now = () => clock;
  let tokens: AccessTokens;
  let keys: SigningKeys;
  const ws = 'a'.repeat(32);
  const other = 'b'.repeat(32);

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await createWorkspace(database.db, ws);
    await createWorkspace(database.db, other);
    keys = new SigningKeys(database.db, { rotateAfterMs: 30 * DAY_MS, tokenTtlMs: 3600_000, now });
    await keys.init();
    tokens = new AccessTokens(keys, 900, now);
  });
  afterAll(() => database.drop());

  async function stored(options: { workspaceId?: string; roles?: string[]; ttlMs?: number } = {}) {
    const token = generateApiToken();
    const row = await repo.insertApiToken(database.db, {
      id: randomUUID(),
      workspace_id: options.workspaceId ?? ws,
      name: 'ci',
      roles: options.roles ?? ['provider-administrator'],
      token_hash: hashApiToken(token),
      created_at: new Date(clock),
      expires_at: new Date(clock + (options.ttlMs ?? DAY_MS)),
    });
    return { token, row };
  }

  it('finds a token by its hash for the exchange, and says why one is refused', async () => {
    const { token, row } = await stored();
    expect((await verifyApiToken(database.db, token, clock)).row).toEqual(row);
    expect(await verifyApiToken(database.db, generateApiToken(), clock)).toEqual({ refusal: 'unknown' });
    expect(await verifyApiToken(database.db, 'x'.repeat(10_000), clock)).toEqual({ refusal: 'unknown' });
    expect(await verifyApiToken(database.db, 'a\u0000b', clock)).toEqual({ refusal: 'unknown' });
    expect(await verifyApiToken(database.db, token, row.expires_at.getTime())).toEqual({ refusal: 'expired' });
    expect(await repo.revokeApiToken(database.db, ws, row.id, new Date(clock))).toBe(true);
    expect(await verifyApiToken(database.db, token, clock)).toEqual({ refusal: 'revoked' });
  });

  it('revokes only within the workspace, and keeps the first revocation time', async () => {
    const { row } = await stored();
    expect(await repo.revokeApiToken(database.db, other, row.id, new Date(clock))).toBe(false);
    expect((await repo.findApiTokenById(database.db, row.id))?.revoked_at).toBeNull();
    expect(await repo.revokeApiToken(database.db, ws, row.id, new Date(clock))).toBe(true);
    expect(await repo.revokeApiToken(database.db, ws, row.id, new Date(clock + 60_000))).toBe(true);
    expect((await repo.findApiTokenById(database.db, row.id))?.revoked_at?.getTime()).toBe(clock);
    expect(await repo.revokeApiToken(database.db, ws, randomUUID(), new Date(clock))).toBe(false);
  });

  it('lists a workspace’s tokens oldest first, revoked ones included, no other workspace’s', async () => {
    const first = await stored({ workspaceId: other });
    clock += 1000;
    const second = await stored({ workspaceId: other });
    await repo.revokeApiToken(database.db, other, second.row.id, new Date(clock));
    const listed = await repo.listApiTokens(database.db, other);
    expect(listed.map((r) => r.id)).toEqual([first.row.id, second.row.id]);
    expect(listed[1]?.revoked_at).not.toBeNull();
    expect((await repo.listApiTokens(database.db, ws)).every((r) => r.workspace_id === ws)).toBe(true);
  });

  it('mints access tokens with the api_token claim and their own lifetime; client tokens are unchanged', async () => {
    const { row } = await stored();
    const minted = await tokens.issue(ws, row.id, { subject: 'api-token', ttlSeconds: API_TOKEN_ACCESS_TTL_SECONDS });
    expect(minted.expiresIn).toBe(1799);
    const claims = decodeJwt(minted.token);
    expect(claims).toMatchObject({ workspace_id: ws, sub: row.id, api_token: true, iss: 'consumo', aud: 'consumo-api' });
    expect(claims.exp! - claims.iat!).toBe(1799);
    expect(await tokens.verify(minted.token)).toEqual({ workspaceId: ws, clientId: row.id, subject: 'api-token', expiresAt: claims.exp });

    const client = await tokens.issue(ws, 'c1');
    expect(client.expiresIn).toBe(900);
    expect(Object.keys(decodeJwt(client.token))).toEqual(['workspace_id', 'iss', 'aud', 'sub', 'jti', 'iat', 'exp']);
    expect((await tokens.verify(client.token)).subject).toBe('client');
  });

  it('refuses an ID token where an access token is expected, and an api_token claim that is not true', async () => {
    const idToken = await tokens.issueIdToken(ws, 'some-token-id', { subject: 'api-token', ttlSeconds: 1799 });
    expect(decodeJwt(idToken)).toMatchObject({ aud: 'consumo-id', token_use: 'id', api_token: true, sub: 'some-token-id', workspace_id: ws });
    await expect(tokens.verify(idToken)).rejects.toThrow(InvalidTokenError);

    const { kid, privateKey } = keys.current;
    const odd = await new SignJWT({ workspace_id: ws, api_token: 'yes' })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('x')
      .setIssuedAt(Math.floor(clock / 1000))
      .setExpirationTime(Math.floor(clock / 1000) + 60)
      .sign(privateKey);
    await expect(tokens.verify(odd)).rejects.toThrow('api_token');
  });

  it('gives an API token’s principal from its row, refuses it once expired even while cached', async () => {
    const cache = new PrincipalLookup(database.db, now);
    const { row } = await stored({ roles: ['customer-billing-user'], ttlMs: 60_000 });
    const principal = await cache.apiTokenPrincipal(row.id);
    expect(principal).toMatchObject({ workspaceId: ws, roles: ['customer-billing-user'], expiresAtMs: row.expires_at.getTime() });
    expect([...principal!.permissions].sort()).toEqual(['navigator.orgs.view', 'navigator.usage-report.file']);
    clock += 59_999;
    expect(await cache.apiTokenPrincipal(row.id)).toBeDefined();
    clock += 1;
    expect(await cache.apiTokenPrincipal(row.id)).toBeUndefined();
    expect(await cache.apiTokenPrincipal(randomUUID())).toBeUndefined();
  });

  it('sees a revocation by another process at once: no cache can answer for a revoked token (ADR 0021)', async () => {
    const cache = new PrincipalLookup(database.db, now);
    const a = await stored();
    expect(await cache.apiTokenPrincipal(a.row.id)).toBeDefined();
    // Another process (here: the repository straight away) revokes it; this one asks again without the clock moving.
    await repo.revokeApiToken(database.db, ws, a.row.id, new Date(clock));
    expect(await cache.apiTokenPrincipal(a.row.id)).toBeUndefined();
  });

  it('keeps API clients and API tokens apart', async () => {
    const cache = new PrincipalLookup(database.db, now);
    const { row } = await stored();
    expect(await cache.principal(row.id)).toBeUndefined();
    expect(await cache.apiTokenPrincipal(row.id)).toBeDefined();
  });
});
