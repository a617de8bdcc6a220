/** `/metering/v1/commitments`: PUT, GET and DELETE one commitment, and the list. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { Deleted, IdParams, ListQuery } from './catalog.schemas.js';
import { Commitment, CommitmentBody } from './commitments.schemas.js';
import * as service from './commitments.service.js';
import { bodyCheckedByService, catalogConfig, tags } from './route-options.js';

const BASE = '/metering/v1/commitments';
const RESOURCE = 'commitments';

export function registerCommitmentRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.put(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putMeteringCommitment',
        summary: 'Create or replace a commitment (201 created, 200 replaced; 409 when it overlaps another of the same account and SKU)',
        description: 'Committed and minimum quantities are per day, in the consumed unit of the SKU\'s meter; rating bills max(actual, committed, minimum).',
        params: IdParams,
        body: CommitmentBody,
        response: { 200: Commitment, 201: Commitment, ...errorResponses(400, 401, 403, 409, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.putCommitment(db, authOf(request).workspaceId, request.params.id, request.body, new Date(deps.now()));
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: catalogConfig('view', RESOURCE, 'get'),
      schema: {
        tags,
        operationId: 'getMeteringCommitment',
        summary: 'Get a commitment',
        params: IdParams,
        response: { 200: Commitment, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getCommitment(db, authOf(request).workspaceId, request.params.id),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'delete'),
      schema: {
        tags,
        operationId: 'deleteMeteringCommitment',
        summary: 'Delete a commitment',
        params: IdParams,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteCommitment(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    BASE,
    {
      config: catalogConfig('view', RESOURCE, 'list'),
      schema: {
        tags,
        operationId: 'listMeteringCommitments',
        summary: 'List commitments, with filter, sort, select and paging',
        querystring: ListQuery,
        response: { 200: pageSchema(Commitment), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listCommitments(db, authOf(request).workspaceId, request.query),
  );
}
