/**
 * The four routes every plain catalog resource has — PUT (create 201 / replace 200), GET, DELETE
 * (204) and the filtered list — declared once; each resource gives its path, schemas, wording and
 * service.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import type { Db } from '../../../storage/database.js';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { type ListParams, type Page, pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { Deleted, IdParams, ListQuery } from './catalog.schemas.js';
import { bodyCheckedByService } from '../../../platform/http/body-checked-by-service.js';
import { catalogConfig, tags } from './route-options.js';

export interface CrudService<Item> {
  put(db: Db, workspaceId: string, id: string, body: unknown, now: Date): Promise<{ created: boolean; item: Item }>;
  get(db: Db, workspaceId: string, id: string): Promise<Item>;
  delete(db: Db, workspaceId: string, id: string): Promise<void>;
  list(db: Db, workspaceId: string, params: ListParams): Promise<Page<Item>>;
}

export interface CrudSpec<Item> {
  /** `/metering/v1/meters` */
  base: string;
  /** Rate-limit bucket name (`meters`). */
  resource: string;
  /** operationId stems: `putMetering${one}`, `listMetering${many}`. */
  one: string;
  many: string;
  item: TSchema;
  body: TSchema;
  summaries: { put: string; get: string; delete: string; list: string };
  putDescription: string;
  /** Whether PUT and DELETE can answer 409. */
  conflicts: { put: boolean; delete: boolean };
  service: CrudService<Item>;
}

export function registerCrudRoutes<Item>(root: FastifyInstance, deps: MeteringDeps, spec: CrudSpec<Item>): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const { service } = spec;
  const conflict = (yes: boolean) => (yes ? [409] : []);

  app.put(
    `${spec.base}/:id`,
    {
      config: catalogConfig('edit', spec.resource, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: `putMetering${spec.one}`,
        summary: spec.summaries.put,
        description: spec.putDescription,
        params: IdParams,
        body: spec.body,
        response: { 200: spec.item, 201: spec.item, ...errorResponses(400, 401, 403, ...conflict(spec.conflicts.put), 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.put(db, authOf(request).workspaceId, request.params.id, request.body, new Date(deps.now()));
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${spec.base}/:id`,
    {
      config: catalogConfig('view', spec.resource, 'get'),
      schema: {
        tags,
        operationId: `getMetering${spec.one}`,
        summary: spec.summaries.get,
        params: IdParams,
        response: { 200: spec.item, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.get(db, authOf(request).workspaceId, request.params.id),
  );

  app.delete(
    `${spec.base}/:id`,
    {
      config: catalogConfig('edit', spec.resource, 'delete'),
      schema: {
        tags,
        operationId: `deleteMetering${spec.one}`,
        summary: spec.summaries.delete,
        params: IdParams,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, ...conflict(spec.conflicts.delete), 429, 500) },
      },
    },
    async (request, reply) => {
      await service.delete(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    spec.base,
    {
      config: catalogConfig('view', spec.resource, 'list'),
      schema: {
        tags,
        operationId: `listMetering${spec.many}`,
        summary: spec.summaries.list,
        querystring: ListQuery,
        response: { 200: pageSchema(spec.item), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.list(db, authOf(request).workspaceId, request.query as ListParams),
  );
}
