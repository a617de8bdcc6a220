/** `/metering/v1/billing-accounts/{id}/contracted-prices`: a billing account's negotiated prices, versioned per SKU. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { AccountSkuParams, DeleteVersionQuery, Deleted, IdParams, ListQuery, VersionsQuery } from './catalog.schemas.js';
import { ContractedPrice, ContractedPriceBody } from './contracted-prices.schemas.js';
import * as service from './contracted-prices.service.js';
import { bodyCheckedByService } from '../../../platform/http/body-checked-by-service.js';
import { catalogConfig, tags } from './route-options.js';

const BASE = '/metering/v1/billing-accounts/:id/contracted-prices';
const RESOURCE = 'contracted-prices';

export function registerContractedPriceRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const now = () => new Date(deps.now());
  const key = (workspaceId: string, params: { id: string; skuId: string }) => ({ workspaceId, billingAccountId: params.id, skuId: params.skuId });

  app.put(
    `${BASE}/:skuId`,
    {
      config: catalogConfig('edit', RESOURCE, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putMeteringContractedPrice',
        summary: "Write the version of a billing account's contracted price for a SKU that starts at effectiveFrom (201 added, 200 replaced)",
        description: 'Versioned exactly as list prices are: the same effectiveFrom replaces, a later one closes an open-ended version, any other overlap is a 409.',
        params: AccountSkuParams,
        body: ContractedPriceBody,
        response: { 200: ContractedPrice, 201: ContractedPrice, ...errorResponses(400, 401, 403, 404, 409, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.putContractedPrice(db, key(authOf(request).workspaceId, request.params), request.body, now());
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${BASE}/:skuId`,
    {
      config: catalogConfig('view', RESOURCE, 'get'),
      schema: {
        tags,
        operationId: 'getMeteringContractedPrice',
        summary: 'Get the version of a contracted price in force now, else the one that starts latest',
        params: AccountSkuParams,
        response: { 200: ContractedPrice, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getContractedPrice(db, key(authOf(request).workspaceId, request.params), now()),
  );

  app.get(
    `${BASE}/:skuId/versions`,
    {
      config: catalogConfig('view', RESOURCE, 'versions'),
      schema: {
        tags,
        operationId: 'listMeteringContractedPriceVersions',
        summary: 'List every version of a contracted price, by effectiveFrom ascending',
        params: AccountSkuParams,
        querystring: VersionsQuery,
        response: { 200: pageSchema(ContractedPrice), ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.listContractedPriceVersions(db, key(authOf(request).workspaceId, request.params), request.query),
  );

  app.delete(
    `${BASE}/:skuId`,
    {
      config: catalogConfig('edit', RESOURCE, 'delete'),
      schema: {
        tags,
        operationId: 'deleteMeteringContractedPrice',
        summary: 'Delete every version of a contracted price, or with effectiveFrom the one starting then',
        params: AccountSkuParams,
        querystring: DeleteVersionQuery,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteContractedPrice(db, key(authOf(request).workspaceId, request.params), request.query);
      return reply.status(204).send(null);
    },
  );

  app.get(
    BASE,
    {
      config: catalogConfig('view', RESOURCE, 'list'),
      schema: {
        tags,
        operationId: 'listMeteringContractedPrices',
        summary: "List a billing account's contracted prices, one item per SKU (in force now, else the latest)",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: pageSchema(ContractedPrice), ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.listContractedPrices(db, authOf(request).workspaceId, request.params.id, request.query, now()),
  );
}
