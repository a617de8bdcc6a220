/**
 * An idempotent batch insert — rows whose key is stored already, or repeats inside the batch, are
 * skipped and not counted — made cheap for the usual batch, which holds no such row (ADR 0031).
 * `INSERT … ON CONFLICT DO NOTHING` pays for speculative insertion on every row: about a quarter of
 * PostgreSQL's CPU for a 1,000-row batch of usage events. So the batch goes in first as a plain
 * INSERT under a savepoint; only when that hits a unique key is it rolled back to the savepoint and
 * inserted again with ON CONFLICT DO NOTHING. Both ways store the same rows and return the same count:
 * a plain insert that succeeds met no conflict, so ON CONFLICT would have skipped nothing either.
 * Concurrent writers of the same keys wait on each other exactly as with ON CONFLICT (the unique
 * check waits for the other transaction; if it commits, the plain insert fails over to the second way).
 * The same SQL on PGlite and PostgreSQL.
 *
 * firstSkippingKnown goes one step further for a transaction whose first
 * statement is the batch (ADR 0031, second section): no savepoint at all — a unique violation rolls the whole transaction
 * back, and it runs again with ON CONFLICT DO NOTHING. One round trip fewer per batch, and no
 * subtransaction for PostgreSQL to open and record on every row.
 */
import { type Transaction, sql } from 'kysely';
import type { Database, Db, Executor } from './database.js';
import { type BulkConstant, type EncodedBatch, type TableName, insertEncoded } from './bulk-insert.js';

const UNIQUE_VIOLATION = '23505';
const SAVEPOINT = sql.raw('insert_skipping_known');

/** PostgreSQL and PGlite both report the SQLSTATE as `code`. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/**
 * Inserts the batch, skipping rows whose unique key exists (stored before or earlier in the batch);
 * returns how many rows were stored. `trx` must be a transaction: the savepoint lives in it.
 */
export async function insertSkippingKnown<T extends TableName>(trx: Executor, batch: EncodedBatch<T>, constants: readonly BulkConstant<T>[] = []): Promise<number> {
  if (batch.rows === 0) return 0;
  await sql`savepoint ${SAVEPOINT}`.execute(trx);
  try {
    // Not released on success: the transaction's commit ends it, one round trip fewer.
    return await insertEncoded(trx, batch, constants);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
    return insertEncoded(trx, batch, constants, { onConflictDoNothing: true });
  }
}

/** Thrown out of the first attempt's transaction to roll it back: its plain insert met a known key. */
class KnownKeyMet extends Error {}

/**
 * Runs a transaction whose first statement inserts rows that may repeat a unique key: `first(trx,
 * skipKnown)` runs it — with `skipKnown` false as a plain insert, true with ON CONFLICT DO NOTHING —
 * and `rest(trx, firstResult)` does the transaction's other work. First try: plain. When that meets a
 * known key, the whole transaction is rolled back (nothing else was written in it yet) and run again
 * with skipKnown, so `rest` runs once, after the insert that counts. Any other error rolls back and is
 * passed on, as is `rest`'s.
 */
export async function firstSkippingKnown<F, R>(
  db: Db,
  first: (trx: Transaction<Database>, skipKnown: boolean) => Promise<F>,
  rest: (trx: Transaction<Database>, firstResult: F) => Promise<R>,
): Promise<R> {
  try {
    return await db.transaction().execute(async (trx) => {
      let result: F;
      try {
        result = await first(trx, false);
      } catch (err) {
        throw isUniqueViolation(err) ? new KnownKeyMet() : err;
      }
      return rest(trx, result);
    });
  } catch (err) {
    if (!(err instanceof KnownKeyMet)) throw err;
  }
  return db.transaction().execute(async (trx) => rest(trx, await first(trx, true)));
}

/**
 * firstSkippingKnown for a statement that is a transaction by itself (autocommitted, nothing around
 * it): `first(false)` inserts plainly; when that meets a known key — and so wrote nothing — it runs
 * again as `first(true)`, with ON CONFLICT DO NOTHING. Any other error is passed on.
 */
export async function aloneSkippingKnown<F>(first: (skipKnown: boolean) => Promise<F>): Promise<F> {
  try {
    return await first(false);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return first(true);
}
