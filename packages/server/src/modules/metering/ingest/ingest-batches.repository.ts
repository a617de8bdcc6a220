/**
 * The ingest log (ingest_batches): one row per batch that reached validation. Accepted batches are
 * written in the transaction that stores their events, rejected ones on their own; rows are never
 * changed (ingest statistics read them, see ../ingest-statistics).
 */
import type { Executor } from '../../../storage/database.js';
import type { EventIssue } from './cloud-events.js';

/** How many of a rejected batch's issues are kept; the 400 itself names them all. */
export const KEPT_ISSUES = 20;

/** Who sent a batch: what the request was authenticated as. */
export interface BatchSender {
  type: 'client' | 'api-token' | 'user';
  id: string;
}

export interface IngestBatch {
  id: string;
  workspaceId: string;
  receivedAt: Date;
  outcome: 'accepted' | 'rejected';
  events: number;
  accepted: number;
  duplicates: number;
  /** Events with at least one issue. */
  invalid: number;
  /** The earliest and latest time among the batch's valid events; null when none is valid. */
  eventTimes: { first: Date; last: Date } | null;
  issues: readonly EventIssue[];
  sender: BatchSender | undefined;
}

/** The first and last time of the events, or null for none. */
export function timeSpan(times: Iterable<Date>): { first: Date; last: Date } | null {
  let first: Date | undefined;
  let last: Date | undefined;
  for (const t of times) {
    if (!first || t < first) first = t;
    if (!last || t > last) last = t;
  }
  return first && last ? { first, last } : null;
}

export async function insertBatch(db: Executor, batch: IngestBatch): Promise<void> {
  await db
    .insertInto('ingest_batches')
    .values({
      workspace_id: batch.workspaceId,
      id: batch.id,
      received_at: batch.receivedAt,
      outcome: batch.outcome,
      events: batch.events,
      accepted: batch.accepted,
      duplicates: batch.duplicates,
      invalid: batch.invalid,
      first_event_time: batch.eventTimes?.first ?? null,
      last_event_time: batch.eventTimes?.last ?? null,
      issue_count: batch.issues.length,
      issues: batch.issues.length > 0 ? JSON.stringify(batch.issues.slice(0, KEPT_ISSUES)) : null,
      principal_type: batch.sender?.type ?? null,
      principal_id: batch.sender?.id ?? null,
    })
    .execute();
}
