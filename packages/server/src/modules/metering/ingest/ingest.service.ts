/**
 * Usage ingest: a batch of CloudEvents is checked whole (envelope, meter, resource, value), then
 * stored in one transaction — events idempotent by (source, id, time), a rating mark per touched day and,
 * when none is waiting, the automatic rating job. Nothing is stored when any event is invalid.
 * Every batch that reaches validation leaves one row in the ingest log (ingest-batches.repository.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../../storage/database.js';
import type { UnconfirmedPrincipal } from '../../../platform/auth/principal-check.js';
import { badRequest } from '../../../platform/errors/index.js';
import { DAY_MS, dayText } from '../../../platform/formats/index.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import { compileJsonPath } from '../catalog/json-path.js';
import { AUTO_RATING_QUEUE, type AutoRatingPayload } from '../rating/rating-queues.js';
import { type EnvelopeEvent, type EventIssue, checkEnvelope } from './cloud-events.js';
import type { EventTimeWindow } from './event-time-window.js';
import { usageValue } from './usage-values.js';
import { BATCH, MAX_BATCH_EVENTS, SINGLE } from './ingest.schemas.js';
import * as repo from './ingest.repository.js';
import { type BatchSender, insertBatch, timeSpan } from './ingest-batches.repository.js';

export interface IngestDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  ratingDelayMs: number;
  /** Which event times are taken (CONSUMO_EVENT_MAX_AGE_DAYS, CONSUMO_EVENT_MAX_FUTURE_SECONDS). */
  eventTimeWindow: EventTimeWindow;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/**
 * How long before it is due a queued rating job may be relied on to rate a batch's marks without the
 * queue's lock (ADR 0031, decision 11): the batch's one statement must commit within this time of
 * its start, far above any batch's (a job is claimed when due by the worker's clock).
 */
export const QUEUED_JOB_LEAD_MS = 1000;

export class InvalidEventsError extends Error {
  constructor(
    readonly issues: EventIssue[],
    readonly invalidEvents: number,
    readonly totalEvents: number,
    /** The first and last time among the valid events (for the ingest log); null when none is valid. */
    readonly validTimes: { first: Date; last: Date } | null = null,
  ) {
    super(`${invalidEvents} of ${totalEvents} events are invalid; nothing was stored.`);
  }
}

interface MeterRead {
  id: string;
  read: (data: unknown) => unknown;
  counts: boolean;
  valueProperty: string | null;
}

function metersByType(rows: readonly repo.MeterRow[]): Map<string, MeterRead> {
  const meters = new Map<string, MeterRead>();
  for (const m of rows) {
    const counts = m.aggregation === 'COUNT';
    // A stored path was checked when the meter was written; COUNT meters need none.
    const read = m.value_property ? compileJsonPath(m.value_property) : () => 1;
    meters.set(m.event_type, { id: m.id, read, counts, valueProperty: m.value_property });
  }
  return meters;
}

/** `data.quantity` for `$.quantity`, `data['a b']` for `$['a b']`: where the issue points. */
function dataField(valueProperty: string | null): string {
  return valueProperty ? `data${valueProperty.slice(1)}` : 'data';
}

/**
 * Checks every event; returns what to store, or throws InvalidEventsError listing each problem.
 * `principal`: the caller was let through on a remembered principal (ADR 0034); the catalog read
 * checks it, and when it no longer holds it is read in full (`confirm` throws the guard's 401 or
 * 403) before anything is written — the ingest log's row of a refused batch included.
 */
export async function validateEvents(deps: IngestDeps, workspaceId: string, raw: readonly unknown[], principal?: UnconfirmedPrincipal): Promise<repo.StoredEvent[]> {
  const issues: EventIssue[] = [];
  const now = deps.now();
  const envelopes: EnvelopeEvent[] = [];
  for (let i = 0; i < raw.length; i++) {
    const e = checkEnvelope(raw[i], i, now, issues, deps.eventTimeWindow);
    if (e) envelopes.push(e);
  }
  const catalog = await repo.catalogFor(deps.db, workspaceId, [...new Set(envelopes.map((e) => e.subject))], principal);
  if (!catalog.principalHolds) await principal!.confirm();
  const meters = metersByType(catalog.meters);
  const stored: repo.StoredEvent[] = [];
  for (const e of envelopes) {
    const meter = meters.get(e.type);
    const before = issues.length;
    if (!meter) issues.push({ index: e.index, field: 'type', description: `No meter counts events of type '${e.type}'.` });
    if (catalog.unknownSubjects.has(e.subject)) issues.push({ index: e.index, field: 'subject', description: `No resource '${e.subject}' in this workspace.` });
    let value: string | undefined;
    if (meter) {
      const read = meter.counts ? { value: '1' } : usageValue(meter.read(e.data));
      if ('value' in read) value = read.value;
      else issues.push({ index: e.index, field: dataField(meter.valueProperty), description: `The meter's value (${meter.valueProperty}) ${read.problem}.` });
    }
    if (issues.length > before) continue;
    stored.push({ source: e.source, id: e.id, meterId: meter!.id, subject: e.subject, time: e.time, timeText: e.timeText, value: value!, data: JSON.stringify(e.data) });
  }
  if (issues.length > 0) {
    throw new InvalidEventsError(issues, new Set(issues.map((i) => i.index)).size, raw.length, timeSpan(stored.map((e) => e.time)));
  }
  return stored;
}

