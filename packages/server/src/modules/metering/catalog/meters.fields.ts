/** Which meter fields the list's filter, sort and select may touch, and as which columns. */
import type { FieldMap } from '../../../platform/filter-sql/index.js';
import type { ListSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

const filterFields: FieldMap = {
  id: { column: 'id', type: 'string' },
  eventType: { column: 'event_type', type: 'string' },
  valueProperty: { column: 'value_property', type: 'string', nullable: true },
  aggregation: { column: 'aggregation', type: 'string' },
  consumedUnit: { column: 'consumed_unit', type: 'string' },
  createdAt: { column: 'created_at', type: 'timestamp' },
  updatedAt: { column: 'updated_at', type: 'timestamp' },
};

export const meterList: ListSpec = {
  filterFields,
  sortColumns: Object.fromEntries(Object.entries(filterFields).map(([name, spec]) => [name, spec.column])),
  defaultSort: [{ column: 'id', direction: 'asc' }],
  selectFields: [...Object.keys(filterFields)],
  defaultLimit: DEFAULT_LIMIT,
};
