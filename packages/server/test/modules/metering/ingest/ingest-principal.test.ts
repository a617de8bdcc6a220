/**
 * ADR 0034 on usage ingest (ADR 0031): `POST /metering/v1/events` starts from the principal
 * remembered for the token and checks it inside the batch's catalog read. ADR 0021's guarantee
 * holds exactly: a deleted client or workspace, or a role change, made through another instance
 * (another connection pool, as another process has) is refused by the very next batch sent to the
 * instance that had just accepted the caller's batches — with the guard's own 401 or 403, whatever
 * the batch (valid, invalid, malformed), without spending the rate-limit budget, and without
 * writing anything: no event, no rating mark, no row of the ingest log.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type TwoDatabases, clientToken, withTwoApps, twoDatabaseVariants } from '../../../support/two-databases.js';

const variants = twoDatabaseVariants();
const BATCH = 'application/cloudevents-batch+json';

describe.each(variants)('ingest on a remembered principal, one %s database', (_name, open) => {
  let dbs: TwoDatabases;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let operator: string;
  withTwoApps(open, (apps) => ({ dbs, one, two, operator } = apps));

  const call = (app: FastifyInstance, token: string, options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });

  let sent = 0;
  /** `n` fresh events for the meter and resource of `tenant`. */
  const events = (n: number) =>
    Array.from({ length: n }, () => ({
      specversion: '1.0',
      id: `e-${++sent}`,
      source: 'urn:test',
      type: 'com.example.cu',
      subject: 'vm-1',
      time: new Date(Date.now() - 60_000).toISOString(),
      data: { cu: '0.5' },
    }));
  const send = (token: string, body: unknown) =>
    call(two, token, { method: 'POST', url: '/metering/v1/events', headers: { 'content-type': BATCH }, payload: JSON.stringify(body) });

  /** A workspace with a meter and a resource and an ingesting client, made through the first instance; its token from the second. */
  async function tenant() {
    const ws = (await call(one, operator, { method: 'POST', url: '/admin/v1/workspaces', payload: { name: 'tenant' } })).json().id as string;
    const admin = (await call(one, operator, { method: 'POST', url: `/admin/v1/workspaces/${ws}/api-clients`, payload: { name: 'admin', roles: ['metering-admin'] } })).json();
    const adminToken = await clientToken(one, admin.clientId, admin.clientSecret);
    const put = async (url: string, payload: unknown) => {
      const res = await call(one, adminToken, { method: 'PUT', url, payload: payload as InjectOptions['payload'] });
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    await put('/metering/v1/billing-accounts/ACC', { name: 'Company', currency: 'USD' });
    await put('/metering/v1/meters/cu', { eventType: 'com.example.cu', valueProperty: '$.cu', aggregation: 'SUM', consumedUnit: 'CUs' });
    await put('/metering/v1/resources/vm-1', { billingAccountId: 'ACC', name: 'vm-1', resourceType: 'VM', serviceName: 'VM', serviceCategory: 'Compute' });
    const client = (await call(one, operator, { method: 'POST', url: `/admin/v1/workspaces/${ws}/api-clients`, payload: { name: 'collector', roles: ['metering-ingester'] } })).json();
    const token = await clientToken(two, client.clientId, client.clientSecret);
    return { ws, clientId: client.clientId as string, token };
  }

  /** Two accepted batches: the second on the principal the instance remembers from the first. */
  async function accepted(token: string) {
    for (let i = 0; i < 2; i++) {
      const res = await send(token, events(3));
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ accepted: 3, duplicates: 0 });
    }
  }

  /** What the workspace holds: events, rating marks, ingest-log rows. */
  async function stored(ws: string) {
    const count = async (table: 'usage_events' | 'rating_marks' | 'ingest_batches') =>
      Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where workspace_id = ${ws}`.execute(dbs.first.db)).rows[0]!.n);
    return { events: await count('usage_events'), marks: await count('rating_marks'), batches: await count('ingest_batches') };
  }

  function expectRefused(res: Awaited<ReturnType<typeof send>>, status: 401 | 403) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ httpStatusCode: status, errorCode: status === 401 ? 'HPE_GL_ERROR_UNAUTHORIZED' : 'HPE_GL_ERROR_FORBIDDEN' });
    // Refused before the count, as when the guard reads the principal first.
    expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
  }

  /** A valid batch, a batch with an invalid event, and a body that is not a batch: each refused with `status`, nothing written. */
  async function refusedEveryWay(ws: string, token: string, status: 401 | 403) {
    const before = await stored(ws);
    expectRefused(await send(token, events(2)), status);
    expectRefused(await send(token, [...events(1), { ...events(1)[0], data: { cu: -1 } }]), status);
    expectRefused(await send(token, { not: 'a batch' }), status);
    expect(await stored(ws)).toEqual(before);
  }

  it('accepts and refuses batches as before while the principal holds', async () => {
    const { ws, token } = await tenant();
    await accepted(token);
    const bad = await send(token, [...events(1), { ...events(1)[0], subject: 'vm-unknown' }]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("No resource 'vm-unknown' in this workspace.");
    expect(await stored(ws)).toMatchObject({ events: 6, batches: 3 });
  });

  it('refuses a deleted API client by the very next batch: 401, nothing written', async () => {
    const { ws, clientId, token } = await tenant();
    await accepted(token);
    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}/api-clients/${clientId}` })).statusCode).toBe(204);
    await refusedEveryWay(ws, token, 401);
  });

  it('refuses a deleted workspace’s client by the very next batch', async () => {
    const { ws, token } = await tenant();
    await accepted(token);
    expect((await call(one, operator, { method: 'DELETE', url: `/admin/v1/workspaces/${ws}` })).statusCode).toBe(204);
    expectRefused(await send(token, events(2)), 401);
  });

  it('follows a role change made in another connection by the very next batch, in both directions', async () => {
    const { ws, clientId, token } = await tenant();
    await accepted(token);
    const remaining = Number((await send(token, events(1))).headers['x-ratelimit-remaining']);

    await sql`update api_clients set roles = '{cost-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    await refusedEveryWay(ws, token, 403);

    await sql`update api_clients set roles = '{metering-ingester}' where id = ${clientId}`.execute(dbs.first.db);
    const back = await send(token, events(2));
    expect(back.statusCode, back.body).toBe(202);
    // The refused batches were taken back: this is the next count after the last allowed one.
    expect(Number(back.headers['x-ratelimit-remaining'])).toBe(remaining - 1);

    // A change that still grants the permission: the batch is accepted, never refused by the failed check.
    await sql`update api_clients set roles = '{metering-ingester,cost-viewer}' where id = ${clientId}`.execute(dbs.first.db);
    const widened = await send(token, events(2));
    expect(widened.statusCode, widened.body).toBe(202);
    expect(widened.json()).toEqual({ accepted: 2, duplicates: 0 });
  });
});
