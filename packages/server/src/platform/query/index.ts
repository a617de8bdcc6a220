export { pagingQuery, page, pageSchema, type Page, type PagingBounds } from './paging.js';
export { parseSort, type SortKey, type Direction } from './sort.js';
export { parseSelect, project } from './select.js';
export { isoUtc, isoUtcMillis } from './iso-utc.js';
export { parseListQuery, type ListQuery, type ListParams, type ListSpec } from './list-query.js';
export { listParameter, commaList, type ListParameter } from './list-parameter.js';
export { listSpec, selectOnly, withFieldExpression, type ColumnField, type ListField, type ListFields, type ListOptions, type SelectOnlyField } from './list-spec.js';
