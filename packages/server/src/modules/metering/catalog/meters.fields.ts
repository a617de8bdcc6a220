/** Which meter fields the list's filter, sort and select may touch, and as which columns. */
import { listSpec } from '../../../platform/query/index.js';
import { DEFAULT_LIMIT } from './catalog.schemas.js';

export const meterList = listSpec(
  {
    id: { column: 'id', type: 'string' },
    eventType: { column: 'event_type', type: 'string' },
    valueProperty: { column: 'value_property', type: 'string', nullable: true },
    aggregation: { column: 'aggregation', type: 'string' },
    consumedUnit: { column: 'consumed_unit', type: 'string' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  { defaultSort: ['id'], defaultLimit: DEFAULT_LIMIT },
);
