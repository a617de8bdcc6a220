/** The read side of rating: FOCUS cost records, cost summaries and their tag keys; schema, permission and rate limit per route. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { listCostRecords } from './cost-records.service.js';
import { costSummary } from './cost-summary.service.js';
import { costTagKeys } from './cost-tag-keys.service.js';
import { CostRecord, CostRecordsQuery, CostSummary, CostSummaryQuery, CostTagKeys, CostTagKeysQuery } from './costs.schemas.js';

const tags = ['Metering'];
const PER_MINUTE = 100;

export function registerCostRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/metering/v1/cost-records',
    {
      config: { permission: 'metering.costs.view', rateLimit: { limit: PER_MINUTE, bucket: 'metering.cost-records.list' } },
      schema: {
        tags,
        operationId: 'getCostRecords',
        summary: 'List FOCUS 1.2 cost records, with filter, filter-tags, sort, select and paging',
        querystring: CostRecordsQuery,
        response: { 200: pageSchema(CostRecord), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => listCostRecords(deps.db, authOf(request).workspaceId, request.query),
  );

  app.get(
    '/metering/v1/cost-summary',
    {
      config: { permission: 'metering.costs.view', rateLimit: { limit: PER_MINUTE, bucket: 'metering.cost-summary' } },
      schema: {
        tags,
        operationId: 'getCostSummary',
        summary: 'Sum costs and quantities by day or month, up to five FOCUS dimensions and a tag key (always per billing currency)',
        querystring: CostSummaryQuery,
        response: { 200: CostSummary, ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => costSummary(deps.db, authOf(request).workspaceId, request.query),
  );

  app.get(
    '/metering/v1/cost-tag-keys',
    {
      config: { permission: 'metering.costs.view', rateLimit: { limit: PER_MINUTE, bucket: 'metering.cost-tag-keys' } },
      schema: {
        tags,
        operationId: 'getCostTagKeys',
        summary: 'List the FOCUS tag keys on the costs of a range of days (what cost-summary can group by with groupByTag)',
        querystring: CostTagKeysQuery,
        response: { 200: CostTagKeys, ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => costTagKeys(deps.db, authOf(request).workspaceId, request.query),
  );
}
