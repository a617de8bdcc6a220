/** Typed queries of usage ingest: the meters and resources events name, and the events and rating marks it stores. */
import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, Db, Executor } from '../../../storage/database.js';
import { queueOnceLock } from '../../../storage/advisory-locks.js';
import { textArray } from '../../../storage/array-literals.js';
import { ensureMonthPartitions } from '../../../storage/month-partitions.js';
import { type BulkColumn, type BulkConstant, type EncodedBatch, encodeBatch, insertStatement } from '../../../storage/bulk-insert.js';
import { firstSkippingKnown } from '../../../storage/insert-skipping-known.js';
import type { BatchSender } from './ingest-batches.repository.js';

/** A usage event as stored (the workspace and ingest time are bound once per batch). */
export interface StoredEvent {
  source: string;
  id: string;
  meterId: string;
  subject: string;
  time: Date;
  /** `time` as toISOString writes it, when known already (ingest has it from parsing; saves formatting it again). */
  timeText?: string;
  value: string;
  data: string;
}

export const USAGE_EVENT_COLUMNS: readonly BulkColumn<'usage_events', StoredEvent>[] = [
  { name: 'source', type: 'text', value: (e) => e.source },
  { name: 'id', type: 'text', value: (e) => e.id },
  { name: 'meter_id', type: 'text', value: (e) => e.meterId },
  { name: 'subject', type: 'text', value: (e) => e.subject },
  { name: 'time', type: 'timestamptz', value: (e) => e.timeText ?? e.time },
  { name: 'value', type: 'numeric', value: (e) => e.value },
  { name: 'data', type: 'json', value: (e) => e.data },
];

export interface MeterRow {
  id: string;
  event_type: string;
  value_property: string | null;
  aggregation: string;
}

/**
 * What a batch's check needs from the catalog, in one statement (one round trip, ADR 0031): the
 * workspace's meters, and which of `subjects` are not resources of the workspace — usually none,
 * so usually no row for them comes back.
 */
export async function catalogFor(db: Executor, workspaceId: string, subjects: readonly string[]): Promise<{ meters: MeterRow[]; unknownSubjects: Set<string> }> {
  const { rows } = await sql<MeterRow & { unknown_subject: string | null }>`
    select id, event_type, value_property, aggregation, null as unknown_subject from meters where workspace_id = ${workspaceId}
    union all
    select null, null, null, null, s from unnest(${textArray(subjects)}::text[]) as s
    where not exists (select from metering_resources r where r.workspace_id = ${workspaceId} and r.id = s)`.execute(db);
  const meters: MeterRow[] = [];
  const unknownSubjects = new Set<string>();
  for (const r of rows) {
    if (r.unknown_subject === null) meters.push(r);
    else unknownSubjects.add(r.unknown_subject);
  }
  return { meters, unknownSubjects };
}

/** Encodes the events; the caller does it before opening the transaction, which then lasts only as long as the insert. */
export function encodeEvents(events: readonly StoredEvent[]): EncodedBatch<'usage_events'> {
  return encodeBatch('usage_events', USAGE_EVENT_COLUMNS, events);
}

/** What an event's row takes from its batch rather than from the event: the workspace and the ingest time. */
export function usageEventConstants(workspaceId: string, ingestedAt: Date): BulkConstant<'usage_events'>[] {
  return [
    { name: 'workspace_id', type: 'text', value: workspaceId },
    { name: 'ingested_at', type: 'timestamptz', value: ingestedAt.toISOString() },
  ];
}

/**
 * Makes sure usage_events has the partitions of the months ('YYYY-MM') the events fall in (in short
 * transactions of their own, before the batch's; a process remembers the months it has seen).
 */
export function ensureEventPartitions(db: Db, months: ReadonlySet<string>): Promise<void> {
  return ensureMonthPartitions(db, 'usage_events', months);
}

/** The days ('YYYY-MM-DD') as one date-array literal. */
const dayArray = (days: readonly string[]) => `{${days.join(',')}}`;

/** An accepted batch's row of the ingest log, but for its counts, which the statement that stores its events writes. */
export interface AcceptedBatch {
  id: string;
  workspaceId: string;
  receivedAt: Date;
  events: number;
  /** The earliest and latest time among the batch's events. */
  eventTimes: { first: Date; last: Date } | null;
  sender: BatchSender | undefined;
}

/**
 * A batch's events and what it writes besides them, in one statement (one round trip, ADR 0031): the
 * events, skipping — with `skipKnown` — those whose (source, id, time) is stored already or repeats
 * inside the batch (without it, such an event fails the statement: see firstSkippingKnown); when
 * any is stored, its days ('YYYY-MM-DD') marked as waiting to be rated (again); its row of the ingest
 * log, counting exactly the events stored; and `lockQueue`'s "queue once" lock for the workspace,
 * held to commit (lockQueueOnce's). Returns how many events were stored. Whether a job is queued
 * must be asked in a later statement, whose snapshot is taken once the lock is held.
 */
export async function storeEvents(
  trx: Executor,
  batch: EncodedBatch<'usage_events'>,
  log: AcceptedBatch,
  days: readonly string[],
  lockQueue: string,
  skipKnown: boolean,
): Promise<number> {
  const ws = log.workspaceId;
  const insert = insertStatement(batch, usageEventConstants(ws, log.receivedAt), { onConflictDoNothing: skipKnown });
  const { rows } = await sql<{ stored: number }>`
    with stored as (${insert} returning 1),
    counted as (select count(*)::int as n from stored),
    marks as (
      insert into rating_marks (workspace_id, day)
      select ${ws}, d from unnest(${dayArray(days)}::date[]) as d where (select n from counted) > 0
    ),
    logged as (
      insert into ingest_batches (workspace_id, id, received_at, outcome, events, accepted, duplicates, invalid,
        first_event_time, last_event_time, issue_count, issues, principal_type, principal_id)
      select ${ws}, ${log.id}::uuid, ${log.receivedAt.toISOString()}::timestamptz, 'accepted', ${log.events}::int, n, ${log.events}::int - n, 0,
        ${log.eventTimes?.first.toISOString() ?? null}::timestamptz, ${log.eventTimes?.last.toISOString() ?? null}::timestamptz, 0, null,
        ${log.sender?.type ?? null}::text, ${log.sender?.id ?? null}::text
      from counted
    )
    select n as stored, ${queueOnceLock(lockQueue, ws)} as locked from counted`.execute(trx);
  return rows[0]!.stored;
}

/**
 * One transaction that stores the batch as storeEvents does — first as a plain insert, run again
 * skipping known events when one repeats (firstSkippingKnown) — then runs `rest` once with how many
 * events were stored.
 */
export function storeEventsThen<R>(
  db: Db,
  batch: EncodedBatch<'usage_events'>,
  log: AcceptedBatch,
  days: readonly string[],
  lockQueue: string,
  rest: (trx: Transaction<Database>, stored: number) => Promise<R>,
): Promise<R> {
  return firstSkippingKnown(db, (trx, skipKnown) => storeEvents(trx, batch, log, days, lockQueue, skipKnown), rest);
}
