/** Request and response shapes of rating runs: GreenLake's async-operation resource, with a run's result. */
import { Type } from '@sinclair/typebox';

const day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const RatingRunBody = Type.Object(
  {
    from: day('First day to rate (inclusive), YYYY-MM-DD (UTC).'),
    to: day('Day after the last to rate (exclusive), YYYY-MM-DD (UTC).'),
  },
  { additionalProperties: false },
);

export const RunIdParams = Type.Object({ id: Type.String() });

export const AcceptedRun = Type.Object({
  code: Type.Integer(),
  status: Type.String(),
  transactionId: Type.String({ description: 'The rating run id; poll the Location.' }),
});

export const RatingRun = Type.Object({
  id: Type.String(),
  type: Type.Literal('metering/rating-run'),
  status: Type.Union(['INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT'].map((s) => Type.Literal(s))),
  progressPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.Optional(Type.String({ format: 'date-time' })),
  suggestedPollingIntervalSeconds: Type.Integer(),
  timeoutMinutes: Type.Integer(),
  resultType: Type.Literal('ratingRunResult'),
  result: Type.Object({
    trigger: Type.Union([Type.Literal('request'), Type.Literal('ingest'), Type.Literal('seed')]),
    from: Type.String(),
    to: Type.String(),
    daysTotal: Type.Integer(),
    daysRated: Type.Integer(),
    recordsWritten: Type.Integer(),
  }),
  error: Type.Optional(Type.Object({}, { additionalProperties: true })),
});
