/** @consumo/filter: the GreenLake/OData filter language (parse, AST, format); no dependencies. */
// Every AST node type; the AST's two values are named below.
export type * from './ast.js';
export { comparisonOperators, visit } from './ast.js';
export { FilterSyntaxError } from './filter-syntax-error.js';
export { format, formatLiteral, formatOperand } from './format.js';
export * as node from './nodes.js';
export { MAX_FILTER_LENGTH, MAX_NESTING, parse, parseTagFilter } from './parser.js';
export { isRfc3339Timestamp } from './timestamp.js';
