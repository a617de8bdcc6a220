/** PATCH /subscriptions/v1/subscriptions?id=…: merge-patch of tags, case rules, per-subscription results, dry-run. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { addKeys, freshKeys, settle } from '../../support/subscription-fixtures.js';

interface OperationResult {
  dryRun?: boolean;
  succeededSubscriptions: { key?: string; id?: string }[];
  failedSubscriptions: { key?: string; id?: string; reason: string; message: string }[];
}

describe.each(testEngines())('update subscription tags (%s)', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    t = app;
  });

  /** Claims n fresh keys with the given tags; returns their subscription ids in key order. */
  async function subscriptions(n: number, tags: Record<string, string>, token?: string): Promise<{ id: string; key: string }[]> {
    const keys = await freshKeys(t, n);
    const op = await settle(t, (await addKeys(t, keys, { tags, ...(token && { token }) })).id, token);
    return (op.result as OperationResult).succeededSubscriptions.map((s) => ({ id: s.id!, key: s.key! }));
  }

  const patch = (ids: string[], tags: Record<string, string | null>, options: { dryRun?: boolean; token?: string; contentType?: string } = {}) =>
    t.call({
      method: 'PATCH',
      url: `/subscriptions/v1/subscriptions?${ids.map((id) => `id=${id}`).join('&')}${options.dryRun ? '&dry-run=true' : ''}`,
      headers: { 'content-type': options.contentType ?? 'application/merge-patch+json' },
      payload: JSON.stringify({ tags }),
      ...(options.token && { token: options.token }),
    });

  /** A PATCH with the given query and body as sent, merge-patch unless another content type is given. */
  const patchRaw = (query: string, payload: string, contentType = 'application/merge-patch+json') =>
    t.call({ method: 'PATCH', url: `/subscriptions/v1/subscriptions${query}`, headers: { 'content-type': contentType }, payload });

  const tagsOf = async (id: string) => (await t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions/${id}` })).json().tags as Record<string, string>;

  it('adds new keys, updates changed values and removes null ones, on every listed subscription', async () => {
    const subs = await subscriptions(2, { Location: 'San Jose', Keep: 'yes', Drop: 'x' });
    const res = await patch(
      subs.map((s) => s.id),
      { Location: 'Austin', 'purchase month': 'April 2023', Drop: null },
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ code: 202, status: '202 ACCEPTED', transactionId: expect.any(String) });
    expect(res.headers.location).toBe(`/subscriptions/v1/async-operations/${res.json().transactionId}`);
    const op = await settle(t, res.json().transactionId);
    expect(op.status).toBe('SUCCEEDED');
    expect(op.resultType).toBe('patchSubscriptionsResponse');
    expect((op.result as OperationResult).succeededSubscriptions).toEqual(subs.map((s) => ({ key: s.key, id: s.id })));
    for (const s of subs) expect(await tagsOf(s.id)).toEqual({ Location: 'Austin', Keep: 'yes', 'purchase month': 'April 2023' });
  });

  it('compares tag keys without case: adding Location beside LOCATION fails for that subscription only', async () => {
    const [upper] = await subscriptions(1, { LOCATION: 'Lab' });
    const [plain] = await subscriptions(1, { Other: '1' });
    const op = await settle(t, (await patch([upper!.id, plain!.id], { Location: 'Austin' })).json().transactionId);
    const result = op.result as OperationResult;
    expect(op.status).toBe('SUCCEEDED');
    expect(result.failedSubscriptions).toEqual([{ key: upper!.key, id: upper!.id, reason: 'TAG_KEY_CASE_CONFLICT', message: expect.stringContaining('LOCATION') }]);
    expect(result.succeededSubscriptions).toEqual([{ key: plain!.key, id: plain!.id }]);
    expect(await tagsOf(upper!.id)).toEqual({ LOCATION: 'Lab' });
    // Case is preserved on store.
    expect(await tagsOf(plain!.id)).toEqual({ Other: '1', Location: 'Austin' });
  });

  it('updates a key sent with the stored spelling, and removes a tag whatever the case of the null key', async () => {
    const [s] = await subscriptions(1, { LOCATION: 'Lab', CostCenter: 'CC-1' });
    await settle(t, (await patch([s!.id], { LOCATION: 'Office', costcenter: null })).json().transactionId);
    expect(await tagsOf(s!.id)).toEqual({ LOCATION: 'Office' });
  });

  it('fails unknown and foreign ids in the result; the workspace of the caller alone is touched', async () => {
    const other = await t.tenant(['subscriptions-editor'], 'other');
    const [foreign] = await subscriptions(1, { Team: 'theirs' }, other.token);
    const [mine] = await subscriptions(1, { Team: 'mine' });
    const unknown = randomUUID();
    const op = await settle(t, (await patch([unknown, foreign!.id, mine!.id], { Team: 'changed' })).json().transactionId);
    const result = op.result as OperationResult;
    expect(result.failedSubscriptions.map((f) => [f.id, f.reason])).toEqual([
      [unknown, 'SUBSCRIPTION_NOT_FOUND'],
      [foreign!.id, 'SUBSCRIPTION_NOT_FOUND'],
    ]);
    // A foreign subscription is reported like an unknown one: its key is not revealed.
    expect(result.failedSubscriptions[1]).not.toHaveProperty('key');
    expect(result.succeededSubscriptions).toEqual([{ key: mine!.key, id: mine!.id }]);
    const theirs = await t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions/${foreign!.id}`, token: other.token });
    expect(theirs.json().tags).toEqual({ Team: 'theirs' });
  });

  it('refuses more than 50 tags after the merge, for that subscription', async () => {
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, 'v']));
    const [s] = await subscriptions(1, many);
    const op = await settle(t, (await patch([s!.id], { extra1: 'a', extra2: 'b' })).json().transactionId);
    expect(op.status).toBe('FAILED');
    expect((op.result as OperationResult).failedSubscriptions[0]!.reason).toBe('TOO_MANY_TAGS');
    expect(Object.keys(await tagsOf(s!.id))).toHaveLength(49);
  });

  it('takes ids repeated or as a comma list', async () => {
    const subs = await subscriptions(2, {});
    const res = await t.call({
      method: 'PATCH',
      url: `/subscriptions/v1/subscriptions?id=${subs[0]!.id},${subs[1]!.id}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ tags: { Zone: 'A' } }),
    });
    expect(res.statusCode).toBe(202);
    await settle(t, res.json().transactionId);
    for (const s of subs) expect(await tagsOf(s.id)).toEqual({ Zone: 'A' });
  });

  it('dry-run reports per subscription what would happen and changes nothing', async () => {
    const [a] = await subscriptions(1, { LOCATION: 'Lab' });
    const [b] = await subscriptions(1, { Zone: 'A' });
    const res = await patch([a!.id, b!.id], { Location: 'X', Zone: null }, { dryRun: true });
    expect(res.statusCode).toBe(202);
    const op = await settle(t, res.json().transactionId);
    expect(op.result).toEqual({
      dryRun: true,
      succeededSubscriptions: [{ key: b!.key, id: b!.id }],
      failedSubscriptions: [{ key: a!.key, id: a!.id, reason: 'TAG_KEY_CASE_CONFLICT', message: expect.any(String) }],
    });
    expect(await tagsOf(a!.id)).toEqual({ LOCATION: 'Lab' });
    expect(await tagsOf(b!.id)).toEqual({ Zone: 'A' });
  });

  it.each([
    ['no id', '', { tags: { a: 'b' } }, 'id', 'query.parameter'],
    ['an id that is not a UUID', '?id=nope', { tags: { a: 'b' } }, 'id', 'query.parameter'],
    ['the same id twice', `?id=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}&id=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { tags: { a: 'b' } }, 'id', 'query.parameter'],
    ['no tags property', `?id=${randomUUID()}`, {}, 'tags', 'field'],
    ['empty tags', `?id=${randomUUID()}`, { tags: {} }, 'tags', 'field'],
    ['a bad tag character', `?id=${randomUUID()}`, { tags: { 'a/b': 'c' } }, 'tags.a/b', 'field'],
    ['tags that is not an object', `?id=${randomUUID()}`, { tags: 'x' }, 'tags', 'field'],
  ])('400 for %s', async (_name, query, body, subject, source) => {
    const res = await patchRaw(query, JSON.stringify(body));
    expect(res.statusCode).toBe(400);
    expect(res.json().errorDetails[0].issues).toContainEqual(expect.objectContaining({ source, subject }));
  });

  it('415 for a text/plain body', async () => {
    const res = await patchRaw(`?id=${randomUUID()}`, 'tags', 'text/plain');
    expect(res.statusCode).toBe(415);
  });

  it('400 for malformed merge-patch JSON, in the GreenLake envelope', async () => {
    const res = await patchRaw(`?id=${randomUUID()}`, '{"tags": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().errorCode).toBe('HPE_GL_ERROR_BAD_REQUEST');
  });
});
