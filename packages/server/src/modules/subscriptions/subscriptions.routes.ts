/**
 * Subscription routes of every published version: v1 and v1beta1 (the same operations; v1beta1
 * has no dry-run, lists at most 50 and is deprecated), the v1alpha1 legacy list, and v2beta1 bulk
 * unclaim. Schema, permission and per-workspace rate limit per route; the service does the work.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import { sendAccepted } from '../../platform/http/accepted.js';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { pageSchema } from '../../platform/query/index.js';
import { deprecationHeaders } from '../../platform/http/deprecation.js';
import type { SubscriptionsDeps } from './subscriptions-deps.js';
import {
  AddBody, AsyncOperation, AsyncResponse, BulkDeleteBody, IdParams, LegacySubscription, ListQueryV1, ListQueryV1Alpha1, ListQueryV1Beta1,
  PatchBody, PatchQuery, PatchQueryV1Beta1, Subscription, WriteQuery,
} from './subscriptions.schemas.js';
import * as service from './subscriptions.service.js';

const tags = ['Subscription Management'];
// Documented per-workspace limits (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/); bulk unclaim states none, so it gets the update limit.
const LIMITS = { add: 4, update: 5, list: 60, get: 20, operation: 30, legacyList: 40, unclaim: 5 } as const;

interface VersionSpec {
  version: 'v1' | 'v1beta1';
  suffix: string;
  listQuery: TSchema;
  dryRun: boolean;
  deprecated: boolean;
}

const versions: VersionSpec[] = [
  { version: 'v1', suffix: 'V1', listQuery: ListQueryV1, dryRun: true, deprecated: false },
  { version: 'v1beta1', suffix: 'V1Beta1', listQuery: ListQueryV1Beta1, dryRun: false, deprecated: true },
];

/** The GreenLake 202, with `Location` naming the operation to poll. */
const accepted = (reply: FastifyReply, operationsPath: string, id: string) => sendAccepted(reply, `${operationsPath}/${id}`, id);

