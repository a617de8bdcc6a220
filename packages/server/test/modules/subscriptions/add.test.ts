/** POST /subscriptions/v1/subscriptions: validation, the 202, per-key results, dry-run. */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { addKeys, freshKeys, keyRow, issueKeys, settle } from '../../support/subscription-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testEngines())('add subscriptions (%s)', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    // Lifted limits: these tests are about behaviour, one file-wide budget of 4/min would not do.
    t = app;
  });

  const countSubscriptions = async (key: string) =>
    Number((await t.db.selectFrom('subscriptions').select((eb) => eb.fn.countAll().as('n')).where('key', '=', key).executeTakeFirstOrThrow()).n);

  it('answers 202 with the GreenLake body and a Location whose id is the transactionId', async () => {
    const [key] = await freshKeys(t, 1);
    const res = await addKeys(t, [key!]);
    expect(res.status).toBe(202);
    expect(Object.keys(res.body)).toEqual(['code', 'status', 'transactionId']);
    expect(res.body.code).toBe(202);
    expect(res.body.status).toBe('202 ACCEPTED');
    expect(res.id).toMatch(UUID);
    expect(res.location).toBe(`/subscriptions/v1/async-operations/${res.id}`);
  });

  it('refuses a NUL character or a lone surrogate in a key or a tag with a 400 naming the field (issue 15)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ subscriptions: [{ key: 'KEY\u0000' }] }, 'subscriptions[0].key'],
      [{ subscriptions: [{ key: 'K1' }, { key: 'K2', tags: { city: 'Lon\u0000don' } }] }, 'subscriptions[1].tags.city'],
      [{ subscriptions: [{ key: 'K1', tags: { 'ci\u0000ty': 'London' } }] }, 'subscriptions[0].tags.ci\\u0000ty'],
      [{ subscriptions: [{ key: 'K\ud800' }] }, 'subscriptions[0].key'],
    ];
    for (const [payload, subject] of cases) {
      for (const url of ['/subscriptions/v1/subscriptions', '/subscriptions/v1/subscriptions?dry-run=true']) {
        const res = await t.call({ method: 'POST', url, payload });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().errorDetails[0].issues).toEqual([{ source: 'field', subject, description: expect.stringMatching(/NUL|surrogate/) }]);
      }
    }
  });

  it('claims the key into the workspace as a subscription with its catalog data and tags', async () => {
    const [key] = await freshKeys(t, 1, { quantity: 25, sku: 'SKU-CLAIM' });
    const res = await addKeys(t, [key!], { tags: { Location: 'San Jose', Floor: '', Drop: null } });
    const op = await settle(t, res.id);
    expect(op.status).toBe('SUCCEEDED');
    expect(op.progressPercent).toBe(100);
    const result = op.result as { succeededSubscriptions: { key: string; id: string }[]; failedSubscriptions: unknown[] };
    expect(result.failedSubscriptions).toEqual([]);
    expect(result.succeededSubscriptions).toEqual([{ key, id: expect.stringMatching(UUID) }]);
    const got = await t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions/${result.succeededSubscriptions[0]!.id}` });
    expect(got.statusCode).toBe(200);
    const sub = got.json();
    expect(sub).toMatchObject({
      type: 'subscriptions/subscription',
      key,
      sku: 'SKU-CLAIM',
      quantity: '25',
      availableQuantity: '25',
      subscriptionStatus: 'STARTED',
      tags: { Location: 'San Jose', Floor: '' },
    });
    expect(sub.tags).not.toHaveProperty('Drop');
  });

  it('fails unknown, foreign and expired keys in the result while the others of the request succeed', async () => {
    const [good, foreign] = await freshKeys(t, 2);
    const [expired] = await issueKeys(t.db, [
      keyRow(t.now(), { start_time: new Date(t.now() - 400 * 86_400_000), end_time: new Date(t.now() - 86_400_000) }),
    ]);
    const other = await t.tenant(['subscriptions-editor'], 'other');
    const first = await addKeys(t, [foreign!], { token: other.token });
    expect((await settle(t, first.id, other.token)).status).toBe('SUCCEEDED');

    const res = await addKeys(t, ['NO-SUCH-KEY', foreign!, expired!, good!]);
    const op = await settle(t, res.id);
    expect(op.status).toBe('SUCCEEDED');
    const result = op.result as { succeededSubscriptions: { key: string }[]; failedSubscriptions: { key: string; reason: string; message: string }[] };
    expect(result.succeededSubscriptions.map((s) => s.key)).toEqual([good]);
    expect(result.failedSubscriptions.map((f) => [f.key, f.reason])).toEqual([
      ['NO-SUCH-KEY', 'KEY_NOT_FOUND'],
      [foreign, 'KEY_CLAIMED_BY_ANOTHER_WORKSPACE'],
      [expired, 'KEY_EXPIRED'],
    ]);
    for (const f of result.failedSubscriptions) expect(f.message.length).toBeGreaterThan(10);
    expect(await countSubscriptions(foreign!)).toBe(1);
    expect(await countSubscriptions(expired!)).toBe(0);
  });

  it('ends FAILED, with a GreenLake error, when no key could be added', async () => {
    const res = await addKeys(t, ['MISSING-1', 'MISSING-2']);
    const op = await settle(t, res.id);
    expect(op.status).toBe('FAILED');
    expect(op.endedAt).toEqual(expect.any(String));
    expect(op.error).toMatchObject({ httpStatusCode: 422, errorCode: 'HPE_GL_UNPROCESSABLE_CONTENT', debugId: res.id });
  });

  it('reports a key this workspace already holds', async () => {
    const [key] = await freshKeys(t, 1);
    await settle(t, (await addKeys(t, [key!])).id);
    const op = await settle(t, (await addKeys(t, [key!])).id);
    expect((op.result as { failedSubscriptions: { reason: string }[] }).failedSubscriptions[0]!.reason).toBe('KEY_ALREADY_IN_WORKSPACE');
    expect(await countSubscriptions(key!)).toBe(1);
  });

  it.each([
    ['no keys', { subscriptions: [] }, 'subscriptions'],
    ['six keys', { subscriptions: ['A', 'B', 'C', 'D', 'E', 'F'].map((key) => ({ key })) }, 'subscriptions'],
    ['an empty key', { subscriptions: [{ key: 'A' }, { key: '  ' }] }, 'subscriptions[1].key'],
    ['a duplicate key', { subscriptions: [{ key: 'A' }, { key: 'A' }] }, 'subscriptions[1].key'],
    ['a tag key with a bad character', { subscriptions: [{ key: 'A', tags: { 'city#': 'x' } }] }, 'subscriptions[0].tags.city#'],
    ['a tag key of 129 characters', { subscriptions: [{ key: 'A', tags: { ['k'.repeat(129)]: 'x' } }] }, `subscriptions[0].tags.${'k'.repeat(129)}`],
    ['a tag value of 257 characters', { subscriptions: [{ key: 'A', tags: { city: 'v'.repeat(257) } }] }, 'subscriptions[0].tags.city'],
    ['51 tags', { subscriptions: [{ key: 'A', tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'])) }] }, 'subscriptions[0].tags'],
    ['tag keys equal but for case', { subscriptions: [{ key: 'A', tags: { Location: 'a', LOCATION: 'b' } }] }, 'subscriptions[0].tags.LOCATION'],
    ['no subscriptions property', {}, 'subscriptions'],
    ['a key that is not a string', { subscriptions: [{ key: 5 }] }, 'subscriptions[0].key'],
  ])('400 for %s, naming %s', async (_name, payload, subject) => {
    const before = await t.db.selectFrom('async_operations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await t.call({ method: 'POST', url: '/subscriptions/v1/subscriptions', payload });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
    const subjects = body.errorDetails[0].issues.map((i: { subject: string }) => i.subject);
    expect(subjects).toContain(subject);
    const after = await t.db.selectFrom('async_operations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('says "Parameter key is empty." for an empty key, as the spec does', async () => {
    const res = await t.call({ method: 'POST', url: '/subscriptions/v1/subscriptions', payload: { subscriptions: [{ key: '' }] } });
    expect(res.json().errorDetails[0].issues).toEqual([{ source: 'field', subject: 'subscriptions[0].key', description: 'Parameter key is empty.' }]);
  });

  it('accepts letters of any script, digits, spaces and _ . : = + - @ in tags', async () => {
    const [key] = await freshKeys(t, 1);
    const res = await addKeys(t, [key!], { tags: { 'Zürich Büro_1.a:b=c+d-e@f': 'Ünïcödé 東京 value' } });
    expect(res.status).toBe(202);
  });

  describe('dry-run', () => {
    it('answers as a real request, reports what would happen, and changes nothing', async () => {
      const [key] = await freshKeys(t, 1);
      const res = await addKeys(t, [key!, 'NOT-ISSUED'], { dryRun: true });
      expect(res.status).toBe(202);
      expect(Object.keys(res.body)).toEqual(['code', 'status', 'transactionId']);
      expect(res.location).toBe(`/subscriptions/v1/async-operations/${res.id}`);
      const op = await settle(t, res.id);
      expect(op.status).toBe('SUCCEEDED');
      expect(op.result).toEqual({
        dryRun: true,
        succeededSubscriptions: [{ key }],
        failedSubscriptions: [{ key: 'NOT-ISSUED', reason: 'KEY_NOT_FOUND', message: expect.any(String) }],
      });
      expect(await countSubscriptions(key!)).toBe(0);
      // The key is still free: a real request claims it.
      const real = await settle(t, (await addKeys(t, [key!])).id);
      expect((real.result as { succeededSubscriptions: unknown[] }).succeededSubscriptions).toHaveLength(1);
    });

    it('validates fully: a dry run of a bad request is the same 400', async () => {
      const res = await t.call({ method: 'POST', url: '/subscriptions/v1/subscriptions?dry-run=true', payload: { subscriptions: [] } });
      expect(res.statusCode).toBe(400);
    });
  });

  it('needs the edit permission: a viewer gets 403, a client without token 401', async () => {
    const viewer = await t.tenant(['subscriptions-viewer'], 'viewer');
    const res = await t.call({ method: 'POST', url: '/subscriptions/v1/subscriptions', token: viewer.token, payload: { subscriptions: [{ key: 'A' }] } });
    expect(res.statusCode).toBe(403);
    const anon = await t.call({ method: 'POST', url: '/subscriptions/v1/subscriptions', token: null, payload: { subscriptions: [{ key: 'A' }] } });
    expect(anon.statusCode).toBe(401);
  });
});
