/** Ingest statistics (figures per day received, the latest times) and the rejected batches, from the ingest log. */
import { DAY_MS, dayText } from '../../../platform/formats/index.js';
import { type Page, isoUtcMillis, page } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import * as queries from './ingest-log-reads.repository.js';
import { parseStatisticsRange } from './ingest-statistics-params.js';
import type { IngestRejectionDto, IngestRejectionsQuery, IngestStatisticsDto, IngestStatisticsQuery } from './ingest-statistics.schemas.js';

type Figures = Omit<queries.DayFigures, 'day'>;

const zero = (): Figures => ({ batches: 0, events: 0, accepted: 0, duplicates: 0, rejectedBatches: 0, rejectedEvents: 0 });

function add(sum: Figures, day: Figures): void {
  for (const key of Object.keys(sum) as (keyof Figures)[]) sum[key] += day[key];
}

const iso = (date: Date | null) => (date === null ? null : isoUtcMillis(date));

export async function ingestStatistics(deps: Pick<MeteringDeps, 'db' | 'now'>, workspaceId: string, query: IngestStatisticsQuery): Promise<IngestStatisticsDto> {
  const range = parseStatisticsRange(query, deps.now());
  const [found, latest] = await Promise.all([
    queries.figuresByDay(deps.db, workspaceId, new Date(range.fromMs), new Date(range.toMs)),
    queries.latestTimes(deps.db, workspaceId),
  ]);
  const byDay = new Map(found.map((d) => [d.day, d]));
  const days: IngestStatisticsDto['days'] = [];
  const totals = zero();
  for (let ms = range.fromMs; ms < range.toMs; ms += DAY_MS) {
    const day = dayText(ms);
    const figures = byDay.get(day) ?? { day, ...zero() };
    add(totals, figures);
    days.push(figures);
  }
  return { from: range.from, to: range.to, days, totals, lastEventTime: iso(latest.lastEventTime), lastReceivedAt: iso(latest.lastReceivedAt) };
}

function rejection(row: queries.IngestBatchRow): IngestRejectionDto {
  return {
    id: row.id,
    receivedAt: isoUtcMillis(row.received_at),
    events: row.events,
    invalidEvents: row.invalid,
    issueCount: row.issue_count,
    issues: row.issues ?? [],
    firstEventTime: iso(row.first_event_time),
    lastEventTime: iso(row.last_event_time),
    sentBy: row.principal_type && row.principal_id ? { type: row.principal_type as 'client' | 'api-token' | 'user', id: row.principal_id } : null,
  };
}

export async function ingestRejections(deps: Pick<MeteringDeps, 'db'>, workspaceId: string, query: IngestRejectionsQuery): Promise<Page<IngestRejectionDto>> {
  const offset = query.offset ?? 0;
  const { rows, total } = await queries.rejectedBatches(deps.db, workspaceId, query.limit ?? 20, offset);
  return page(rows.map(rejection), offset, total);
}
