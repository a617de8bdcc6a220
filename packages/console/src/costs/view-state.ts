/**
 * The cost explorer's view, kept in the URL's query string so a view can be shared or bookmarked:
 * `groupBy` or `tag` (a FOCUS tag key to stack by instead of a dimension, taken verbatim), `granularity`,
 * `cost`, `currency` (optional), `filter` (optional, cost-summary's filter language), and either
 * `range` (a relativeDate preset, recomputed each day)
 * or `from` + `to` (YYYY-MM-DD, `to` exclusive as in cost-summary). Anything missing or unreadable
 * falls back to the default, so every URL opens some view.
 */
import { DAY_MS, calendarDayMs, dayText } from '@consumo/focus/formats';
import { type DayRange, type RelativeDate, isRelativeDate, relativeRange } from '../lib/relative-dates.js';

/** The dimensions cost-summary groups by (BillingCurrency is always grouped by besides). */
export const GROUP_BY = ['ServiceName', 'ServiceCategory', 'BillingAccountId', 'SubAccountId', 'RegionId', 'ResourceType', 'SkuId', 'ChargeCategory'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const DEFAULT_GROUP_BY: GroupBy = 'ServiceName';
/** cost-summary's longest groupByTag. */
export const MAX_TAG_KEY_LENGTH = 128;

export const GRANULARITIES = ['DAY', 'MONTH'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const COST_COLUMNS = ['BilledCost', 'EffectiveCost', 'ListCost'] as const;
export type CostColumn = (typeof COST_COLUMNS)[number];

export interface CostView {
  /** The dimension stacked by; DEFAULT_GROUP_BY (and unused) while `tag` is set. */
  groupBy: GroupBy;
  /** The tag key stacked by instead of a dimension (cost-summary's groupByTag); null for none. */
  tag: string | null;
  granularity: Granularity;
  cost: CostColumn;
  /** A preset; when set, from/to are what it names today. */
  range: RelativeDate | null;
  from: string;
  to: string;
  /** The billing currency the chart and table show; null: the first one the data has. */
  currency: string | null;
  /** cost-summary's `filter` (e.g. `RegionId eq 'us-east-1'`); '' for none. The server checks it. */
  filter: string;
}

/** Longer filters are cut: a URL stays a URL. */
export const MAX_FILTER_LENGTH = 2000;

export const DEFAULT_RANGE: RelativeDate = 'LAST_30_DAYS';
/** cost-summary's limit for DAY. */
export const MAX_DAY_RANGE_DAYS = 732;

const oneOf = <T extends string>(values: readonly T[], text: string | null, fallback: T): T =>
  text !== null && (values as readonly string[]).includes(text) ? (text as T) : fallback;

const CURRENCY = /^[A-Z]{3}$/;

const isDay = (text: string | null): text is string => text !== null && calendarDayMs(text) !== undefined;

/** The view a query string names, on the day `now` falls on. */
export function parseView(params: URLSearchParams, now: number): CostView {
  const tagText = params.get('tag');
  const tag = tagText !== null && tagText.length > 0 && tagText.length <= MAX_TAG_KEY_LENGTH ? tagText : null;
  const groupBy = tag === null ? oneOf(GROUP_BY, params.get('groupBy'), DEFAULT_GROUP_BY) : DEFAULT_GROUP_BY;
  const granularity = oneOf(GRANULARITIES, params.get('granularity'), 'DAY');
  const cost = oneOf(COST_COLUMNS, params.get('cost'), 'BilledCost');
  const from = params.get('from');
  const to = params.get('to');
  const currencyText = params.get('currency')?.toUpperCase() ?? '';
  const currency = CURRENCY.test(currencyText) ? currencyText : null;
  const filter = (params.get('filter') ?? '').trim().slice(0, MAX_FILTER_LENGTH);
  const base = { groupBy, tag, granularity, cost, currency, filter };
  const rangeText = params.get('range')?.toUpperCase() ?? null;
  if (rangeText !== null && isRelativeDate(rangeText)) return { ...base, range: rangeText, ...relativeRange(rangeText, now) };
  if (isDay(from) && isDay(to) && from < to) return { ...base, range: null, from, to };
  return { ...base, range: DEFAULT_RANGE, ...relativeRange(DEFAULT_RANGE, now) };
}

/** The query string of a view: a preset is written as `range`, a custom range as `from` and `to`. */
export function serializeView(view: CostView): URLSearchParams {
  const params = new URLSearchParams(view.tag === null ? { groupBy: view.groupBy } : { tag: view.tag });
  params.set('granularity', view.granularity);
  params.set('cost', view.cost);
  if (view.range) params.set('range', view.range);
  else {
    params.set('from', view.from);
    params.set('to', view.to);
  }
  if (view.currency) params.set('currency', view.currency);
  if (view.filter) params.set('filter', view.filter);
  return params;
}

/** What the explorer stacks by: a dimension, or a tag key. */
export type StackBy = { groupBy: GroupBy } | { tag: string };

/** The view stacked by a dimension or a tag key (one excludes the other). */
export function withStackBy(view: CostView, stack: StackBy): CostView {
  return 'tag' in stack ? { ...view, groupBy: DEFAULT_GROUP_BY, tag: stack.tag } : { ...view, groupBy: stack.groupBy, tag: null };
}

/** The view with a custom range picked as first and last day (both included, as a date picker shows them). */
export function withPickedDays(view: CostView, firstDay: string, lastDay: string): CostView {
  const next = calendarDayMs(lastDay);
  if (next === undefined || calendarDayMs(firstDay) === undefined || lastDay < firstDay) return view;
  return { ...view, range: null, from: firstDay, to: dayText(next + DAY_MS) };
}

/** The last day included of a view's range. */
export function lastDayOf(range: DayRange): string {
  return dayText(calendarDayMs(range.to)! - DAY_MS);
}

/** Days in a range; cost-summary refuses more than MAX_DAY_RANGE_DAYS for DAY. */
export function rangeDays(range: DayRange): number {
  return Math.round((calendarDayMs(range.to)! - calendarDayMs(range.from)!) / DAY_MS);
}
