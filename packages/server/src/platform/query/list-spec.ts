/**
 * One table per list resource: each public field once, with what the filter needs to read it and
 * flags for what the vendor lets a client do with it; `listSpec` turns it into the ListSpec that
 * parseListQuery reads.
 */
import type { Expression } from 'kysely';
import type { FieldSpec } from '../filter-sql/index.js';
import type { ListSpec } from './list-query.js';
import type { Direction, SortKey } from './sort.js';

/** A field read from a column (or an expression): filterable, sortable and selectable unless a flag says not. */
export interface ColumnField extends FieldSpec {
  /** false: `filter` may not name it. */
  filter?: boolean;
  /** false: `sort` may not name it; a string: it sorts by that column rather than by `column`. */
  sort?: boolean | string;
  /** false: `select` may not name it (e.g. the item nests it under another property). */
  select?: boolean;
}

/** A property of each item that no filter or sort reads (a constant, JSON, a nested object): only `select` names it. */
export interface SelectOnlyField {
  column?: never;
  filter: false;
  sort: false;
  select?: true;
}

export const selectOnly: SelectOnlyField = { filter: false, sort: false };

export type ListField = ColumnField | SelectOnlyField;

/**
 * Public field name (nested names with `/`) → field. Its order is the order in which a 400 lists
 * the fields that filter, sort or select accept: the order an item carries them.
 */
export type ListFields = Readonly<Record<string, ListField>>;

/** A public field, ascending, or followed by its direction as the `sort` parameter writes it. */
export type DefaultSortKey<Field extends string> = Field | `${Field} ${Direction}`;

export interface ListOptions<Field extends string> {
  /** The sort when the request names none; every field of it must be sortable. */
  defaultSort: readonly DefaultSortKey<Field>[];
  defaultLimit: number;
  /** false: the list has no `select` parameter, and any field named in one is refused. */
  select?: false;
}

function isColumnField(field: ListField): field is ColumnField {
  return field.column !== undefined;
}

/** The ListSpec of a table; throws (at module load) on a default sort over a field that cannot be sorted. */
export function listSpec<const Fields extends ListFields>(fields: Fields, options: ListOptions<keyof Fields & string>): ListSpec {
  const filterFields: Record<string, FieldSpec> = {};
  const sortColumns: Record<string, string> = {};
  const selectFields: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (field.select !== false && options.select !== false) selectFields.push(name);
    if (!isColumnField(field)) continue;
    const { filter, sort, select: _select, ...spec } = field;
    if (filter !== false) filterFields[name] = spec;
    if (sort !== false) sortColumns[name] = typeof sort === 'string' ? sort : spec.column;
  }
  const defaultSort = options.defaultSort.map((key): SortKey => {
    const [name = '', direction = 'asc'] = key.split(' ') as [string, Direction | undefined];
    const column = Object.hasOwn(sortColumns, name) ? sortColumns[name] : undefined;
    if (column === undefined) throw new Error(`Default sort: '${name}' is not a sortable field.`);
    return { column, direction };
  });
  return { filterFields, sortColumns, defaultSort, selectFields, defaultLimit: options.defaultLimit };
}

/**
 * The spec with one filter field read through `expression` (a field that depends on the request's
 * clock): the table is built once, at module load, and a request only swaps that one field.
 */
export function withFieldExpression(spec: ListSpec, field: string, expression: Expression<unknown>): ListSpec {
  const current = spec.filterFields[field];
  if (!current) throw new Error(`'${field}' is not a filter field of this list.`);
  return { ...spec, filterFields: { ...spec.filterFields, [field]: { ...current, expression } } };
}
