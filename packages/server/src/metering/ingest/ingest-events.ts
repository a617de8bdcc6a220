/**
 * Usage ingest: a batch of CloudEvents is checked whole (envelope, meter, resource, value), then
 * stored in one transaction — events idempotent by (source, id), a rating mark per touched day and,
 * when none is waiting, the automatic rating job. Nothing is stored when any event is invalid.
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../../storage/database.js';
import { type BulkColumn, encodeBatch, insertEncoded } from '../../storage/bulk-insert.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { compileJsonPath } from '../json-path.js';
import { type EnvelopeEvent, type EventIssue, checkEnvelope, numericValue } from './cloud-events.js';
import { AUTO_RATING_QUEUE, type AutoRatingPayload } from '../rating/rating-queues.js';

export const MAX_BATCH_EVENTS = 10_000;
const DAY_MS = 86_400_000;

export interface IngestDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  ratingDelayMs: number;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

export class InvalidEventsError extends Error {
  constructor(
    readonly issues: EventIssue[],
    readonly invalidEvents: number,
    readonly totalEvents: number,
  ) {
    super(`${invalidEvents} of ${totalEvents} events are invalid; nothing was stored.`);
  }
}

/** A usage event as stored (the workspace and ingest time are bound once per batch). */
export interface StoredEvent {
  source: string;
  id: string;
  meterId: string;
  subject: string;
  time: Date;
  value: string;
  data: string;
}

export const USAGE_EVENT_COLUMNS: readonly BulkColumn<'usage_events', StoredEvent>[] = [
  { name: 'source', type: 'text', value: (e) => e.source },
  { name: 'id', type: 'text', value: (e) => e.id },
  { name: 'meter_id', type: 'text', value: (e) => e.meterId },
  { name: 'subject', type: 'text', value: (e) => e.subject },
  { name: 'time', type: 'timestamptz', value: (e) => e.time },
  { name: 'value', type: 'numeric', value: (e) => e.value },
  { name: 'data', type: 'json', value: (e) => e.data },
];

interface MeterRead {
  id: string;
  read: (data: unknown) => unknown;
  counts: boolean;
  valueProperty: string | null;
}

async function metersByType(db: Executor, workspaceId: string): Promise<Map<string, MeterRead>> {
  const rows = await db
    .selectFrom('meters')
    .select(['id', 'event_type', 'value_property', 'aggregation'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const meters = new Map<string, MeterRead>();
  for (const m of rows) {
    const counts = m.aggregation === 'COUNT';
    // A stored path was checked when the meter was written; COUNT meters need none.
    const read = m.value_property ? compileJsonPath(m.value_property) : () => 1;
    meters.set(m.event_type, { id: m.id, read, counts, valueProperty: m.value_property });
  }
  return meters;
}

async function knownResources(db: Executor, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('metering_resources')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** `data.quantity` for `$.quantity`, `data['a b']` for `$['a b']`: where the issue points. */
function dataField(valueProperty: string | null): string {
  return valueProperty ? `data${valueProperty.slice(1)}` : 'data';
}

/** Checks every event; returns what to store, or throws InvalidEventsError listing each problem. */
export async function validateEvents(deps: IngestDeps, workspaceId: string, raw: readonly unknown[]): Promise<StoredEvent[]> {
  const issues: EventIssue[] = [];
  const now = deps.now();
  const envelopes: EnvelopeEvent[] = [];
  for (let i = 0; i < raw.length; i++) {
    const e = checkEnvelope(raw[i], i, now, issues);
    if (e) envelopes.push(e);
  }
  const [meters, resources] = await Promise.all([
    metersByType(deps.db, workspaceId),
    knownResources(deps.db, workspaceId, [...new Set(envelopes.map((e) => e.subject))]),
  ]);
  const stored: StoredEvent[] = [];
  for (const e of envelopes) {
    const meter = meters.get(e.type);
    const before = issues.length;
    if (!meter) issues.push({ index: e.index, field: 'type', description: `No meter counts events of type '${e.type}'.` });
    if (!resources.has(e.subject)) issues.push({ index: e.index, field: 'subject', description: `No resource '${e.subject}' in this workspace.` });
    let value: string | undefined;
    if (meter) {
      value = meter.counts ? '1' : numericValue(meter.read(e.data));
      if (value === undefined) {
        issues.push({
          index: e.index,
          field: dataField(meter.valueProperty),
          description: `The meter's value (${meter.valueProperty}) must be a number or a numeric string.`,
        });
      }
    }
    if (issues.length > before) continue;
    stored.push({ source: e.source, id: e.id, meterId: meter!.id, subject: e.subject, time: e.time, value: value!, data: JSON.stringify(e.data) });
  }
  if (issues.length > 0) throw new InvalidEventsError(issues, new Set(issues.map((i) => i.index)).size, raw.length);
  return stored;
}

/** The UTC days ('YYYY-MM-DD') the events fall on. */
function touchedDays(events: readonly StoredEvent[]): string[] {
  const days = new Set<number>();
  for (const e of events) days.add(Math.floor(e.time.getTime() / DAY_MS));
  return [...days].map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));
}

/** Queues the workspace's automatic rating unless a run is already waiting to start. */
export async function scheduleAutoRating(trx: Executor, deps: IngestDeps, workspaceId: string): Promise<void> {
  const waiting = await trx
    .selectFrom('jobs')
    .select('id')
    .where('queue', '=', AUTO_RATING_QUEUE)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  if (waiting) return;
  const payload: AutoRatingPayload = { workspaceId };
  await deps.jobs.enqueue(trx, { queue: AUTO_RATING_QUEUE, payload, workspaceId, runAt: new Date(deps.now() + deps.ratingDelayMs) });
}

export async function ingestEvents(deps: IngestDeps, workspaceId: string, raw: readonly unknown[]): Promise<IngestResult> {
  const events = await validateEvents(deps, workspaceId, raw);
  if (events.length === 0) return { accepted: 0, duplicates: 0 };
  const batch = encodeBatch('usage_events', USAGE_EVENT_COLUMNS, events);
  const ingestedAt = new Date(deps.now()).toISOString();
  const accepted = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertEncoded(
      trx,
      batch,
      [
        { name: 'workspace_id', type: 'text', value: workspaceId },
        { name: 'ingested_at', type: 'timestamptz', value: ingestedAt },
      ],
      { onConflictDoNothing: true },
    );
    if (inserted > 0) {
      const days = touchedDays(events);
      await sql`insert into rating_marks (workspace_id, day) select ${workspaceId}, d from unnest(${`{${days.join(',')}}`}::date[]) as d`.execute(trx);
      await scheduleAutoRating(trx, deps, workspaceId);
    }
    return inserted;
  });
  return { accepted, duplicates: raw.length - accepted };
}
