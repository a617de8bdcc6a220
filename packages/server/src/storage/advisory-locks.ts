/**
 * Every PostgreSQL advisory lock Consumo takes, in one place, so that no two uses share a key by
 * accident. All are transaction-scoped (`pg_advisory_xact_lock`): released when the transaction
 * ends, never leaked by a crash. Single-key locks use the bigint space; two-key locks use the
 * (int4, int4) space, which PostgreSQL keeps apart from it.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from './database.js';

/** Single-key locks (bigint). */
export const ADVISORY_LOCKS = {
  /** The first start's bootstrap: one process creates the first workspace and client. */
  bootstrap: 7_274_001,
  /** Creating monthly partitions (cost_records, usage_events): concurrent writers never race on CREATE TABLE. */
  monthPartitions: 0x636f7374, // 'cost', its first use
} as const;

/** The first key of the catalog's two-key locks: a class of its own. */
const CATALOG_KEY_CLASS = 120_012;
/** The first key of the budget-alert evaluation's two-key lock (ADR 0018). */
const BUDGET_EVALUATION_KEY_CLASS = 130_013;
/** The first key of the "queue a workspace's job unless one is queued" two-key lock. */
const QUEUE_ONCE_KEY_CLASS = 140_014;

export async function lockBootstrap(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.bootstrap}::int8)`.execute(trx);
}

export async function lockMonthPartitions(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.monthPartitions}::int8)`.execute(trx);
}

/**
 * Serialises the read-then-write of one versioned catalog key, even before it has a row. Ids never
 * contain '|', so the joined text names one key; a hash collision only makes two writers queue.
 */
export async function lockCatalogKey(trx: Executor, ...parts: string[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CATALOG_KEY_CLASS}::int4, hashtext(${parts.join('|')}))`.execute(trx);
}

/**
 * Serialises the rating of one workspace's day (rating, re-rating, readers of the day's rollups).
 * Two-key by the hashes of workspace and day; a collision with another class only makes writers queue.
 */
export async function lockRatingDay(trx: Executor, workspaceId: string, day: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${workspaceId}), hashtext(${day}))`.execute(trx);
}

/**
 * Serialises the rewrite of one workspace's monthly rollups from its daily ones (rating, after a
 * day's): two days of one month rated at once would otherwise each delete the month's rows before
 * the other's insert commits, and both inserts would stay. Keyed `month YYYY-MM` (never a day's
 * text) in the rating locks' two-key space; taken last, after the day's lock, so it cannot deadlock.
 */
export async function lockRatingMonth(trx: Executor, workspaceId: string, month: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${workspaceId}), hashtext(${`month ${month}`}))`.execute(trx);
}

/**
 * Serialises the budget-alert evaluations of one workspace: each reads the alerts its periods have
 * and writes the next levels, which two evaluations at once could otherwise fire out of order.
 */
export async function lockBudgetEvaluation(trx: Executor, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${BUDGET_EVALUATION_KEY_CLASS}::int4, hashtext(${workspaceId}))`.execute(trx);
}

/**
 * Serialises "queue this workspace's job unless one is queued already" (the automatic rating,
 * ADR 0012): without it two concurrent transactions each see none queued and both enqueue.
 */
export async function lockQueueOnce(trx: Executor, queue: string, workspaceId: string): Promise<void> {
  await sql`select ${queueOnceLock(queue, workspaceId)}`.execute(trx);
}

/** lockQueueOnce's lock as an expression, for a statement that takes it along with other work (ingest, ADR 0031). */
export function queueOnceLock(queue: string, workspaceId: string): RawBuilder<void> {
  return sql<void>`pg_advisory_xact_lock(${QUEUE_ONCE_KEY_CLASS}::int4, hashtext(${`${queue}|${workspaceId}`}))`;
}
