/** Which meter fields the list's filter, sort and select may touch. */
import { idKeyedList, nullable } from './catalog.fields.js';

export const meterList = idKeyedList({
  eventType: 'string',
  valueProperty: nullable('string'),
  aggregation: 'string',
  consumedUnit: 'string',
});
