/** Request and response shapes of rating runs: GreenLake's async-operation resource, with a run's result. */
import { Type } from '@sinclair/typebox';
import { acceptedSchema } from '../../../platform/http/accepted.js';
import { runOperationSchema } from '../../../platform/operations/index.js';
import { RATING_RUN_TRIGGERS } from './rating.enums.js';

const day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const RatingRunBody = Type.Object(
  {
    from: day('First day to rate (inclusive), YYYY-MM-DD (UTC).'),
    to: day('Day after the last to rate (exclusive), YYYY-MM-DD (UTC).'),
  },
  { additionalProperties: false },
);

export const RunIdParams = Type.Object({ id: Type.String() });

export const AcceptedRun = acceptedSchema('The rating run id; poll the Location.');

export const RatingRun = runOperationSchema(
  'metering/rating-run',
  'ratingRunResult',
  Type.Object({
    trigger: Type.Union(RATING_RUN_TRIGGERS.map((t) => Type.Literal(t))),
    from: Type.String(),
    to: Type.String(),
    daysTotal: Type.Integer(),
    daysRated: Type.Integer(),
    recordsWritten: Type.Integer(),
  }),
);
