/**
 * coalesced: reads of one turn of the event loop share a statement; a read never joins a statement
 * that was already sent (nothing is cached), nor one for other values.
 */
import { describe, expect, it } from 'vitest';
import { MAX_COALESCED_KEYS, MAX_LANE_WAIT_MS, coalesced } from '../../src/storage/coalesced-reads.js';
import type { Executor } from '../../src/storage/database.js';

interface Row {
  key: string;
  from: string;
}

/** A fake database: records each statement; `hold` keeps them pending until released. */
function recorder(options: { hold?: boolean; fail?: Error } = {}) {
  const statements: { kind: 'one' | 'many'; values: { scope: object; text: string }; keys: string[]; release: () => void }[] = [];
  const run = (kind: 'one' | 'many', values: { scope: object; text: string }, keys: string[]) =>
    new Promise<Row[]>((resolve, reject) => {
      const from = `${kind}#${statements.length}`;
      const answer = () => (options.fail ? reject(options.fail) : resolve(keys.filter((k) => !k.startsWith('missing')).map((key) => ({ key, from }))));
      statements.push({ kind, values, keys, release: answer });
      if (!options.hold) answer();
    });
  const read = coalesced<{ scope: object; text: string }, Row>({
    group: (v) => [v.scope, v.text],
    one: (_db, v, key) => run('one', v, [key]),
    many: (_db, v, keys) => run('many', v, keys),
    keyOf: (row) => row.key,
  });
  return { statements, read };
}

const db = {} as Executor;
const nextTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};
const scope = {};