/** What the batch's times say, read in one pass: the UTC days ('YYYY-MM-DD') and months ('YYYY-MM') they fall in, the first and last. */
function timesOf(events: readonly repo.StoredEvent[]): { days: string[]; months: Set<string>; span: { first: Date; last: Date } | null } {
  // Numbers, not Dates: comparing Dates converts both to numbers on every comparison (7 % of the
  // server's ingest CPU when it did, in a profile of bench/metering (a)).
  const dayNumbers = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  let firstEvent: repo.StoredEvent | undefined;
  let lastEvent: repo.StoredEvent | undefined;
  for (const e of events) {
    const ms = e.time.getTime();
    dayNumbers.add(Math.floor(ms / DAY_MS));
    if (ms < first) {
      first = ms;
      firstEvent = e;
    }
    if (ms > last) {
      last = ms;
      lastEvent = e;
    }
  }
  const days = [...dayNumbers].map((d) => dayText(d * DAY_MS));
  return { days, months: new Set(days.map((d) => d.slice(0, 7))), span: firstEvent && lastEvent ? { first: firstEvent.time, last: lastEvent.time } : null };
}

/** Queues the workspace's automatic rating unless a run is already waiting to start; the queue's lock must be held (repo.storeEvents). */
async function queueAutoRatingOnce(trx: Executor, deps: IngestDeps, workspaceId: string): Promise<void> {
  // The lock, held to commit, makes a concurrent batch's check see the job this one queues (one job, not one per batch).
  if (await deps.jobs.isQueued(trx, AUTO_RATING_QUEUE, workspaceId)) return;
  const payload: AutoRatingPayload = { workspaceId };
  await deps.jobs.enqueue(trx, { queue: AUTO_RATING_QUEUE, payload, workspaceId, runAt: new Date(deps.now() + deps.ratingDelayMs) });
}

/** Logs a refused batch in an insert of its own (nothing else was written), then refuses it. */
async function rejectBatch(deps: IngestDeps, workspaceId: string, err: InvalidEventsError, sender: BatchSender | undefined): Promise<never> {
  await insertBatch(deps.db, {
    id: randomUUID(),
    workspaceId,
    receivedAt: new Date(deps.now()),
    outcome: 'rejected',
    events: err.totalEvents,
    accepted: 0,
    duplicates: 0,
    invalid: err.invalidEvents,
    eventTimes: err.validTimes,
    issues: err.issues,
    sender,
  });
  throw err;
}

export async function ingestEvents(
  deps: IngestDeps,
  workspaceId: string,
  raw: readonly unknown[],
  sender?: BatchSender,
  principal?: UnconfirmedPrincipal,
): Promise<IngestResult> {
  const events = await validateEvents(deps, workspaceId, raw, principal).catch((err: unknown) =>
    err instanceof InvalidEventsError ? rejectBatch(deps, workspaceId, err, sender) : Promise.reject(err),
  );
  // An empty batch stores nothing and says nothing about the workspace's usage: it is not logged.
  if (events.length === 0) return { accepted: 0, duplicates: 0 };
  const batch = repo.encodeEvents(events);
  const times = timesOf(events);
  await repo.ensureEventPartitions(deps.db, times.months);
  const ingestedAt = new Date(deps.now());
  const log: repo.AcceptedBatch = { id: randomUUID(), workspaceId, receivedAt: ingestedAt, events: raw.length, eventTimes: times.span, sender };
  // The usual batch: the workspace's rating job is queued and cannot start before this batch has
  // committed, so one autocommitted statement stores the events, their day marks and the ingest
  // log's row, and that job rates the marks (ADR 0031, decision 11).
  const notDueBefore = new Date(ingestedAt.getTime() + QUEUED_JOB_LEAD_MS);
  const alone = await repo.storeEventsBeforeQueuedJob(deps.db, batch, log, times.days, AUTO_RATING_QUEUE, notDueBefore);
  if (alone !== undefined) return { accepted: alone, duplicates: raw.length - alone };
  // Otherwise one transaction: one statement stores the same and takes the rating queue's lock; then
  // the job, unless one is waiting (decisions 6–7).
  const accepted = await repo.storeEventsThen(deps.db, batch, log, times.days, AUTO_RATING_QUEUE, async (trx, stored) => {
    if (stored > 0) await queueAutoRatingOnce(trx, deps, workspaceId);
    return stored;
  });
  return { accepted, duplicates: raw.length - accepted };
}

/**
 * A request body as POSTed: one event or a batch, as its media type (`content-type` without
 * parameters) says; every problem becomes a 400 naming the event by index and field.
 */
export async function ingestBody(
  deps: IngestDeps,
  workspaceId: string,
  contentType: string | undefined,
  body: unknown,
  sender?: BatchSender,
  principal?: UnconfirmedPrincipal,
): Promise<IngestResult> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const isBatch = Array.isArray(body);
  if (type === BATCH && !isBatch) throw badRequest([{ source: 'field', subject: 'body', description: `A ${BATCH} body is a JSON array of events.` }]);
  if (type === SINGLE && isBatch) throw badRequest([{ source: 'field', subject: 'body', description: `A ${SINGLE} body is one event; send arrays as ${BATCH}.` }]);
  const events = isBatch ? (body as unknown[]) : [body];
  if (events.length > MAX_BATCH_EVENTS) {
    throw badRequest([{ source: 'field', subject: 'body', description: `A batch holds at most ${MAX_BATCH_EVENTS} events; this one has ${events.length}.` }]);
  }
  try {
    return await ingestEvents(deps, workspaceId, events, sender, principal);
  } catch (err) {
    if (!(err instanceof InvalidEventsError)) throw err;
    throw badRequest(
      err.issues.map((i) => ({
        source: 'field' as const,
        subject: isBatch ? `[${i.index}]${i.field ? `.${i.field}` : ''}` : i.field || 'body',
        description: i.description,
      })),
      err.message,
    );
  }
}
