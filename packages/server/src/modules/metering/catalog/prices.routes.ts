/** `/metering/v1/prices`: PUT a version, GET the current one or all of them, DELETE, and the list (one item per SKU). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { DeleteVersionQuery, Deleted, ListQuery, SkuParams, VersionsQuery } from './catalog.schemas.js';
import { Price, PriceBody } from './prices.schemas.js';
import * as service from './prices.service.js';
import { bodyCheckedByService } from '../../../platform/http/body-checked-by-service.js';
import { catalogConfig, tags } from './route-options.js';

const BASE = '/metering/v1/prices';
const RESOURCE = 'prices';

export function registerPriceRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const now = () => new Date(deps.now());

  app.put(
    `${BASE}/:skuId`,
    {
      config: catalogConfig('edit', RESOURCE, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putMeteringPrice',
        summary: 'Write the version of a SKU price that starts at effectiveFrom (201 added, 200 replaced)',
        description:
          'The same effectiveFrom replaces that version. A later one adds a version and closes an open-ended earlier version at ' +
          'the new start. Any other overlap with an existing version is a 409 naming it. A cost record keeps the prices it was ' +
          'rated with: a change reaches a day when that day is rated again.',
        params: SkuParams,
        body: PriceBody,
        response: { 200: Price, 201: Price, ...errorResponses(400, 401, 403, 409, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.putPrice(db, authOf(request).workspaceId, request.params.skuId, request.body, now());
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${BASE}/:skuId`,
    {
      config: catalogConfig('view', RESOURCE, 'get'),
      schema: {
        tags,
        operationId: 'getMeteringPrice',
        summary: 'Get the version of a SKU price in force now, else the one that starts latest',
        params: SkuParams,
        response: { 200: Price, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getPrice(db, authOf(request).workspaceId, request.params.skuId, now()),
  );

  app.get(
    `${BASE}/:skuId/versions`,
    {
      config: catalogConfig('view', RESOURCE, 'versions'),
      schema: {
        tags,
        operationId: 'listMeteringPriceVersions',
        summary: 'List every version of a SKU price, by effectiveFrom ascending',
        params: SkuParams,
        querystring: VersionsQuery,
        response: { 200: pageSchema(Price), ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.listPriceVersions(db, authOf(request).workspaceId, request.params.skuId, request.query),
  );

  app.delete(
    `${BASE}/:skuId`,
    {
      config: catalogConfig('edit', RESOURCE, 'delete'),
      schema: {
        tags,
        operationId: 'deleteMeteringPrice',
        summary: 'Delete every version of a SKU price, or with effectiveFrom the one starting then',
        params: SkuParams,
        querystring: DeleteVersionQuery,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deletePrice(db, authOf(request).workspaceId, request.params.skuId, request.query);
      return reply.status(204).send(null);
    },
  );

  app.get(
    BASE,
    {
      config: catalogConfig('view', RESOURCE, 'list'),
      schema: {
        tags,
        operationId: 'listMeteringPrices',
        summary: 'List SKU prices, one item per SKU (the version in force now, else the latest), with filter, sort, select and paging',
        querystring: ListQuery,
        response: { 200: pageSchema(Price), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listPrices(db, authOf(request).workspaceId, request.query, now()),
  );
}
