import { describe, expect, it } from 'vitest';
import {
  type ListSpec, MAX_FILTER_LENGTH, filterString, listQuery, nextSort, pageCount, parseListState, parseSort, rangeLabel, serializeListState,
  withFilters, withListState, withPageSize,
} from '../../src/inventory/list-state.js';

const spec: ListSpec = { sortable: ['key', 'endTime', 'quantity'], pageSizes: [50, 100, 200], defaultPageSize: 50, tagFilter: true };
const noTags: ListSpec = { ...spec, tagFilter: false };
const parse = (query: string, s: ListSpec = spec) => parseListState(new URLSearchParams(query), s);

describe('an inventory list in the URL', () => {
  it('opens the first page in the API’s default order from an empty query', () => {
    expect(parse('')).toEqual({ filter: '', tagFilter: '', sort: null, page: 1, pageSize: 50 });
  });

  it('reads filter, tag filter, sort, page and size', () => {
    expect(parse("filter=key eq 'A'&tags='env' eq 'prod'&sort=endTime desc&page=3&size=100")).toEqual({
      filter: "key eq 'A'",
      tagFilter: "'env' eq 'prod'",
      sort: { field: 'endTime', direction: 'desc' },
      page: 3,
      pageSize: 100,
    });
  });

  it('leaves the filter to the server but trims and bounds it', () => {
    expect(parse('filter=  not even (a filter  ').filter).toBe('not even (a filter');
    expect(parse(`filter=${'x'.repeat(MAX_FILTER_LENGTH + 10)}`).filter).toHaveLength(MAX_FILTER_LENGTH);
  });

  it('ignores a tag filter on a list without one', () => {
    expect(parse("tags='env' eq 'prod'", noTags).tagFilter).toBe('');
    expect(serializeListState({ ...parse(''), tagFilter: "'a' eq 'b'" }, noTags).toString()).toBe('');
  });

  it('falls back to the default for what it cannot read', () => {
    expect(parse('page=0&size=7')).toMatchObject({ page: 1, pageSize: 50 });
    expect(parse('page=-2&size=abc')).toMatchObject({ page: 1, pageSize: 50 });
    expect(parse('page=1.5')).toMatchObject({ page: 1 });
    expect(parse('sort=password')).toMatchObject({ sort: null });
    expect(parse('sort=key sideways')).toMatchObject({ sort: null });
    expect(parse('sort=key asc extra')).toMatchObject({ sort: null });
  });

  it('reads a sort as the API writes it: the field alone is ascending, the direction in any case', () => {
    expect(parseSort('key', spec.sortable)).toEqual({ field: 'key', direction: 'asc' });
    expect(parseSort('quantity DESC', spec.sortable)).toEqual({ field: 'quantity', direction: 'desc' });
    expect(parseSort('  endTime   asc ', spec.sortable)).toEqual({ field: 'endTime', direction: 'asc' });
    expect(parseSort('', spec.sortable)).toBeNull();
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(serializeListState(parse(''), spec).toString()).toBe('');
    const state = { filter: "key eq 'A'", tagFilter: "'env' eq 'prod'", sort: { field: 'key', direction: 'desc' as const }, page: 2, pageSize: 200 };
    const written = serializeListState(state, spec);
    expect(Object.fromEntries(written)).toEqual({ filter: "key eq 'A'", tags: "'env' eq 'prod'", sort: 'key desc', page: '2', size: '200' });
    expect(parseListState(written, spec)).toEqual(state);
  });

  it('keeps the page’s other parameters when the list changes', () => {
    const params = new URLSearchParams('operation=abc&page=4&filter=x');
    const next = withListState(params, { ...parse(''), filter: 'y' }, spec);
    expect(Object.fromEntries(next)).toEqual({ operation: 'abc', filter: 'y' });
  });
});

describe('changing a list', () => {
  const base = { filter: '', tagFilter: '', sort: null, page: 4, pageSize: 50 };

  it('cycles a column: ascending, descending, the default order; back to page 1 each time', () => {
    const asc = nextSort(base, 'key');
    expect(asc).toMatchObject({ sort: { field: 'key', direction: 'asc' }, page: 1 });
    const desc = nextSort({ ...asc, page: 3 }, 'key');
    expect(desc).toMatchObject({ sort: { field: 'key', direction: 'desc' }, page: 1 });
    expect(nextSort(desc, 'key')).toMatchObject({ sort: null, page: 1 });
    // Another column starts ascending.
    expect(nextSort(desc, 'endTime')).toMatchObject({ sort: { field: 'endTime', direction: 'asc' } });
  });

  it('starts a new filter or page size at page 1', () => {
    expect(withFilters(base, "  key eq 'A' ")).toMatchObject({ filter: "key eq 'A'", page: 1 });
    expect(withFilters({ ...base, tagFilter: 'old' }, 'f', "'a' eq 'b'")).toMatchObject({ filter: 'f', tagFilter: "'a' eq 'b'", page: 1 });
    expect(withFilters({ ...base, tagFilter: 'kept' }, 'f').tagFilter).toBe('kept');
    expect(withPageSize(base, 100)).toMatchObject({ pageSize: 100, page: 1 });
  });
});

describe('the list API’s parameters', () => {
  it('pages by offset and limit, and sends filter, filter-tags and sort only when set', () => {
    expect(listQuery({ filter: '', tagFilter: '', sort: null, page: 1, pageSize: 20 })).toEqual({ limit: 20, offset: 0 });
    expect(listQuery({ filter: "make eq 'HPE'", tagFilter: "'a' eq 'b'", sort: { field: 'make', direction: 'desc' }, page: 3, pageSize: 20 })).toEqual({
      limit: 20,
      offset: 40,
      filter: "make eq 'HPE'",
      'filter-tags': "'a' eq 'b'",
      sort: 'make desc',
    });
  });

  it('counts pages and says which items are shown', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(rangeLabel({ offset: 20, count: 20, total: 57 }, 'en-US')).toBe('21–40 of 57');
    expect(rangeLabel({ offset: 0, count: 0, total: 0 }, 'en-US')).toBe('0 of 0');
    expect(rangeLabel({ offset: 1000, count: 3, total: 1003 }, 'en-US')).toBe('1,001–1,003 of 1,003');
  });

  it('quotes a string for the filter language, doubling a quote inside', () => {
    expect(filterString('Acme')).toBe("'Acme'");
    expect(filterString("O'Brien & Sons")).toBe("'O''Brien & Sons'");
  });
});
