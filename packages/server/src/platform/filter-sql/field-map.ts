/** The per-resource allow-list: which public fields a filter may name, as which SQL columns and types. */
import type { Expression } from 'kysely';

export type FieldType = 'string' | 'uuid' | 'integer' | 'decimal' | 'boolean' | 'timestamp';

export interface FieldSpec {
  /** The SQL column, optionally qualified (`make`, `d.make`); referenced through `sql.ref`. */
  column: string;
  /** The type of the column, or of each element when `array` is set. */
  type: FieldType;
  /** The column may hold NULL; comparisons then get explicit null handling (two-valued logic). */
  nullable?: boolean;
  /** The column is an SQL array whose elements are never NULL; only `'value' in field` applies. */
  array?: boolean;
  /** An SQL expression to read instead of `column` (e.g. a constant or a computed value). */
  expression?: Expression<unknown>;
}

/** Public field name (nested names with `/`, e.g. `tags/name`) → how to read it. */
export type FieldMap = Readonly<Record<string, FieldSpec>>;
