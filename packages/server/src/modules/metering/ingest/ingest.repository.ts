/** Typed queries of usage ingest: the meters and resources events name, and the events and rating marks it stores. */
import { sql } from 'kysely';
import type { Db, Executor } from '../../../storage/database.js';
import { ensureMonthPartitions } from '../../../storage/month-partitions.js';
import { type BulkColumn, type BulkConstant, type EncodedBatch, encodeBatch } from '../../../storage/bulk-insert.js';
import { insertSkippingKnown } from '../../../storage/insert-skipping-known.js';

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

/** The workspace's meters: which event type each counts, and where its value is. */
export function listMeters(db: Executor, workspaceId: string) {
  return db.selectFrom('meters').select(['id', 'event_type', 'value_property', 'aggregation']).where('workspace_id', '=', workspaceId).execute();
}

/** Which of `ids` are resources of the workspace. */
export async function knownResources(db: Executor, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('metering_resources')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.id));
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

/**
 * Inserts the batch, skipping events whose (source, id, time) is stored already or repeats inside
 * the batch; returns how many were new. Call it inside a transaction. See insertSkippingKnown.
 */
export function insertEvents(trx: Executor, batch: EncodedBatch<'usage_events'>, workspaceId: string, ingestedAt: Date): Promise<number> {
  return insertSkippingKnown(trx, batch, usageEventConstants(workspaceId, ingestedAt));
}

/** Marks the days ('YYYY-MM-DD') as waiting to be rated (again). */
export async function markDays(db: Executor, workspaceId: string, days: readonly string[]): Promise<void> {
  await sql`insert into rating_marks (workspace_id, day) select ${workspaceId}, d from unnest(${`{${days.join(',')}}`}::date[]) as d`.execute(db);
}
