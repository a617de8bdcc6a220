/** Meter schemas: the PUT body (which CloudEvents type it counts, where the value is, how a day aggregates) and the object answered. */
import { type Static, Type } from '@sinclair/typebox';
import { METER_AGGREGATIONS, type MeterAggregation } from './meters.enums.js';
import { MAX_JSON_PATH_LENGTH } from './json-path.js';
import { catalogId, text, timestampProperties } from './catalog.schemas.js';

export const AGGREGATIONS = METER_AGGREGATIONS;

export const METER_FIELDS = ['eventType', 'valueProperty', 'aggregation', 'consumedUnit'] as const;

export const MeterBody = Type.Object(
  {
    eventType: text('The CloudEvents `type` this meter counts; unique in the workspace.'),
    valueProperty: Type.Optional(
      Type.String({
        maxLength: MAX_JSON_PATH_LENGTH,
        description: "Where the value is in the event's `data`: a JSONPath subset (`$.a.b`, `$['a b']`, `$.a[0]`). Required unless aggregation is COUNT.",
        examples: ['$.gbHours'],
      }),
    ),
    aggregation: Type.String({ enum: [...AGGREGATIONS], description: 'How a day of events becomes one quantity (ADR 0012).' }),
    consumedUnit: text('FOCUS ConsumedUnit, e.g. `GB-Hours`.'),
  },
  { additionalProperties: false, title: 'MeteringMeterInput' },
);

export const Meter = Type.Object(
  {
    id: catalogId('The meter id; FOCUS SkuMeter.'),
    eventType: Type.String(),
    valueProperty: Type.Optional(Type.String()),
    aggregation: Type.String({ enum: [...AGGREGATIONS] }),
    consumedUnit: Type.String(),
    ...timestampProperties('the meter'),
  },
  { title: 'MeteringMeter' },
);
export type MeterDto = Static<typeof Meter>;

export interface MeterInput {
  eventType: string;
  valueProperty: string | null;
  aggregation: MeterAggregation;
  consumedUnit: string;
}
