/** Filter compiler: `filter` and `filter-tags` text → parameterized Kysely SQL predicates. */
export { compileFilter } from './compile-filter.js';
export { compileTagFilter } from './compile-tag-filter.js';
export type { FieldMap, FieldSpec, FieldType } from './field-map.js';
export { numericOverflow } from './numeric-range.js';
