/** Typed queries of usage ingest: the meters and resources events name, and the events and rating marks it stores. */
import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { UnconfirmedPrincipal } from '../../../platform/auth/principal-check.js';
import { principalStillHolds } from '../../../platform/auth/principal-check.repository.js';
import type { Database, Db, Executor } from '../../../storage/database.js';
import { queueOnceLock } from '../../../storage/advisory-locks.js';
import { textArray } from '../../../storage/array-literals.js';
import { ensureMonthPartitions } from '../../../storage/month-partitions.js';
import { type BulkColumn, type BulkConstant, type EncodedBatch, encodeBatch, insertStatement } from '../../../storage/bulk-insert.js';
import { aloneSkippingKnown, firstSkippingKnown } from '../../../storage/insert-skipping-known.js';
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
 * so usually no row for them comes back. With `principal` (the caller let through on a remembered
 * principal, ADR 0034), the same statement says whether that principal still holds
 * (`principalHolds`; true when there is nothing to check).
 */
export async function catalogFor(
  db: Executor,
  workspaceId: string,
  subjects: readonly string[],
  principal?: UnconfirmedPrincipal,
): Promise<{ meters: MeterRow[]; unknownSubjects: Set<string>; principalHolds: boolean }> {
  const check = principal ? sql`union all select 'principal', null, null, null, null where ${principalStillHolds(principal.check, principal.asOf)}` : sql``;
  const { rows } = await sql<MeterRow & { kind: 'meter' | 'subject' | 'principal' }>`
    select 'meter' as kind, id, event_type, value_property, aggregation from meters where workspace_id = ${workspaceId}
    union all
    select 'subject', s, null, null, null from unnest(${textArray(subjects)}::text[]) as s
    where not exists (select from metering_resources r where r.workspace_id = ${workspaceId} and r.id = s)
    ${check}`.execute(db);
  const meters: MeterRow[] = [];
  const unknownSubjects = new Set<string>();
  let principalHolds = !principal;
  for (const r of rows) {
    if (r.kind === 'meter') meters.push({ id: r.id, event_type: r.event_type, value_property: r.value_property, aggregation: r.aggregation });
    else if (r.kind === 'subject') unknownSubjects.add(r.id);
    else principalHolds = true;
  }
  return { meters, unknownSubjects, principalHolds };
}

/** The columns sent once when every event of a batch holds the same value (ADR 0031, decision 12). */
const OFTEN_UNIFORM = ['source', 'meter_id'] as const;

/** Encodes the events; the caller does it before opening the transaction, which then lasts only as long as the insert. */
export function encodeEvents(events: readonly StoredEvent[]): EncodedBatch<'usage_events'> {
  // A collector's batch usually has one source and one meter: each then goes once, not once per event.
  return encodeBatch('usage_events', USAGE_EVENT_COLUMNS, events, { uniform: OFTEN_UNIFORM });
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
 * How the statement that stores a batch makes sure its rating marks get rated (ADR 0031):
 * - `lock`: it takes `queue`'s "queue once" lock for the workspace, held to commit (lockQueueOnce's);
 *   whether a job is queued must then be asked in a later statement of the same transaction, whose
 *   snapshot is taken once the lock is held (the general way).
 * - `queuedJob`: it writes only if the workspace already has a job of `queue` queued that is not due
 *   before `notDueBefore` (decision 11): a job that cannot start before the batch has committed, so
 *   its run reads the batch's marks. No lock, no later statement: the statement is the transaction.
 */
export type MarksRated = { kind: 'lock'; queue: string } | { kind: 'queuedJob'; queue: string; notDueBefore: Date };

/**
 * A batch's events and what it writes besides them, in one statement (one round trip, ADR 0031): the
 * events, skipping — with `skipKnown` — those whose (source, id, time) is stored already or repeats
 * inside the batch (without it, such an event fails the statement: see firstSkippingKnown); when
 * any is stored, its days ('YYYY-MM-DD') marked as waiting to be rated (again); its row of the ingest
 * log, counting exactly the events stored; and what `rated` asks for. Returns how many events were
 * stored and, for `queuedJob`, whether the job was there — when it was not, nothing was written.
 */
export async function storeEvents(
  trx: Executor,
  batch: EncodedBatch<'usage_events'>,
  log: AcceptedBatch,
  days: readonly string[],
  rated: MarksRated,
  skipKnown: boolean,
): Promise<{ stored: number; queued: boolean }> {
  const ws = log.workspaceId;
  const ifQueued = rated.kind === 'queuedJob';
  // `queuedJob`: the jobs_queued_per_workspace index answers; every write below depends on it.
  const guard = ifQueued
    ? sql`guard as (select exists (select from jobs where queue = ${rated.queue} and workspace_id = ${ws} and status = 'queued'
        and run_at > ${rated.notDueBefore.toISOString()}::timestamptz) as queued),`
    : sql``;
  const when = ifQueued ? sql`(select queued from guard)` : sql`true`;
  const insert = insertStatement(batch, usageEventConstants(ws, log.receivedAt), { onConflictDoNothing: skipKnown, ...(ifQueued && { where: when }) });
  const last = ifQueued ? sql`(select queued from guard) as queued` : sql`${queueOnceLock(rated.queue, ws)} as locked, true as queued`;
  const { rows } = await sql<{ stored: number; queued: boolean }>`
    with ${guard}
    stored as (${insert} returning 1),
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
      from counted where ${when}
    )
    select n as stored, ${last} from counted`.execute(trx);
  return rows[0]!;
}

/**
 * One transaction that stores the batch as storeEvents does, under the queue's lock — first as a
 * plain insert, run again skipping known events when one repeats (firstSkippingKnown) — then runs
 * `rest` once with how many events were stored.
 */
export function storeEventsThen<R>(
  db: Db,
  batch: EncodedBatch<'usage_events'>,
  log: AcceptedBatch,
  days: readonly string[],
  lockQueue: string,
  rest: (trx: Transaction<Database>, stored: number) => Promise<R>,
): Promise<R> {
  const rated: MarksRated = { kind: 'lock', queue: lockQueue };
  return firstSkippingKnown(db, async (trx, skipKnown) => (await storeEvents(trx, batch, log, days, rated, skipKnown)).stored, rest);
}

/**
 * The usual batch in one statement and no transaction around it (ADR 0031, decision 11): stored as
 * storeEvents does with `queuedJob` — plain first, again skipping known events when one repeats
 * (aloneSkippingKnown) — when the workspace's job of `queue` is queued and not due before
 * `notDueBefore`. Returns how many events were stored, or undefined when there was no such job and
 * nothing was written: then the batch goes the general way (storeEventsThen).
 */
export async function storeEventsBeforeQueuedJob(
  db: Db,
  batch: EncodedBatch<'usage_events'>,
  log: AcceptedBatch,
  days: readonly string[],
  queue: string,
  notDueBefore: Date,
): Promise<number | undefined> {
  const rated: MarksRated = { kind: 'queuedJob', queue, notDueBefore };
  const { stored, queued } = await aloneSkippingKnown((skipKnown) => storeEvents(db, batch, log, days, rated, skipKnown));
  return queued ? stored : undefined;
}
