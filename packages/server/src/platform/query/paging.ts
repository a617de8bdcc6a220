/** offset/limit paging as the GreenLake standard defines it, with per-endpoint bounds. */
import { type TSchema, Type } from '@sinclair/typebox';

export interface PagingBounds {
  defaultLimit: number;
  maxLimit: number;
  /** `limit=0` returns no items but the right total; the standard allows it, some endpoints do not. */
  minLimit?: number;
}

/** The querystring properties `limit` and `offset`, validated (400 naming the parameter) by the route schema. */
export function pagingQuery(bounds: PagingBounds) {
  return {
    limit: Type.Optional(
      Type.Integer({
        minimum: bounds.minLimit ?? 0,
        maximum: bounds.maxLimit,
        default: bounds.defaultLimit,
        description: `Items per page, ${bounds.minLimit ?? 0}..${bounds.maxLimit}.`,
      }),
    ),
    // Past 2^53 a number loses its digits and PostgreSQL's bigint overflows: refuse it as a 400.
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Items to skip.' })),
  };
}

export interface Page<T> {
  items: T[];
  count: number;
  offset: number;
  total: number;
}

export function page<T>(items: T[], offset: number, total: number): Page<T> {
  return { items, count: items.length, offset, total };
}

export function pageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    count: Type.Integer({ description: 'Items on this page.' }),
    offset: Type.Integer(),
    total: Type.Integer({ description: 'Items matching the filter, on all pages.' }),
  });
}
