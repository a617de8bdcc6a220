/** Ingest statistics and rejected batches: query strings and response shapes. */
import { Type, type Static } from '@sinclair/typebox';
import { pagingQuery } from '../../../platform/query/index.js';
import { DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS } from './ingest-statistics-params.js';

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const count = (description: string) => Type.Integer({ minimum: 0, description });

export const IngestStatisticsQuery = Type.Object({
  from: Type.Optional(
    Type.String({ description: `First day included (UTC), an ISO date (YYYY-MM-DD); default ${DEFAULT_RANGE_DAYS} days before \`to\`.`, examples: ['2026-11-01'] }),
  ),
  to: Type.Optional(
    Type.String({
      description: `First day not included, an ISO date after \`from\` and at most ${MAX_RANGE_DAYS} days after it; default tomorrow (UTC), so that today is in.`,
      examples: ['2026-12-01'],
    }),
  ),
});
export type IngestStatisticsQuery = Static<typeof IngestStatisticsQuery>;

const figures = {
  batches: count('Batches received (accepted and rejected).'),
  events: count('Events in those batches: accepted + duplicates + rejectedEvents.'),
  accepted: count('Events stored.'),
  duplicates: count('Events of accepted batches that were stored before (or repeated in their batch).'),
  rejectedBatches: count('Batches refused with a 400 because an event was invalid (nothing of them stored).'),
  rejectedEvents: count('Events in the rejected batches, valid or not.'),
};

export const IngestDay = Type.Object(
  { day: Type.String({ format: 'date', description: 'The UTC day the batches were received.' }), ...figures },
  { title: 'IngestDay' },
);

export const IngestStatistics = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    days: Type.Array(IngestDay, { description: 'Every day from `from` up to `to`, in order; days without batches have zeros.' }),
    totals: Type.Object(figures, { description: 'The sums over the days.' }),
    lastEventTime: nullable(Type.String({ format: 'date-time', description: 'The latest event time of any accepted batch, whenever received; null before the first.' })),
    lastReceivedAt: nullable(Type.String({ format: 'date-time', description: 'When the workspace last sent a batch (accepted or rejected); null before the first.' })),
  },
  { title: 'IngestStatistics' },
);
export type IngestStatisticsDto = Static<typeof IngestStatistics>;

export const IngestRejectionsQuery = Type.Object(pagingQuery({ defaultLimit: 20, maxLimit: 100 }));
export type IngestRejectionsQuery = Static<typeof IngestRejectionsQuery>;

export const EventIssue = Type.Object(
  {
    index: Type.Integer({ minimum: 0, description: "The event's position in the batch (0 for a single event)." }),
    field: Type.String({ description: "The attribute, or a path into it (`data.quantity`); empty when the event itself is not an object." }),
    description: Type.String(),
  },
  { title: 'EventIssue' },
);

export const IngestRejection = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    receivedAt: Type.String({ format: 'date-time' }),
    events: count('Events in the batch.'),
    invalidEvents: count('Events with at least one issue.'),
    issueCount: count('Issues the 400 listed.'),
    issues: Type.Array(EventIssue, { description: 'The first 20 issues, as the 400 listed them.' }),
    firstEventTime: nullable(Type.String({ format: 'date-time', description: 'The earliest time among its valid events; null when none was valid.' })),
    lastEventTime: nullable(Type.String({ format: 'date-time' })),
    sentBy: Type.Union([
      Type.Object({
        type: Type.Union([Type.Literal('client'), Type.Literal('api-token'), Type.Literal('user')]),
        id: Type.String({ description: 'The API client, workspace API token or user that sent it.' }),
      }),
      Type.Null(),
    ]),
  },
  { title: 'IngestRejection' },
);
export type IngestRejectionDto = Static<typeof IngestRejection>;