describe('coalesced', () => {
  it('sends the reads of one turn as one statement, each answered with its own row (or none)', async () => {
    const { statements, read } = recorder();
    const v = { scope, text: 'ws' };
    const [a, b, missing, again] = await Promise.all([read(db, v, 'a'), read(db, v, 'b'), read(db, v, 'missing-c'), read(db, v, 'a')]);
    expect(statements.map((s) => [s.kind, s.keys])).toEqual([['many', ['a', 'b', 'missing-c']]]);
    expect(a).toEqual({ key: 'a', from: 'many#0' });
    expect(b).toEqual({ key: 'b', from: 'many#0' });
    expect(missing).toBeUndefined();
    expect(again).toEqual({ key: 'a', from: 'many#0' });
  });

  it('runs a read alone in its turn as the single-key statement', async () => {
    const { statements, read } = recorder();
    expect(await read(db, { scope, text: 'ws' }, 'a')).toEqual({ key: 'a', from: 'one#0' });
    expect(statements.map((s) => s.kind)).toEqual(['one']);
  });

  it('never mixes reads with other values: another text, another object, another database', async () => {
    const { statements, read } = recorder();
    const otherDb = {} as Executor;
    await Promise.all([
      read(db, { scope, text: 'ws-1' }, 'a'),
      read(db, { scope, text: 'ws-2' }, 'b'),
      read(db, { scope: {}, text: 'ws-1' }, 'c'),
      read(otherDb, { scope, text: 'ws-1' }, 'd'),
    ]);
    expect(statements.map((s) => s.keys).sort()).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('never lets a read join a statement already sent: a read after it waits for it, then gets a statement of its own', async () => {
    const { statements, read } = recorder({ hold: true });
    const v = { scope, text: 'ws' };
    const first = read(db, v, 'a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toHaveLength(1);
    // The first statement is still running; the same key read now must not be answered by it.
    let secondDone = false;
    const second = read(db, v, 'a').finally(() => (secondDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toHaveLength(1);
    statements[0]!.release();
    expect(await first).toEqual({ key: 'a', from: 'one#0' });
    expect(secondDone).toBe(false);
    await nextTurns(2); // the statement's end is seen, then the waiting batch is sent at the end of a turn
    expect(statements).toHaveLength(2);
    statements[1]!.release();
    expect(await second).toEqual({ key: 'a', from: 'one#1' });
    expect(statements.map((s) => s.keys)).toEqual([['a'], ['a']]);
  });

  it('gathers the reads that arrive while its statement runs into the next one, sent when it comes back', async () => {
    const { statements, read } = recorder({ hold: true });
    const v = { scope, text: 'ws' };
    const first = read(db, v, 'a');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [read(db, v, 'b')];
    await new Promise((resolve) => setImmediate(resolve));
    later.push(read(db, v, 'c'), read(db, v, 'missing-d'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements.map((s) => s.keys)).toEqual([['a']]);
    statements[0]!.release();
    await first;
    await nextTurns(2);
    expect(statements.map((s) => s.keys)).toEqual([['a'], ['b', 'c', 'missing-d']]);
    statements[1]!.release();
    expect(await Promise.all(later)).toEqual([{ key: 'b', from: 'many#1' }, { key: 'c', from: 'many#1' }, undefined]);
  });

  it(`sends a waiting batch beside a statement that has run ${MAX_LANE_WAIT_MS} ms and not come back`, async () => {
    const { statements, read } = recorder({ hold: true });
    const v = { scope, text: 'ws' };
    const hung = read(db, v, 'a');
    await nextTurns(1);
    const later = read(db, v, 'b');
    await nextTurns(2);
    expect(statements.map((s) => s.keys)).toEqual([['a']]);
    await new Promise((resolve) => setTimeout(resolve, MAX_LANE_WAIT_MS + 20));
    expect(statements.map((s) => s.keys)).toEqual([['a'], ['b']]);
    statements[1]!.release();
    expect(await later).toEqual({ key: 'b', from: 'one#1' });
    // Still hung: a read now waits for the oldest statement no longer than the first did.
    const third = read(db, v, 'c');
    await new Promise((resolve) => setTimeout(resolve, MAX_LANE_WAIT_MS + 20));
    expect(statements.map((s) => s.keys)).toEqual([['a'], ['b'], ['c']]);
    statements[2]!.release();
    statements[0]!.release();
    expect(await third).toEqual({ key: 'c', from: 'one#2' });
    expect(await hung).toEqual({ key: 'a', from: 'one#0' });
  });

  it('lets a lane send while another lane has a statement running', async () => {
    const { statements, read } = recorder({ hold: true });
    const first = read(db, { scope, text: 'ws-1' }, 'a');
    await new Promise((resolve) => setImmediate(resolve));
    const other = read(db, { scope, text: 'ws-2' }, 'a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements.map((s) => [s.values.text, s.keys])).toEqual([
      ['ws-1', ['a']],
      ['ws-2', ['a']],
    ]);
    statements[1]!.release();
    expect(await other).toEqual({ key: 'a', from: 'one#1' });
    statements[0]!.release();
    expect(await first).toEqual({ key: 'a', from: 'one#0' });
  });

  it('sends the next batch after a statement that failed', async () => {
    const boom = new Error('connection lost');
    let fail = true;
    const statements: string[][] = [];
    const read = coalesced<{ scope: object; text: string }, Row>({
      group: (v) => [v.scope, v.text],
      one: async (_db, _v, key) => {
        statements.push([key]);
        await new Promise((resolve) => setImmediate(resolve));
        if (fail) throw boom;
        return [{ key, from: 'one' }];
      },
      many: () => Promise.reject(new Error('not expected')),
      keyOf: (row) => row.key,
    });
    const v = { scope, text: 'ws' };
    const first = read(db, v, 'a');
    await new Promise((resolve) => setImmediate(resolve));
    const second = read(db, v, 'b');
    await expect(first).rejects.toBe(boom);
    fail = false;
    expect(await second).toEqual({ key: 'b', from: 'one' });
    expect(statements).toEqual([['a'], ['b']]);
  });

  it('fails every read of a statement that fails', async () => {
    const boom = new Error('connection lost');
    const { read } = recorder({ fail: boom });
    const v = { scope, text: 'ws' };
    const results = await Promise.allSettled([read(db, v, 'a'), read(db, v, 'b')]);
    expect(results).toEqual([
      { status: 'rejected', reason: boom },
      { status: 'rejected', reason: boom },
    ]);
  });

  it(`puts at most ${MAX_COALESCED_KEYS} keys in one statement`, async () => {
    const { statements, read } = recorder();
    const v = { scope, text: 'ws' };
    const keys = Array.from({ length: MAX_COALESCED_KEYS + 1 }, (_, i) => `k${i}`);
    const rows = await Promise.all(keys.map((k) => read(db, v, k)));
    expect(rows.map((r) => r?.key)).toEqual(keys);
    expect(statements.map((s) => s.keys.length)).toEqual([MAX_COALESCED_KEYS, 1]);
  });
});
