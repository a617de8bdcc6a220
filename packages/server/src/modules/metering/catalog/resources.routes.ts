/** `/metering/v1/resources`: PUT, GET and DELETE one resource, and the list. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { Deleted, IdParams, ListQuery } from './catalog.schemas.js';
import { Resource, ResourceBody } from './resources.schemas.js';
import * as service from './resources.service.js';
import { bodyCheckedByService, catalogConfig, tags } from './route-options.js';

const BASE = '/metering/v1/resources';
const RESOURCE = 'resources';

export function registerResourceRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.put(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putMeteringResource',
        summary: 'Create or replace a metered resource (201 created, 200 replaced)',
        description:
          'The id is the `subject` of the resource\'s usage events. The FOCUS dimensions are copied into each cost record when its day is rated.',
        params: IdParams,
        body: ResourceBody,
        response: { 200: Resource, 201: Resource, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.putResource(db, authOf(request).workspaceId, request.params.id, request.body, new Date(deps.now()));
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: catalogConfig('view', RESOURCE, 'get'),
      schema: {
        tags,
        operationId: 'getMeteringResource',
        summary: 'Get a metered resource',
        params: IdParams,
        response: { 200: Resource, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getResource(db, authOf(request).workspaceId, request.params.id),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'delete'),
      schema: {
        tags,
        operationId: 'deleteMeteringResource',
        summary: 'Delete a metered resource (its usage events stay)',
        params: IdParams,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteResource(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    BASE,
    {
      config: catalogConfig('view', RESOURCE, 'list'),
      schema: {
        tags,
        operationId: 'listMeteringResources',
        summary: 'List metered resources, with filter, sort, select and paging',
        querystring: ListQuery,
        response: { 200: pageSchema(Resource), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listResources(db, authOf(request).workspaceId, request.query),
  );
}
