/** Turns a list endpoint's filter, sort, select, limit and offset into what a repository and a service need. */
import type { RawBuilder } from 'kysely';
import { type FieldMap, compileFilter } from '../filter-sql/index.js';
import { parseSelect } from './select.js';
import type { ListParameter } from './list-parameter.js';
import { type SortKey, parseSort } from './sort.js';

export interface ListSpec {
  filterFields: FieldMap;
  sortColumns: Readonly<Record<string, string>>;
  defaultSort: readonly SortKey[];
  selectFields: readonly string[];
  defaultLimit: number;
}

export interface ListParams {
  filter?: string;
  sort?: ListParameter;
  select?: ListParameter;
  limit?: number;
  offset?: number;
}

export interface ListQuery {
  where: RawBuilder<boolean> | undefined;
  sort: SortKey[];
  limit: number;
  offset: number;
  /** The fields to return, or undefined for all. */
  selected: string[] | undefined;
}

/** Every problem is a 400 naming its parameter (see parseSort, parseSelect, compileFilter). */
export function parseListQuery(params: ListParams, spec: ListSpec): ListQuery {
  return {
    where: params.filter === undefined ? undefined : compileFilter(params.filter, spec.filterFields),
    sort: parseSort(params.sort, spec.sortColumns, spec.defaultSort),
    limit: params.limit ?? spec.defaultLimit,
    offset: params.offset ?? 0,
    selected: parseSelect(params.select, spec.selectFields),
  };
}
