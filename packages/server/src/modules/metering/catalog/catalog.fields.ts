/**
 * How the catalog's list tables are written: a catalog column is always its field's name in
 * snake_case, so a field names only its type; the fields every object shares are written once.
 */
import { listSpec, type ListFields, type ListSpec, type SelectOnlyField } from '../../../platform/query/index.js';
import type { DefaultSortKey } from '../../../platform/query/list-spec.js';
import type { FieldType } from '../../../platform/filter-sql/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

/** A field read from its snake_case column (NOT NULL unless `nullable`), or one only `select` names. */
export type CatalogField = FieldType | { type: FieldType; nullable: true } | SelectOnlyField;
export type CatalogFields = Readonly<Record<string, CatalogField>>;

export const nullable = (type: FieldType) => ({ type, nullable: true }) as const;

/** createdAt and updatedAt, last but for what only `select` names. */
export const timestampFields = { createdAt: 'timestamp', updatedAt: 'timestamp' } as const;
/** The half-open range a versioned object is in force. */
export const effectiveRangeFields = { effectiveFrom: 'timestamp', effectiveTo: nullable('timestamp') } as const;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function listFields(fields: CatalogFields): ListFields {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => {
      if (typeof field === 'string') return [name, { column: snakeCase(name), type: field }];
      return [name, 'type' in field ? { column: snakeCase(name), ...field } : field];
    }),
  );
}

/** The ListSpec of a catalog list, in its fields' order, with the catalog's default page size. */
export function catalogList<const Fields extends CatalogFields>(fields: Fields, defaultSort: DefaultSortKey<keyof Fields & string>): ListSpec {
  return listSpec(listFields(fields), { defaultSort: [defaultSort], defaultLimit: DEFAULT_LIMIT });
}

/** The list of an object kept by id: `id` first, then its own fields, then the timestamps; sorted by id. */
export function idKeyedList(fields: CatalogFields): ListSpec {
  return catalogList({ id: 'string', ...fields, ...timestampFields }, 'id');
}
