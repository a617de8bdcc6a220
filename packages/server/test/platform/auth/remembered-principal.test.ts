/**
 * ADR 0034: `GET /flex/v1beta1/devices/{id}` starts from the principal remembered for the token
 * and checks it inside the device's own statement. ADR 0021's guarantee must hold exactly: a
 * deletion, revocation or role change made through another instance (another connection pool, as
 * another process has) is refused by the very next request to the instance that had just answered
 * for the token — with the guard's own 401 or 403, whatever the request (an existing device, an
 * unknown one, a malformed id), and without spending the workspace's rate-limit budget.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEVICE_IDS, insertFlexFixtures } from '../../support/flex-fixtures.js';
import { type TwoDatabases, clientToken, withTwoApps, twoDatabaseVariants } from '../../support/two-databases.js';

const variants = twoDatabaseVariants();

const DEVICE = DEVICE_IDS[0]!;
const UNKNOWN = 'aaaaaaaa-0000-4000-8000-0000000000ff';

describe.each(variants)('a remembered principal on one %s database', (_name, open) => {
  let dbs: TwoDatabases;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let operator: string;

  withTwoApps(open, (apps) => ({ dbs, one, two, operator } = apps));

  const call = (app: FastifyInstance, token: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  const device = (token: string, id = DEVICE) => call(two, token, { method: 'GET', url: `/flex/v1beta1/devices/${id}` });

  /** A workspace with Flex devices and a client in it, made through the first instance; its token from the second, which has answered for it twice. */
  async function tenant(roles: string[]) {
    const ws = (await call(one, operator, { method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'tenant' } })).json().id as string;
    const client = (await call(one, operator, { method: 'POST', url: `/admin/v1/workspaces/${ws}/api-clients`, payload: { name: 'c', roles } })).json();
    await insertFlexFixtures(dbs.first.db, ws);
    const token = await clientToken(two, client.clientId, client.clientSecret);
    return { ws, clientId: client.clientId as string, token };
  }

  async function answered(token: string) {
    for (let i = 0; i < 2; i++) {
      const res = await device(token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().id).toBe(DEVICE);
    }
  }

  function expectRefused(res: Awaited<ReturnType<typeof device>>, status: 401 | 403) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ httpStatusCode: status, errorCode: status === 401 ? 'HPE_GL_ERROR_UNAUTHORIZED' : 'HPE_GL_ERROR_FORBIDDEN' });
    // Refused before the count, as when the guard reads the principal first.
    expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
  }

  it('answers the device, an unknown device and a malformed id as before while the principal holds', async () => {
    const { token } = await tenant(['flex-viewer']);
    await answered(token);
    expect((await device(token, UNKNOWN)).statusCode).toBe(404);
    expect((await device(token, 'not-a-uuid')).statusCode).toBe(400);
    expect((await device(token)).json().id).toBe(DEVICE);
  });

  it('refuses a deleted API client by the very next request: 401 for a device, an unknown one and a malformed id', async () => {
    const { ws, clientId, token } = await tenant(['flex-viewer']);
    await answered(token);
    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-clients/${clientId}` })).statusCode).toBe(204);
    expectRefused(await device(token), 401);
    expectRefused(await device(token, UNKNOWN), 401);
    expectRefused(await device(token, 'not-a-uuid'), 401);
  });

  it('refuses a deleted workspace’s client by the very next request', async () => {
    const { ws, token } = await tenant(['flex-viewer']);
    await answered(token);
    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}` })).statusCode).toBe(204);
    expectRefused(await device(token), 401);
  });

  it('follows a role change made in another connection by the very next request, in both directions', async () => {
    const { clientId, token } = await tenant(['flex-viewer']);
    await answered(token);
    const remaining = Number((await device(token)).headers['x-ratelimit-remaining']);

    await sql`update api_clients set roles = '{metering-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    const forbidden = await device(token);
    expectRefused(forbidden, 403);
    expectRefused(await device(token, 'not-a-uuid'), 403);

    await sql`update api_clients set roles = '{flex-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    const back = await device(token);
    expect(back.statusCode, back.body).toBe(200);
    // The refused requests were taken back: this is the next count after the last allowed one.
    expect(Number(back.headers['x-ratelimit-remaining'])).toBe(remaining - 1);

    // A change that still grants the permission: the device, never a 404 from the failed check.
    await sql`update api_clients set roles = '{flex-viewer,metering-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    const widened = await device(token);
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json().id).toBe(DEVICE);
  });

  it('answers concurrent look-ups (one statement, ADR 0035) each with its own device, and refuses them all alike after a role change', async () => {
    const { clientId, token } = await tenant(['flex-viewer']);
    await answered(token);
    const ids = [...DEVICE_IDS, UNKNOWN];
    const together = await Promise.all(ids.map((id) => device(token, id)));
    expect(together.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 404]);
    expect(together.slice(0, 4).map((r) => r.json().id)).toEqual(DEVICE_IDS);
    const remaining = Math.min(...together.map((r) => Number(r.headers['x-ratelimit-remaining'])));

    await sql`update api_clients set roles = '{metering-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    for (const res of await Promise.all(ids.map((id) => device(token, id)))) expectRefused(res, 403);

    await sql`update api_clients set roles = '{flex-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    const back = await device(token);
    expect(back.statusCode, back.body).toBe(200);
    // None of the refused requests spent the budget.
    expect(Number(back.headers['x-ratelimit-remaining'])).toBe(remaining - 1);
  });

  it('refuses a revoked API token by the very next request, and a workspace API token’s role change', async () => {
    const { ws } = await tenant([]);
    const created = await call(one, operator, { method: 'POST', url: `/admin/v1/workspaces/${ws}/api-tokens`, payload: { name: 'ci', roles: ['flex-viewer'] } });
    expect(created.statusCode, created.body).toBe(201);
    const exchange = async () => {
      const exchanged = await two.inject({
        method: 'POST',
        url: '/csp/gateway/am/api/auth/api-tokens/authorize',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ api_token: created.json().token }).toString(),
      });
      expect(exchanged.statusCode, exchanged.body).toBe(200);
      return exchanged.json().access_token as string;
    };
    const access = await exchange();
    await answered(access);
    await sql`update workspace_api_tokens set roles = '{}' where id = ${created.json().id}`.execute(dbs.first.db);
    expectRefused(await device(access), 403);
    await sql`update workspace_api_tokens set roles = '{flex-viewer}' where id = ${created.json().id}`.execute(dbs.first.db);
    await answered(access);

    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-tokens/${created.json().id}` })).statusCode).toBe(204);
    expectRefused(await device(access), 401);
    expectRefused(await device(access, UNKNOWN), 401);
  });
});
