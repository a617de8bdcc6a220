/**
 * Deleted means gone in every process (issue 15 point 2, ADR 0021): two app instances on one
 * database — two server processes — and a deletion or revocation made through the first is
 * refused by the very next request to the second, whose credential lookups had just answered for
 * the same token (a cache there would still say yes). On PGlite the two instances share the one
 * embedded database; on PostgreSQL each has its own connection pool, as two processes do.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientToken, withTwoApps, twoDatabaseVariants } from '../../support/two-databases.js';

const postgresUrl = process.env.CONSUMO_TEST_DATABASE_URL;
if (!postgresUrl) {
  console.warn('[skip] revocation across two app instances on one PostgreSQL database: CONSUMO_TEST_DATABASE_URL is not set (the PGlite variant runs).');
}

const variants = twoDatabaseVariants();

describe.each(variants)('two app instances on one %s database', (_name, open) => {
  let one: FastifyInstance;
  let two: FastifyInstance;
  let operator: string;

  withTwoApps(open, (apps) => ({ one, two, operator } = apps));

  const call = (app: FastifyInstance, token: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });

  /** A workspace and a client in it, made through the first instance, with a token from the second. */
  async function tenant(roles: string[]) {
    const ws = (await call(one, operator, { method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'tenant' } })).json().id as string;
    const client = (await call(one, operator, { method: 'POST', url: `/admin/v1/workspaces/${ws}/api-clients`, payload: { name: 'c', roles } })).json();
    return { ws, clientId: client.clientId as string, token: await clientToken(two, client.clientId, client.clientSecret) };
  }

  it('refuses a deleted workspace’s token in the other instance by the very next request: 401, never 5xx or 200', async () => {
    const { ws, token } = await tenant(['metering-admin']);
    // The second instance has just answered for this token.
    expect((await call(two, token, { method: 'GET', url: '/metering/v1/meters' })).statusCode).toBe(200);
    expect((await call(two, token, { method: 'PUT', url: '/metering/v1/billing-accounts/BA-1', payload: { name: 'one' } })).statusCode).toBe(201);

    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}` })).statusCode).toBe(204);

    const meters = await call(two, token, { method: 'GET', url: '/metering/v1/meters' });
    expect(meters.statusCode, meters.body).toBe(401);
    const account = await call(two, token, { method: 'PUT', url: '/metering/v1/billing-accounts/BA-2', payload: { name: 'two' } });
    expect(account.statusCode, account.body).toBe(401);
    expect(account.json()).toMatchObject({ httpStatusCode: 401, errorCode: 'HPE_GL_ERROR_UNAUTHORIZED' });
  });

  it('refuses a deleted API client’s token in the other instance by the very next request', async () => {
    const { ws, clientId, token } = await tenant(['flex-viewer']);
    expect((await call(two, token, { method: 'GET', url: '/flex/v1beta1/devices' })).statusCode).toBe(200);
    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-clients/${clientId}` })).statusCode).toBe(204);
    expect((await call(two, token, { method: 'GET', url: '/flex/v1beta1/devices' })).statusCode).toBe(401);
  });

  it('refuses a revoked API token’s access token in the other instance by the very next request', async () => {
    const { ws } = await tenant([]);
    const created = await call(one, operator, { method: 'POST', url: `/admin/v1/workspaces/${ws}/api-tokens`, payload: { name: 'ci', roles: ['flex-viewer'] } });
    expect(created.statusCode, created.body).toBe(201);
    const exchanged = await two.inject({
      method: 'POST',
      url: '/csp/gateway/am/api/auth/api-tokens/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_token: created.json().token }).toString(),
    });
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    const access = exchanged.json().access_token as string;
    expect((await call(two, access, { method: 'GET', url: '/flex/v1beta1/devices' })).statusCode).toBe(200);
    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${created.json().id}` })).statusCode).toBe(204);
    expect((await call(two, access, { method: 'GET', url: '/flex/v1beta1/devices' })).statusCode).toBe(401);
  });
});
