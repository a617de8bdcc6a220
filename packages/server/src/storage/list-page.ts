/**
 * One page of a list and the exact number of rows that match, the way every list endpoint answers
 * (`{items, count, offset, total}`): the page and the count run side by side, `limit=0` reads no
 * row, and the sort always ends on a unique column so that pages never skip or repeat a row.
 */
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { PLAN_EACH_TIME } from './prepared-statements.js';

/** A sort key as repositories receive it: a column (or a name `orderExpression` knows) and a direction. */
export interface PageSort {
  column: string;
  direction: 'asc' | 'desc';
}

/** A page as a filtered list asks for it: the compiled `filter` and `filter-tags`, the sort and the window. */
export interface FilteredPageQuery {
  where: Expression<SqlBool> | undefined;
  tagWhere: Expression<SqlBool> | undefined;
  sort: readonly PageSort[];
  limit: number;
  offset: number;
}

/**
 * The sort made total: unchanged when it already names one of `unique` (a column unique in the
 * listed rows), else with `tieBreak` appended, ascending.
 */
export function stableSort(sort: readonly PageSort[], unique: readonly string[], tieBreak: string = unique[0]!): PageSort[] {
  return sort.some((k) => unique.includes(k.column)) ? [...sort] : [...sort, { column: tieBreak, direction: 'asc' }];
}

/** Orders the query by the keys, each a column reference unless `expression` says otherwise. */
export function orderedBy<QB extends SelectQueryBuilder<never, never, unknown>>(
  query: QB,
  sort: readonly PageSort[],
  expression: (key: PageSort) => Expression<unknown> = (key) => sql.ref(key.column),
): QB {
  return sort.reduce((acc, k) => acc.orderBy(expression(k), k.direction) as QB, query);
}

/**
 * Marks a filtered list's statement to be planned with its values every time (never as a kept
 * generic plan: the best plan of a filter depends on how many rows its values match).
 */
export function planEachTime<QB extends SelectQueryBuilder<never, never, unknown>>(query: QB): QB {
  return query.modifyEnd(sql.raw(PLAN_EACH_TIME)) as QB;
}

/** How many rows the (filtered, unselected) query yields. */
export async function countRows(query: SelectQueryBuilder<never, never, unknown>): Promise<number> {
  const row = await (query as SelectQueryBuilder<never, never, object>).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return (row as { n: number }).n;
}

/**
 * The page (read only when `limit` > 0) and the count of `matching`, side by side. `matching` is the
 * filtered query before any select, sort or paging; `page` reads the rows.
 */
export async function pageAndCount<R>(
  limit: number,
  page: () => Promise<R[]>,
  matching: SelectQueryBuilder<never, never, unknown>,
): Promise<{ rows: R[]; total: number }> {
  const [rows, total] = await Promise.all([limit === 0 ? Promise.resolve([]) : page(), countRows(matching)]);
  return { rows, total };
}
