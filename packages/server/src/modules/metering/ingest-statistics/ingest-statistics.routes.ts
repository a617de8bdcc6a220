/** GET /metering/v1/ingest-statistics (figures per day received) and GET /metering/v1/ingest-rejections (the refused batches, with their issues). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { IngestRejection, IngestRejectionsQuery, IngestStatistics, IngestStatisticsQuery } from './ingest-statistics.schemas.js';
import * as service from './ingest-statistics.service.js';

const tags = ['Metering'];
/** Like the other metering reads (cost records, cost summary). */
const PER_MINUTE = 100;

export function registerIngestStatisticsRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/metering/v1/ingest-statistics',
    {
      // Reading how usage arrives goes with reading what it costs and following rating (rating-runs GET).
      config: { permission: 'metering.costs.view', rateLimit: { limit: PER_MINUTE, bucket: 'metering.ingest-statistics' } },
      schema: {
        tags,
        operationId: 'getIngestStatistics',
        summary: 'Usage batches and events received per UTC day (accepted, duplicates, rejected), and the latest event time and arrival',
        querystring: IngestStatisticsQuery,
        response: { 200: IngestStatistics, ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.ingestStatistics(deps, authOf(request).workspaceId, request.query),
  );

  app.get(
    '/metering/v1/ingest-rejections',
    {
      config: { permission: 'metering.costs.view', rateLimit: { limit: PER_MINUTE, bucket: 'metering.ingest-rejections.list' } },
      schema: {
        tags,
        operationId: 'listIngestRejections',
        summary: 'Usage batches refused because an event was invalid, newest first, each with its first 20 issues',
        querystring: IngestRejectionsQuery,
        response: { 200: pageSchema(IngestRejection), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.ingestRejections(deps, authOf(request).workspaceId, request.query),
  );
}
