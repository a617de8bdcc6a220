/**
 * Issue 15 point 3: subscription operations under 20-way races. Twenty claims of one key (from one
 * workspace, and from two) leave exactly one subscription holding it, the other operations FAILED
 * with the reason ADR 0009/0011 give; twenty tag patches of different keys on one subscription
 * merge (the documented contract is a JSON merge patch, no If-Match), so none is lost.
 * The requests race through HTTP and the operations' jobs race too: 20 job runs at a time.
 */
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { addKeys, freshKeys, settle } from '../../../support/subscription-fixtures.js';

const RACERS = 20;

interface OperationResult {
  succeededSubscriptions: { key?: string; id?: string }[];
  failedSubscriptions: { key?: string; id?: string; reason: string; message: string }[];
}
interface Operation {
  status: string;
  result: OperationResult;
  error?: { httpStatusCode: number; errorCode: string };
}

describe.each(testEngines())('subscription operations under 20-way races (%s)', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    t = app;
  });

  /** Runs the due jobs 20 at a time (as 20 worker slots would) until none is left. */
  async function raceJobs(): Promise<void> {
    for (;;) {
      const ran = await Promise.all(Array.from({ length: RACERS }, () => t.jobs.runOnce()));
      if (!ran.includes(true)) return;
    }
  }

  const read = async (id: string, token: string): Promise<Operation> => {
    const res = await t.call({ method: 'GET', url: `/subscriptions/v1/async-operations/${id}`, token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Operation;
  };

  /** The workspace's subscriptions holding `key`, as the list API answers them. */
  const holdersIn = async (key: string, token: string) => {
    const res = await t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions?filter=${encodeURIComponent(`key eq '${key}'`)}`, token });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string; key: string }[]).map((s) => ({ id: s.id, key: s.key }));
  };

  /** Fires the claims (one per token) at once, checks every one is accepted, then races their jobs; the operations as read back. */
  async function raceClaims(key: string, tokens: string[]): Promise<Operation[]> {
    const accepted = await Promise.all(tokens.map((token) => addKeys(t, [key], { token })));
    expect(accepted.map((a) => a.status)).toEqual(tokens.map(() => 202));
    await raceJobs();
    return Promise.all(accepted.map((a, i) => read(a.id, tokens[i]!)));
  }

  const expectFailedWith = (op: Operation, key: string, reason: string) => {
    expect(op.status).toBe('FAILED');
    expect(op.error).toMatchObject({ httpStatusCode: 422, errorCode: 'HPE_GL_UNPROCESSABLE_CONTENT' });
    expect(op.result.succeededSubscriptions).toEqual([]);
    expect(op.result.failedSubscriptions).toEqual([{ key, reason, message: expect.any(String) }]);
  };

  it('lets exactly one of 20 concurrent claims of a key from one workspace succeed; 19 end FAILED, KEY_ALREADY_IN_WORKSPACE', async () => {
    const ws = await t.tenant(['subscriptions-editor'], 'claims-one');
    const [key] = await freshKeys(t, 1);
    const ops = await raceClaims(key!, Array.from({ length: RACERS }, () => ws.token));

    const winners = ops.filter((op) => op.status === 'SUCCEEDED');
    expect(winners).toHaveLength(1);
    expect(winners[0]!.result.failedSubscriptions).toEqual([]);
    const [claimed] = winners[0]!.result.succeededSubscriptions;
    expect(claimed).toEqual({ key, id: expect.any(String) });
    for (const op of ops.filter((o) => o !== winners[0])) expectFailedWith(op, key!, 'KEY_ALREADY_IN_WORKSPACE');

    expect(await holdersIn(key!, ws.token)).toEqual([claimed]);
  });

  it('lets exactly one of 20 concurrent claims of a key from two workspaces succeed; the other workspace holds nothing', async () => {
    const a = await t.tenant(['subscriptions-editor'], 'claims-a');
    const b = await t.tenant(['subscriptions-editor'], 'claims-b');
    const [key] = await freshKeys(t, 1);
    const tokens = Array.from({ length: RACERS }, (_, i) => (i % 2 === 0 ? a.token : b.token));
    const ops = await raceClaims(key!, tokens);

    const winnerIndexes = ops.flatMap((op, i) => (op.status === 'SUCCEEDED' ? [i] : []));
    expect(winnerIndexes).toHaveLength(1);
    const winnerToken = tokens[winnerIndexes[0]!]!;
    const loserToken = winnerToken === a.token ? b.token : a.token;
    const [claimed] = ops[winnerIndexes[0]!]!.result.succeededSubscriptions;
    expect(claimed).toEqual({ key, id: expect.any(String) });
    ops.forEach((op, i) => {
      if (i === winnerIndexes[0]) return;
      expectFailedWith(op, key!, tokens[i] === winnerToken ? 'KEY_ALREADY_IN_WORKSPACE' : 'KEY_CLAIMED_BY_ANOTHER_WORKSPACE');
    });

    expect(await holdersIn(key!, winnerToken)).toEqual([claimed]);
    expect(await holdersIn(key!, loserToken)).toEqual([]);
    // The subscription is the winner's: the other workspace cannot even read it.
    const catalog = await t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions/${claimed!.id}`, token: loserToken });
    expect(catalog.statusCode).toBe(404);
  });

  it('applies all of 20 concurrent tag patches of different keys on one subscription: none is lost', async () => {
    const ws = await t.tenant(['subscriptions-editor'], 'tag-race');
    const [key] = await freshKeys(t, 1);
    const add = await settle(t, (await addKeys(t, [key!], { token: ws.token, tags: { Base: 'kept' } })).id, ws.token);
    const id = (add.result as OperationResult).succeededSubscriptions[0]!.id!;

    const patches = Array.from({ length: RACERS }, (_, i) => ({ [`race-${i}`]: `value ${i}` }));
    const accepted = await Promise.all(
      patches.map((tags) =>
        t.call({
          method: 'PATCH',
          url: `/subscriptions/v1/subscriptions?id=${id}`,
          token: ws.token,
          headers: { 'content-type': 'application/merge-patch+json' },
          payload: JSON.stringify({ tags }),
        }),
      ),
    );
    expect(accepted.map((r) => r.statusCode)).toEqual(patches.map(() => 202));
    await raceJobs();

    const ops = await Promise.all(accepted.map((r) => read(r.json().transactionId, ws.token)));
    for (const op of ops) {
      expect(op.status).toBe('SUCCEEDED');
      expect(op.result.succeededSubscriptions).toEqual([{ key, id }]);
      expect(op.result.failedSubscriptions).toEqual([]);
    }
    const stored = await t.call({ method: 'GET', url: `/subscriptions/v1/subscriptions/${id}`, token: ws.token });
    expect(stored.statusCode).toBe(200);
    expect(stored.json().tags).toEqual(Object.assign({ Base: 'kept' }, ...patches));
  });
});
