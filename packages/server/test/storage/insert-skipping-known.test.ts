/**
 * insertSkippingKnown (storage/insert-skipping-known.ts): the plain insert under a savepoint and its
 * fall-back to ON CONFLICT DO NOTHING store the same rows and count the same as ON CONFLICT alone,
 * on both engines — a batch with a repeat inside itself, a batch whose rows are stored already, one
 * half stored — and a failure in the middle of a batch leaves nothing written. insertSkippingKnownFirst,
 * the same without a savepoint (the whole transaction is run again), is held to the same cases, and
 * runs the rest of its transaction once, with the count that stands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../src/storage/database.js';
import { type BulkConstant, type EncodedBatch, type TableName, insertEncoded } from '../../src/storage/bulk-insert.js';
import { firstSkippingKnown, insertSkippingKnown } from '../../src/storage/insert-skipping-known.js';
import { type StoredEvent, encodeEvents, usageEventConstants } from '../../src/modules/metering/ingest/ingest.repository.js';
import { ensureMonthPartitions } from '../../src/storage/month-partitions.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../support/test-databases.js';

/** firstSkippingKnown around a plain batch insert, as ingest uses it around its one statement. */
function insertSkippingKnownFirst<T extends TableName, R>(
  db: Db,
  batch: EncodedBatch<T>,
  constants: readonly BulkConstant<T>[],
  rest: (trx: Transaction<Database>, inserted: number) => Promise<R>,
): Promise<R> {
  return firstSkippingKnown(db, (trx, skipKnown) => insertEncoded(trx, batch, constants, { onConflictDoNothing: skipKnown }), rest);
}

const AT = new Date('2026-05-10T00:00:00Z');

function event(id: string, value = '1', minutes = 0): StoredEvent {
  const time = new Date(Date.UTC(2026, 4, 9, 12, minutes));
  return { source: 'urn:test', id, meterId: 'cpu', subject: 'vm-1', time, value, data: JSON.stringify({ quantity: value }) };
}

