/** Reads of the ingest log (ingest_batches): figures per day received, the latest times, the rejected batches. */
import { type Selectable, sql } from 'kysely';
import type { Executor, IngestBatchesTable } from '../../../storage/database.js';

export type IngestBatchRow = Selectable<IngestBatchesTable>;

export interface DayFigures {
  day: string;
  batches: number;
  events: number;
  accepted: number;
  duplicates: number;
  rejectedBatches: number;
  rejectedEvents: number;
}

interface DayRow {
  day: string;
  batches: string;
  events: string;
  accepted: string;
  duplicates: string;
  rejected_batches: string;
  rejected_events: string;
}

/** The days in [from, to) on which batches arrived (UTC), with their sums; days without batches are absent. */
export async function figuresByDay(db: Executor, workspaceId: string, from: Date, to: Date): Promise<DayFigures[]> {
  const result = await sql<DayRow>`
    select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD') as day,
      count(*) as batches,
      coalesce(sum(events), 0) as events,
      coalesce(sum(accepted), 0) as accepted,
      coalesce(sum(duplicates), 0) as duplicates,
      count(*) filter (where outcome = 'rejected') as rejected_batches,
      coalesce(sum(events) filter (where outcome = 'rejected'), 0) as rejected_events
    from ingest_batches
    where workspace_id = ${workspaceId} and received_at >= ${from} and received_at < ${to}
    group by 1
    order by 1`.execute(db);
  return result.rows.map((r) => ({
    day: r.day,
    batches: Number(r.batches),
    events: Number(r.events),
    accepted: Number(r.accepted),
    duplicates: Number(r.duplicates),
    rejectedBatches: Number(r.rejected_batches),
    rejectedEvents: Number(r.rejected_events),
  }));
}

/** The latest event time of an accepted batch and the latest batch's arrival, each read from the end of an index. */
export async function latestTimes(db: Executor, workspaceId: string): Promise<{ lastEventTime: Date | null; lastReceivedAt: Date | null }> {
  const [event, received] = await Promise.all([
    db
      .selectFrom('ingest_batches')
      .select((eb) => eb.fn.max('last_event_time').as('t'))
      .where('workspace_id', '=', workspaceId)
      .where('outcome', '=', 'accepted')
      .executeTakeFirst(),
    db
      .selectFrom('ingest_batches')
      .select((eb) => eb.fn.max('received_at').as('t'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
  ]);
  return { lastEventTime: toDate(event?.t), lastReceivedAt: toDate(received?.t) };
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}

/** One page of the workspace's rejected batches, newest first, and how many there are. */
export async function rejectedBatches(
  db: Executor,
  workspaceId: string,
  limit: number,
  offset: number,
): Promise<{ rows: IngestBatchRow[]; total: number }> {
  const rejected = db.selectFrom('ingest_batches').where('workspace_id', '=', workspaceId).where('outcome', '=', 'rejected');
  const [rows, total] = await Promise.all([
    rejected.selectAll().orderBy('received_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    rejected.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
