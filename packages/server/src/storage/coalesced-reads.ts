/**
 * Reads by key that start in the same turn of the event loop, against the same database and with
 * the same other values, sent as one statement when the turn ends (ADR 0035). Under load the
 * requests whose bytes arrived together reach their reads in one turn; each statement costs the
 * server a system call to send it and a reply to parse (bench/flex-list (a): over a third of the
 * server's CPU per look-up), so N reads in one statement cost about what one did.
 * Nothing is cached and nothing is shared across turns: a read joins only a batch that has not
 * been sent yet, so every answer comes from a statement sent after its request arrived — exactly
 * as fresh as a statement of its own. A batch of one runs the single-key statement.
 */
import type { Executor } from './database.js';

/** At most this many keys in one statement; a read past it starts the next batch. */
export const MAX_COALESCED_KEYS = 100;

interface Waiter<Row> {
  key: string;
  resolve: (row: Row | undefined) => void;
  reject: (err: unknown) => void;
}

interface Batch<Values, Row> {
  group: Map<string, Batch<Values, Row>>;
  text: string;
  values: Values;
  keys: Set<string>;
  waiters: Waiter<Row>[];
}

export interface CoalescedRead<Values, Row> {
  /**
   * What, beside the key, the statement depends on: reads join a batch only when both are the
   * same — the object by identity (cheaper than spelling it out; equal objects that are not the
   * same merely do not share a statement), the text by value.
   */
  group: (values: Values) => readonly [object, string];
  /** The statement for one key. */
  one: (db: Executor, values: Values, key: string) => Promise<Row[]>;
  /** The statement for several keys; each row says which key it answers (`keyOf`). */
  many: (db: Executor, values: Values, keys: string[]) => Promise<Row[]>;
  keyOf: (row: Row) => string;
}

/** A read of one row by key that joins the other reads of its turn (see above). */
export function coalesced<Values, Row>(read: CoalescedRead<Values, Row>): (db: Executor, values: Values, key: string) => Promise<Row | undefined> {
  const open = new WeakMap<Executor, WeakMap<object, Map<string, Batch<Values, Row>>>>();

  const send = async (db: Executor, batch: Batch<Values, Row>) => {
    const keys = [...batch.keys];
    try {
      const rows = keys.length === 1 ? await read.one(db, batch.values, keys[0]!) : await read.many(db, batch.values, keys);
      const byKey = new Map<string, Row>();
      for (const row of rows) byKey.set(read.keyOf(row), row);
      for (const w of batch.waiters) w.resolve(byKey.get(w.key));
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    }
  };

  return (db, values, key) =>
    new Promise<Row | undefined>((resolve, reject) => {
      let byObject = open.get(db);
      if (!byObject) open.set(db, (byObject = new WeakMap()));
      const [object, text] = read.group(values);
      let group = byObject.get(object);
      if (!group) byObject.set(object, (group = new Map()));
      let batch = group.get(text);
      if (!batch) {
        const started: Batch<Values, Row> = { group, text, values, keys: new Set(), waiters: [] };
        batch = started;
        group.set(text, started);
        setImmediate(() => {
          if (started.group.get(started.text) === started) started.group.delete(started.text);
          void send(db, started);
        });
      }
      batch.keys.add(key);
      batch.waiters.push({ key, resolve, reject });
      // Full: the next read starts another batch (this one is sent at the end of the turn all the same).
      if (batch.keys.size >= MAX_COALESCED_KEYS) group.delete(text);
    });
}