describe.each(testEngines())('insertSkippingKnown (%s)', (engine) => {
  let t: TestDatabase;
  let n = 0;
  /** A fresh workspace per test, so counts start at zero. */
  let ws: string;

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-05']);
  }, 120_000);
  afterAll(() => t?.drop());

  const freshWorkspace = async () => (ws = await createWorkspace(t.db, `ws-skip-${++n}`));

  const insert = (events: StoredEvent[]) =>
    t.db.transaction().execute((trx) => insertSkippingKnown(trx, encodeEvents(events), usageEventConstants(ws, AT)));

  const stored = async () =>
    (await t.db.selectFrom('usage_events').select(['id', 'value', 'time']).where('workspace_id', '=', ws).orderBy('id').orderBy('time').execute()).map(
      (r) => `${r.id}=${r.value}@${new Date(r.time).toISOString().slice(11, 16)}`,
    );

  it('stores a batch of new rows and counts them all', async () => {
    await freshWorkspace();
    expect(await insert([event('a'), event('b'), event('c')])).toBe(3);
    expect(await stored()).toEqual(['a=1@12:00', 'b=1@12:00', 'c=1@12:00']);
  });

  it('skips a repeat inside the batch: the first of the two is kept', async () => {
    await freshWorkspace();
    expect(await insert([event('a', '1'), event('b', '2'), event('a', '3')])).toBe(2);
    expect(await stored()).toEqual(['a=1@12:00', 'b=2@12:00']);
  });

  it('skips rows stored before, keeping the stored values, and stores the rest of the batch', async () => {
    await freshWorkspace();
    expect(await insert([event('a', '1'), event('b', '1')])).toBe(2);
    expect(await insert([event('a', '9'), event('b', '9')])).toBe(0);
    expect(await insert([event('c', '5'), event('a', '9'), event('d', '5')])).toBe(2);
    expect(await stored()).toEqual(['a=1@12:00', 'b=1@12:00', 'c=5@12:00', 'd=5@12:00']);
  });

  it('takes the same source and id at another time as another row', async () => {
    await freshWorkspace();
    expect(await insert([event('a', '1', 0)])).toBe(1);
    expect(await insert([event('a', '2', 5), event('a', '3', 0)])).toBe(1);
    expect(await stored()).toEqual(['a=1@12:00', 'a=2@12:05']);
  });

  it('counts as ON CONFLICT DO NOTHING alone would, whichever way the batch went in', async () => {
    await freshWorkspace();
    const first = [event('a'), event('b'), event('b'), event('c')];
    const second = [event('c'), event('d'), event('e'), event('d')];
    const counts = [await insert(first), await insert(second)];
    const own = ws;
    await freshWorkspace();
    const reference = [] as number[];
    for (const batch of [first, second]) {
      reference.push(await t.db.transaction().execute((trx) => insertEncoded(trx, encodeEvents(batch), usageEventConstants(ws, AT), { onConflictDoNothing: true })));
    }
    expect(counts).toEqual(reference);
    expect(counts).toEqual([3, 2]);
    const rowsOf = async (w: string) =>
      (await t.db.selectFrom('usage_events').select(['id', 'value']).where('workspace_id', '=', w).orderBy('id').execute()).map((r) => `${r.id}=${r.value}`);
    expect(await rowsOf(own)).toEqual(await rowsOf(ws));
  });

  it('leaves nothing written when the transaction fails after the batch went in (either way)', async () => {
    await freshWorkspace();
    for (const batch of [[event('x'), event('y')], [event('x'), event('y'), event('x')]]) {
      await expect(
        t.db.transaction().execute(async (trx) => {
          await insertSkippingKnown(trx, encodeEvents(batch), usageEventConstants(ws, AT));
          throw new Error('later work of the same transaction failed');
        }),
      ).rejects.toThrow('later work');
    }
    expect(await stored()).toEqual([]);
  });

  it('passes on an error that is not a repeated key, and the batch is not stored', async () => {
    await freshWorkspace();
    // A value the numeric column refuses fails the whole statement, in the middle of the rows.
    const broken = [event('p'), { ...event('q'), value: 'not a number' }, event('r')];
    await expect(insert(broken)).rejects.toMatchObject({ code: '22P02' });
    expect(await stored()).toEqual([]);
  });

  describe('insertSkippingKnownFirst: the batch first in its own transaction, run again on a repeat', () => {
    /** Inserts through insertSkippingKnownFirst; `rest` records what it was called with and writes a rating mark. */
    const calls: number[] = [];
    const insertFirst = (events: StoredEvent[], rest?: () => Promise<void>) =>
      insertSkippingKnownFirst(t.db, encodeEvents(events), usageEventConstants(ws, AT), async (trx, inserted) => {
        calls.push(inserted);
        await trx.insertInto('rating_marks').values({ workspace_id: ws, day: '2026-05-09' }).execute();
        await rest?.();
        return inserted;
      });
    const marks = async () => Number((await t.db.selectFrom('rating_marks').select((eb) => eb.fn.countAll<string>().as('n')).where('workspace_id', '=', ws).executeTakeFirstOrThrow()).n);

    it('stores new rows, counts them, and runs the rest of the transaction once', async () => {
      await freshWorkspace();
      calls.length = 0;
      expect(await insertFirst([event('a'), event('b'), event('c')])).toBe(3);
      expect(calls).toEqual([3]);
      expect(await stored()).toEqual(['a=1@12:00', 'b=1@12:00', 'c=1@12:00']);
      expect(await marks()).toBe(1);
    });

    it('skips a repeat inside the batch and rows stored before, runs the rest once with the count that stands, and writes it once', async () => {
      await freshWorkspace();
      calls.length = 0;
      expect(await insertFirst([event('a', '1'), event('b', '2'), event('a', '3')])).toBe(2);
      expect(await insertFirst([event('c', '5'), event('a', '9'), event('d', '5')])).toBe(2);
      expect(await insertFirst([event('c', '7'), event('d', '7')])).toBe(0);
      expect(calls).toEqual([2, 2, 0]);
      expect(await stored()).toEqual(['a=1@12:00', 'b=2@12:00', 'c=5@12:00', 'd=5@12:00']);
      expect(await marks()).toBe(3);
    });

    it('counts as ON CONFLICT DO NOTHING alone would', async () => {
      await freshWorkspace();
      const batches = [[event('a'), event('b'), event('b'), event('c')], [event('c'), event('d'), event('e'), event('d')], [event('a', '1', 5), event('a', '1', 0)]];
      const counts: number[] = [];
      for (const batch of batches) counts.push(await insertFirst(batch));
      const own = ws;
      await freshWorkspace();
      const reference: number[] = [];
      for (const batch of batches) {
        reference.push(await t.db.transaction().execute((trx) => insertEncoded(trx, encodeEvents(batch), usageEventConstants(ws, AT), { onConflictDoNothing: true })));
      }
      expect(counts).toEqual(reference);
      expect(counts).toEqual([3, 2, 1]);
      const rowsOf = async (w: string) =>
        (await t.db.selectFrom('usage_events').select(['id', 'value', 'time']).where('workspace_id', '=', w).orderBy('id').orderBy('time').execute()).map(
          (r) => `${r.id}=${r.value}@${new Date(r.time).toISOString()}`,
        );
      expect(await rowsOf(own)).toEqual(await rowsOf(ws));
    });

    it('leaves nothing written when the rest of the transaction fails (either way)', async () => {
      await freshWorkspace();
      for (const batch of [[event('x'), event('y')], [event('x'), event('y'), event('x')]]) {
        await expect(
          insertFirst(batch, async () => {
            throw new Error('later work of the same transaction failed');
          }),
        ).rejects.toThrow('later work');
      }
      expect(await stored()).toEqual([]);
      expect(await marks()).toBe(0);
    });

    it('passes on an error that is not a repeated key without running the rest, and stores nothing', async () => {
      await freshWorkspace();
      calls.length = 0;
      const broken = [event('p'), { ...event('q'), value: 'not a number' }, event('r')];
      await expect(insertFirst(broken)).rejects.toMatchObject({ code: '22P02' });
      expect(calls).toEqual([]);
      expect(await stored()).toEqual([]);
      expect(await marks()).toBe(0);
    });
  });
});
