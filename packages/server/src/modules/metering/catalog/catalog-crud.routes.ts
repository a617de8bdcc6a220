/**
 * The four routes every plain catalog resource has — PUT (create 201 / replace 200), GET, DELETE
 * (204) and the filtered list — declared once; each resource gives its names, schemas, what its
 * summaries add, and its service (catalog-crud.service.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { type ListParams, pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { Deleted, IdParams, ListQuery } from './catalog.schemas.js';
import { bodyCheckedByService } from '../../../platform/http/body-checked-by-service.js';
import { catalogConfig, tags } from './route-options.js';
import type { CrudService } from './catalog-crud.service.js';

export interface CrudSpec<Item> {
  /** The path segment and rate-limit bucket name: `meters` serves `/metering/v1/meters`. */
  resource: string;
  /** The operationId stem: `putMetering${one}`, `listMetering${one}s`. */
  one: string;
  /** What the summaries call one item: `Get a ${noun}`, `List ${noun}s, …`. */
  noun: string;
  item: TSchema;
  body: TSchema;
  /** Whether it can answer 409; what its summary adds after the status codes; its description. */
  put: { conflict: boolean; note?: string; description: string };
  /** Whether it can answer 409; what its summary adds in parentheses. */
  delete: { conflict: boolean; note?: string };
  service: CrudService<Item>;
}

export function registerCrudRoutes<Item>(root: FastifyInstance, deps: MeteringDeps, spec: CrudSpec<Item>): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const { service, noun } = spec;
  const base = `/metering/v1/${spec.resource}`;
  const conflict = (yes: boolean) => (yes ? [409] : []);

  app.put(
    `${base}/:id`,
    {
      config: catalogConfig('edit', spec.resource, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: `putMetering${spec.one}`,
        summary: `Create or replace a ${noun} (201 created, 200 replaced${spec.put.note ? `; ${spec.put.note}` : ''})`,
        description: spec.put.description,
        params: IdParams,
        body: spec.body,
        response: { 200: spec.item, 201: spec.item, ...errorResponses(400, 401, 403, ...conflict(spec.put.conflict), 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.put(db, authOf(request).workspaceId, request.params.id, request.body, new Date(deps.now()));
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: catalogConfig('view', spec.resource, 'get'),
      schema: {
        tags,
        operationId: `getMetering${spec.one}`,
        summary: `Get a ${noun}`,
        params: IdParams,
        response: { 200: spec.item, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.get(db, authOf(request).workspaceId, request.params.id),
  );

  app.delete(
    `${base}/:id`,
    {
      config: catalogConfig('edit', spec.resource, 'delete'),
      schema: {
        tags,
        operationId: `deleteMetering${spec.one}`,
        summary: `Delete a ${noun}${spec.delete.note ? ` (${spec.delete.note})` : ''}`,
        params: IdParams,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, ...conflict(spec.delete.conflict), 429, 500) },
      },
    },
    async (request, reply) => {
      await service.delete(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    base,
    {
      config: catalogConfig('view', spec.resource, 'list'),
      schema: {
        tags,
        operationId: `listMetering${spec.one}s`,
        summary: `List ${noun}s, with filter, sort, select and paging`,
        querystring: ListQuery,
        response: { 200: pageSchema(spec.item), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.list(db, authOf(request).workspaceId, request.query as ListParams),
  );
}
