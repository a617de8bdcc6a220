/** `/metering/v1/billing-accounts`: PUT, GET and DELETE one account, and the list. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { pageSchema } from '../../../platform/query/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { BillingAccount, BillingAccountBody } from './billing-accounts.schemas.js';
import * as service from './billing-accounts.service.js';
import { Deleted, IdParams, ListQuery } from './catalog.schemas.js';
import { bodyCheckedByService, catalogConfig, tags } from './route-options.js';

const BASE = '/metering/v1/billing-accounts';
const RESOURCE = 'billing-accounts';

export function registerBillingAccountRoutes(root: FastifyInstance, deps: MeteringDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.put(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putMeteringBillingAccount',
        summary: 'Create or replace a billing account (201 created, 200 replaced)',
        description: 'The same accounts Flex orders name. `accountingDay` starts each billing period; `fiscalStartMonth` each fiscal year.',
        params: IdParams,
        body: BillingAccountBody,
        response: { 200: BillingAccount, 201: BillingAccount, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const { created, item } = await service.putBillingAccount(db, authOf(request).workspaceId, request.params.id, request.body, new Date(deps.now()));
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: catalogConfig('view', RESOURCE, 'get'),
      schema: {
        tags,
        operationId: 'getMeteringBillingAccount',
        summary: 'Get a billing account',
        params: IdParams,
        response: { 200: BillingAccount, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getBillingAccount(db, authOf(request).workspaceId, request.params.id),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: catalogConfig('edit', RESOURCE, 'delete'),
      schema: {
        tags,
        operationId: 'deleteMeteringBillingAccount',
        summary: 'Delete a billing account (409 while resources, contracted prices or commitments name it)',
        params: IdParams,
        response: { 204: Deleted, ...errorResponses(400, 401, 403, 404, 409, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteBillingAccount(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    BASE,
    {
      config: catalogConfig('view', RESOURCE, 'list'),
      schema: {
        tags,
        operationId: 'listMeteringBillingAccounts',
        summary: 'List billing accounts, with filter, sort, select and paging',
        querystring: ListQuery,
        response: { 200: pageSchema(BillingAccount), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listBillingAccounts(db, authOf(request).workspaceId, request.query),
  );
}
