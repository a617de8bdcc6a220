/**
 * Reads by key against the same database and with the same other values, sent together as one
 * statement (ADR 0035, ADR 0036). Each statement costs the server a system call to send it, a
 * PostgreSQL backend woken to run it and a reply to parse (bench/flex-list (a): over a third of the
 * server's CPU per look-up), so N reads in one statement cost about what one did.
 *
 * Reads of one *lane* (same database, same values) queue as a batch that is sent at the end of the
 * turn of the event loop (`setImmediate`) — unless the lane already has a statement running: then
 * the batch waits for it, and goes out as soon as it comes back (smart batching, as a database's
 * group commit), or after MAX_LANE_WAIT_MS beside it. Under load a lane alternates between one statement running and one batch
 * gathering, so batches grow with the load, and a read waits at most for one statement before its
 * own is sent; alone, a read is sent at the end of its turn, as before.
 *
 * Nothing is cached and nothing is shared across statements: a read joins only a batch that has
 * not been sent yet, so every answer comes from a statement sent after its request arrived —
 * exactly as fresh as a statement of its own. A batch of one runs the single-key statement.
 */
import type { Executor } from './database.js';

/** At most this many keys in one statement; a full batch is sent without waiting, and the next read starts another. */
export const MAX_COALESCED_KEYS = 100;
/**
 * A gathered batch waits for its lane's running statement at most this long, then is sent beside
 * it: a statement that hangs (a lost connection not yet noticed) must not hold the lane's later
 * reads with it.
 */
export const MAX_LANE_WAIT_MS = 50;

interface Waiter<Row> {
  key: string;
  resolve: (row: Row | undefined) => void;
  reject: (err: unknown) => void;
}

interface Batch<Values, Row> {
  values: Values;
  keys: Set<string>;
  waiters: Waiter<Row>[];
}

/** One database and one set of values: its statements run one after the other (but see MAX_COALESCED_KEYS). */
interface Lane<Values, Row> {
  /** The batch gathering reads, not sent yet. */
  gathering: Batch<Values, Row> | undefined;
  /** Statements of this lane running now. */
  running: number;
  /** A send is scheduled for the end of this turn. */
  scheduled: boolean;
  /** Armed while a gathered batch waits for a running statement (MAX_LANE_WAIT_MS). */
  waitLimit: ReturnType<typeof setTimeout> | undefined;
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

/** A read of one row by key that joins the other reads of its lane not sent yet (see above). */
export function coalesced<Values, Row>(read: CoalescedRead<Values, Row>): (db: Executor, values: Values, key: string) => Promise<Row | undefined> {
  const lanes = new WeakMap<Executor, WeakMap<object, Map<string, Lane<Values, Row>>>>();

  const answer = async (db: Executor, batch: Batch<Values, Row>) => {
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

  type Lanes = Map<string, Lane<Values, Row>>;

  const run = (db: Executor, byText: Lanes, text: string, lane: Lane<Values, Row>, batch: Batch<Values, Row>) => {
    if (lane.gathering === batch) lane.gathering = undefined;
    if (lane.waitLimit !== undefined) {
      clearTimeout(lane.waitLimit);
      lane.waitLimit = undefined;
    }
    lane.running += 1;
    void answer(db, batch).finally(() => {
      lane.running -= 1;
      if (lane.gathering) wake(db, byText, text, lane);
      else if (lane.running === 0 && byText.get(text) === lane) byText.delete(text);
    });
  };

  /**
   * The lane has a gathered batch: sent at the end of this turn when no statement of the lane is
   * running then; else when the running one comes back (`run`), or after MAX_LANE_WAIT_MS beside it.
   */
  const wake = (db: Executor, byText: Lanes, text: string, lane: Lane<Values, Row>) => {
    if (lane.running > 0) {
      lane.waitLimit ??= setTimeout(() => {
        lane.waitLimit = undefined;
        if (lane.gathering) run(db, byText, text, lane, lane.gathering);
      }, MAX_LANE_WAIT_MS);
      return;
    }
    if (lane.scheduled) return;
    lane.scheduled = true;
    setImmediate(() => {
      lane.scheduled = false;
      if (lane.gathering) {
        if (lane.running === 0) run(db, byText, text, lane, lane.gathering);
        else wake(db, byText, text, lane);
      }
    });
  };

  return (db, values, key) =>
    new Promise<Row | undefined>((resolve, reject) => {
      let byObject = lanes.get(db);
      if (!byObject) lanes.set(db, (byObject = new WeakMap()));
      const [object, text] = read.group(values);
      let byText = byObject.get(object);
      if (!byText) byObject.set(object, (byText = new Map()));
      let lane = byText.get(text);
      if (!lane) byText.set(text, (lane = { gathering: undefined, running: 0, scheduled: false, waitLimit: undefined }));
      const batch = (lane.gathering ??= { values, keys: new Set(), waiters: [] });
      batch.keys.add(key);
      batch.waiters.push({ key, resolve, reject });
      // Full: sent now, whatever is running; the next read starts another batch.
      if (batch.keys.size >= MAX_COALESCED_KEYS) run(db, byText, text, lane, batch);
      else wake(db, byText, text, lane);
    });
}
