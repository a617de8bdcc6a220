/**
 * An inventory list's view, kept in the URL's query string so a search can be shared or bookmarked:
 * `filter` (the API's filter language), `tags` (subscriptions' `filter-tags`), `sort` as the API
 * takes it (`field` or `field desc`), `page` (1-based) and `size` (items a page). Anything missing
 * or unreadable falls back to the default, so every URL opens some list; the server judges the
 * filter and says what is wrong with it.
 */

export type Direction = 'asc' | 'desc';

export interface SortChoice {
  field: string;
  direction: Direction;
}

export interface ListState {
  filter: string;
  /** `filter-tags` (subscriptions only); '' for none. */
  tagFilter: string;
  /** null: the API's own default order. */
  sort: SortChoice | null;
  page: number;
  pageSize: number;
}

/** What one list allows: the fields it may sort by (the API's sortable fields) and its page sizes. */
export interface ListSpec {
  sortable: readonly string[];
  pageSizes: readonly number[];
  defaultPageSize: number;
  /** Whether the list takes `filter-tags`. */
  tagFilter: boolean;
}

/** Longer filters are cut: a URL stays a URL. */
export const MAX_FILTER_LENGTH = 2000;

/** The query string keys a list state owns; a page's other keys (e.g. `operation`) are left alone. */
export const LIST_PARAMS = ['filter', 'tags', 'sort', 'page', 'size'] as const;

const positiveInteger = (text: string | null): number | undefined => {
  if (text === null || !/^[1-9][0-9]{0,8}$/.test(text)) return undefined;
  return Number(text);
};

const cleanFilter = (text: string | null) => (text ?? '').trim().slice(0, MAX_FILTER_LENGTH);

/** `field`, `field asc` or `field desc`, over the spec's sortable fields; anything else is no sort. */
export function parseSort(text: string | null, sortable: readonly string[]): SortChoice | null {
  const words = (text ?? '').trim().split(/\s+/);
  const [field, dir, extra] = words;
  if (!field || extra !== undefined || !sortable.includes(field)) return null;
  const direction = (dir ?? 'asc').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') return null;
  return { field, direction };
}

export function parseListState(params: URLSearchParams, spec: ListSpec): ListState {
  const size = positiveInteger(params.get('size'));
  return {
    filter: cleanFilter(params.get('filter')),
    tagFilter: spec.tagFilter ? cleanFilter(params.get('tags')) : '',
    sort: parseSort(params.get('sort'), spec.sortable),
    page: positiveInteger(params.get('page')) ?? 1,
    pageSize: size !== undefined && spec.pageSizes.includes(size) ? size : spec.defaultPageSize,
  };
}

/** The query string of a list state, without what is at its default. */
export function serializeListState(state: ListState, spec: ListSpec): URLSearchParams {
  const params = new URLSearchParams();
  if (state.filter) params.set('filter', state.filter);
  if (spec.tagFilter && state.tagFilter) params.set('tags', state.tagFilter);
  if (state.sort) params.set('sort', sortParameter(state.sort));
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== spec.defaultPageSize) params.set('size', String(state.pageSize));
  return params;
}

/** `params` with the list's keys replaced by the state's, every other key kept. */
export function withListState(params: URLSearchParams, state: ListState, spec: ListSpec): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of LIST_PARAMS) next.delete(key);
  for (const [key, value] of serializeListState(state, spec)) next.set(key, value);
  return next;
}

/** The API's `sort` value: `field asc` or `field desc`. */
export function sortParameter(sort: SortChoice): string {
  return `${sort.field} ${sort.direction}`;
}

/** A column header's click: ascending first, then descending, then back to the API's default order; page 1 again. */
export function nextSort(state: ListState, field: string): ListState {
  const current = state.sort?.field === field ? state.sort.direction : null;
  const sort: SortChoice | null = current === null ? { field, direction: 'asc' } : current === 'asc' ? { field, direction: 'desc' } : null;
  return { ...state, sort, page: 1 };
}

/** A new filter (or tag filter) starts at page 1. */
export function withFilters(state: ListState, filter: string, tagFilter: string = state.tagFilter): ListState {
  return { ...state, filter: cleanFilter(filter), tagFilter: cleanFilter(tagFilter), page: 1 };
}

export function withPageSize(state: ListState, pageSize: number): ListState {
  return { ...state, pageSize, page: 1 };
}

/** The list API's query parameters for a state: offset/limit paging, filter, filter-tags and sort only when set. */
export function listQuery(state: ListState): { limit: number; offset: number; filter?: string; 'filter-tags'?: string; sort?: string } {
  return {
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
    ...(state.filter && { filter: state.filter }),
    ...(state.tagFilter && { 'filter-tags': state.tagFilter }),
    ...(state.sort && { sort: sortParameter(state.sort) }),
  };
}

/** The number of pages of `total` items (at least 1: an empty list still has its first page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "21–40 of 57" for the page the API answered (`offset`, `count`, `total`); "0 of 0" when empty. */
export function rangeLabel(page: { offset: number; count: number; total: number }, locale?: string): string {
  const n = (value: number) => value.toLocaleString(locale);
  if (page.count === 0) return `0 of ${n(page.total)}`;
  return `${n(page.offset + 1)}–${n(page.offset + page.count)} of ${n(page.total)}`;
}

/** A string literal of the filter language: single quotes, a quote inside doubled. */
export function filterString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
