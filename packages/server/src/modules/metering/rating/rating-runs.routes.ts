/** Rating runs: POST a range (202 + Location of the run, an async operation), GET one, list them. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendAccepted } from '../../../platform/http/accepted.js';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema, pagingQuery } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { AcceptedRun, RatingRun, RatingRunBody, RunIdParams } from './rating-runs.schemas.js';
import * as service from './rating-runs.service.js';

const tags = ['Metering'];
const BASE = '/metering/v1/rating-runs';

export function registerRatingRunRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    BASE,
    {
      config: { permission: 'metering.rating.run', rateLimit: { limit: 30, bucket: 'metering.rating-runs.create' } },
      schema: {
        tags,
        operationId: 'postRatingRun',
        summary: 'Rate (or re-rate) the days from `from` up to `to`; answers 202 and an async operation',
        body: RatingRunBody,
        response: { 202: AcceptedRun, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const id = await service.startRun(deps, authOf(request).workspaceId, request.body);
      return sendAccepted(reply, `${BASE}/${id}`, id);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { permission: 'metering.costs.view', rateLimit: { limit: 60, bucket: 'metering.rating-runs.get' } },
      schema: {
        tags,
        operationId: 'getRatingRun',
        summary: 'Progress and result of a rating run',
        params: RunIdParams,
        response: { 200: RatingRun, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getRun(deps, authOf(request).workspaceId, request.params.id),
  );

  app.get(
    BASE,
    {
      config: { permission: 'metering.costs.view', rateLimit: { limit: 60, bucket: 'metering.rating-runs.list' } },
      schema: {
        tags,
        operationId: 'listRatingRuns',
        summary: 'Rating runs of the workspace, newest first (requested and automatic)',
        querystring: Type.Object(pagingQuery({ defaultLimit: 20, maxLimit: 100 })),
        response: { 200: pageSchema(RatingRun), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listRuns(deps, authOf(request).workspaceId, request.query.limit ?? 20, request.query.offset ?? 0),
  );
}
