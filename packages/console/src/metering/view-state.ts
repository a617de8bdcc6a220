/**
 * The Metering page's view, kept in the URL's query string so it can be shared or bookmarked:
 * `tab` (`catalog`, `ingest`, `rating`; the first the person may see by default) and the ingest
 * range `from` + `to` (YYYY-MM-DD, `to` exclusive, as ingest-statistics takes them; default the last
 * 30 days with today). Anything missing or unreadable falls back to the default.
 */
import { DAY_MS, calendarDayMs, dayText } from '@consumo/focus/formats';

export const METERING_TABS = ['catalog', 'ingest', 'rating'] as const;
export type MeteringTab = (typeof METERING_TABS)[number];

/** What each tab's API calls need. */
export const TAB_PERMISSIONS: Record<MeteringTab, string> = {
  catalog: 'metering.catalog.view',
  ingest: 'metering.costs.view',
  rating: 'metering.costs.view',
};

export const TAB_LABELS: Record<MeteringTab, string> = { catalog: 'Catalog', ingest: 'Ingest', rating: 'Rating runs' };

/** ingest-statistics' defaults and limit. */
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

export interface DayRange {
  from: string;
  /** Exclusive. */
  to: string;
}

/** The tabs a person with `permissions` may open, in page order. */
export function allowedTabs(permissions: readonly string[]): MeteringTab[] {
  const held = new Set(permissions);
  return METERING_TABS.filter((tab) => held.has(TAB_PERMISSIONS[tab]));
}

/** `?tab=` when it names an allowed tab, else the first allowed one (undefined: none). */
export function parseTab(params: URLSearchParams, allowed: readonly MeteringTab[]): MeteringTab | undefined {
  const text = params.get('tab');
  return allowed.find((tab) => tab === text) ?? allowed[0];
}

/** The last 30 days with the one `now` falls on. */
export function defaultRange(now: number): DayRange {
  const tomorrow = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  return { from: dayText(tomorrow - DEFAULT_RANGE_DAYS * DAY_MS), to: dayText(tomorrow) };
}

/** Why a range cannot be asked for, in words; undefined when it can. */
export function rangeProblem(range: DayRange): string | undefined {
  const from = calendarDayMs(range.from);
  const to = calendarDayMs(range.to);
  if (from === undefined) return 'Choose a first day.';
  if (to === undefined) return 'Choose a last day.';
  if (to <= from) return 'The last day cannot be before the first.';
  if ((to - from) / DAY_MS > MAX_RANGE_DAYS) return `At most ${MAX_RANGE_DAYS} days at a time.`;
  return undefined;
}

/** `from` and `to` of the query string when they make a range ingest-statistics takes, else the default. */
export function parseRange(params: URLSearchParams, now: number): DayRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null && to !== null && rangeProblem({ from, to }) === undefined) return { from, to };
  return defaultRange(now);
}

/** The day before an exclusive end: the range's last day, as a person reads it. */
export function lastDay(range: DayRange): string {
  const to = calendarDayMs(range.to);
  return to === undefined ? range.to : dayText(to - DAY_MS);
}

/** A range from a first and a last day (both inclusive, as the inputs show them). */
export function rangeOfDays(firstDay: string, lastDayText: string): DayRange {
  const last = calendarDayMs(lastDayText);
  return { from: firstDay, to: last === undefined ? '' : dayText(last + DAY_MS) };
}

/** The query string with the tab (and, on the ingest tab, the range) set; other parameters stay. */
export function withView(params: URLSearchParams, tab: MeteringTab, range?: DayRange): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('tab', tab);
  if (range) {
    next.set('from', range.from);
    next.set('to', range.to);
  }
  return next;
}