function registerVersion(app: FastifyInstance, deps: SubscriptionsDeps, spec: VersionSpec): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = `/subscriptions/${spec.version}`;
  const operationsPath = `${base}/async-operations`;
  const bucket = (name: string) => `subscriptions.${spec.version}.${name}`;
  const hooks = spec.deprecated ? { onSend: deprecationHeaders } : {};
  const deprecated = spec.deprecated ? { deprecated: true } : {};

  api.post(
    `${base}/subscriptions`,
    {
      ...hooks,
      config: { permission: 'subscriptions.edit', rateLimit: { limit: LIMITS.add, bucket: bucket('add') } },
      schema: {
        tags,
        ...deprecated,
        operationId: `postSubscriptions${spec.suffix}`,
        summary: 'Add subscriptions (claim one to five keys); answers 202 and an async operation',
        ...(spec.dryRun && { querystring: WriteQuery }),
        body: AddBody,
        response: { 202: AsyncResponse, ...errorResponses(400, 401, 403, 415, 422, 429, 500) },
      },
    },
    async (request, reply) => {
      const query = request.query as { 'dry-run'?: boolean };
      if (!spec.dryRun) service.refuseDryRun(query);
      const add = service.validateAdd(request.body);
      const id = await service.operations.accept(deps, {
        workspaceId: authOf(request).workspaceId,
        kind: 'add',
        apiVersion: spec.version,
        dryRun: query['dry-run'] === true,
        request: add,
      });
      return accepted(reply, operationsPath, id);
    },
  );

  api.patch(
    `${base}/subscriptions`,
    {
      ...hooks,
      config: { permission: 'subscriptions.edit', rateLimit: { limit: LIMITS.update, bucket: bucket('update') } },
      schema: {
        tags,
        ...deprecated,
        operationId: `patchSubscriptions${spec.suffix}`,
        summary: 'Update the tags of subscriptions (JSON merge patch); answers 202 and an async operation',
        querystring: spec.dryRun ? PatchQuery : PatchQueryV1Beta1,
        body: PatchBody,
        response: { 202: AsyncResponse, ...errorResponses(400, 401, 403, 415, 422, 429, 500) },
      },
    },
    async (request, reply) => {
      const query = request.query as { id: string[]; 'dry-run'?: boolean };
      if (!spec.dryRun) service.refuseDryRun(query);
      const update = service.validateUpdate(query.id, request.body);
      const id = await service.operations.accept(deps, {
        workspaceId: authOf(request).workspaceId,
        kind: 'update',
        apiVersion: spec.version,
        dryRun: query['dry-run'] === true,
        request: update,
      });
      return accepted(reply, operationsPath, id);
    },
  );

  api.get(
    `${base}/subscriptions`,
    {
      ...hooks,
      config: { permission: 'subscriptions.view', rateLimit: { limit: LIMITS.list, bucket: bucket('list') } },
      schema: {
        tags,
        ...deprecated,
        operationId: `getSubscriptions${spec.suffix}`,
        summary: 'List the subscriptions of the workspace, with filter, filter-tags, sort, select and paging',
        querystring: spec.listQuery,
        response: { 200: pageSchema(Subscription), ...errorResponses(400, 401, 403, 422, 429, 500) },
      },
    },
    (request) => service.listSubscriptions(deps, authOf(request).workspaceId, request.query as service.ListParams),
  );

  api.get(
    `${base}/subscriptions/:id`,
    {
      ...hooks,
      config: { permission: 'subscriptions.view', rateLimit: { limit: LIMITS.get, bucket: bucket('get') } },
      schema: {
        tags,
        ...deprecated,
        operationId: spec.version === 'v1' ? 'getSubscriptionDetailsByIDV1' : `getSubscriptionDetailsByID${spec.suffix}`,
        summary: 'Get one subscription by id',
        params: IdParams,
        response: { 200: Subscription, ...errorResponses(400, 401, 403, 404, 422, 429, 500) },
      },
    },
    (request) => service.getSubscription(deps, authOf(request).workspaceId, request.params.id),
  );

  api.get(
    `${operationsPath}/:id`,
    {
      ...hooks,
      config: { permission: 'subscriptions.view', rateLimit: { limit: LIMITS.operation, bucket: bucket('async-operations') } },
      schema: {
        tags,
        ...deprecated,
        operationId: `getSubscriptionsAsyncOperationResource${spec.suffix}`,
        summary: 'Get the progress and result of an asynchronous subscription operation',
        params: IdParams,
        response: { 200: AsyncOperation, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.operations.getOperation(deps, authOf(request).workspaceId, request.params.id),
  );
}

export function registerSubscriptionRoutes(root: FastifyInstance, deps: SubscriptionsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  for (const spec of versions) registerVersion(app, deps, spec);

  app.get(
    '/subscriptions/v1alpha1/subscriptions',
    {
      onSend: deprecationHeaders,
      config: { permission: 'subscriptions.view', rateLimit: { limit: LIMITS.legacyList, bucket: 'subscriptions.v1alpha1.list' } },
      schema: {
        tags,
        deprecated: true,
        operationId: 'getSubscriptionsV1Alpha1',
        summary: 'List subscriptions in the legacy (v1alpha1) item schema',
        querystring: ListQueryV1Alpha1,
        response: { 200: pageSchema(LegacySubscription), ...errorResponses(400, 401, 403, 422, 429, 500) },
      },
    },
    (request) => service.listLegacySubscriptions(deps, authOf(request).workspaceId, request.query),
  );

  app.delete(
    '/subscriptions/v2beta1/subscriptions/bulk',
    {
      config: { permission: 'subscriptions.edit', rateLimit: { limit: LIMITS.unclaim, bucket: 'subscriptions.v2beta1.unclaim' } },
      schema: {
        tags,
        operationId: 'deleteSubscriptionsBulkV2Beta1',
        summary: 'Unclaim up to ten subscriptions (their keys return to the catalog); answers 202 and an async operation',
        body: BulkDeleteBody,
        response: { 202: AsyncResponse, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const unclaim = service.validateUnclaim(request.body);
      const id = await service.operations.accept(deps, {
        workspaceId: authOf(request).workspaceId,
        kind: 'unclaim',
        apiVersion: 'v2beta1',
        dryRun: false,
        request: unclaim,
      });
      // No v2beta1 async-operations path is published; the v1 one serves every operation (ADR 0009).
      return accepted(reply, '/subscriptions/v1/async-operations', id);
    },
  );
}
