/** `/metering/v1/meters`: PUT, GET and DELETE one meter, and the list. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { Deleted, IdParams, ListQuery } from './catalog.schemas.js';
import { Meter, MeterBody } from './meters.schemas.js';
import * as service from './meters.service.js';
import { bodyCheckedByService, catalogConfig, tags } from './route-options.js';

const BASE = '/metering/v1/meters';
const RESOURCE = 'meters';

export function registerMeterRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.put(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putMeteringMeter',
        summary: 'Create or replace a meter (201 created, 200 replaced; 409 when another meter has the event type)',
        description: 'A changed `valueProperty` applies to events ingested afterwards; stored events keep the value read at their ingest.',
        params: IdParams,
        body: MeterBody,
        response: { 200: Meter, 201: Meter, ...errorResponses(400, 401, 403, 409, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.putMeter(db, authOf(request).workspaceId, request.params.id, request.body, new Date(deps.now()));
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: catalogConfig('view', RESOURCE, 'get'),
      schema: {
        tags,
        operationId: 'getMeteringMeter',
        summary: 'Get a meter',
        params: IdParams,
        response: { 200: Meter, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getMeter(db, authOf(request).workspaceId, request.params.id),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'delete'),
      schema: {
        tags,
        operationId: 'deleteMeteringMeter',
        summary: 'Delete a meter (409 while a price names it)',
        params: IdParams,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, 409, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteMeter(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    BASE,
    {
      config: catalogConfig('view', RESOURCE, 'list'),
      schema: {
        tags,
        operationId: 'listMeteringMeters',
        summary: 'List meters, with filter, sort, select and paging',
        querystring: ListQuery,
        response: { 200: pageSchema(Meter), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listMeters(db, authOf(request).workspaceId, request.query),
  );
}
