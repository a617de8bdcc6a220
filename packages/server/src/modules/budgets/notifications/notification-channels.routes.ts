/** `/budgets/v1/notification-channels`: list, get, create, replace, merge-patch and delete the workspace's alert channels. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { bodyCheckedByService } from '../../../platform/http/body-checked-by-service.js';
import { type ListParams, pageSchema } from '../../../platform/query/index.js';
import type { BudgetsDeps } from '../budgets-deps.js';
import {
  ChannelBody, ChannelListQuery, ChannelParams, ChannelPatchBody, CreatedNotificationChannel, NotificationChannel,
} from './notification-channels.schemas.js';
import * as service from './notification-channels.service.js';

const tags = ['Budgets'];
const BASE = '/budgets/v1/notification-channels';
/** Ours, per workspace and minute. */
const LIMITS = { read: 120, write: 30 } as const;

export function registerNotificationChannelRoutes(root: FastifyInstance, deps: BudgetsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const view = (op: string) => ({ permission: 'budgets.view' as const, rateLimit: { limit: LIMITS.read, bucket: `budgets.notification-channels.${op}` } });
  const edit = (op: string) => ({ permission: 'budgets.edit' as const, rateLimit: { limit: LIMITS.write, bucket: `budgets.notification-channels.${op}` } });
  const now = () => new Date(deps.now());

  app.get(
    BASE,
    {
      config: view('list'),
      schema: {
        tags,
        operationId: 'listNotificationChannels',
        summary: 'List the notification channels, with filter, sort, select and paging',
        querystring: ChannelListQuery,
        response: { 200: pageSchema(NotificationChannel), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => service.listChannels(db, authOf(request).workspaceId, request.query as ListParams),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: view('get'),
      schema: {
        tags,
        operationId: 'getNotificationChannel',
        summary: 'Get a notification channel (a webhook\'s signing secret is never answered again)',
        params: ChannelParams,
        response: { 200: NotificationChannel, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getChannel(db, authOf(request).workspaceId, request.params.id),
  );

  app.post(
    BASE,
    {
      config: edit('create'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'createNotificationChannel',
        summary: 'Create a notification channel; answers 201 with Location (and a webhook\'s signing secret, this once)',
        description:
          'WEBHOOK `{name, url, enabled}`: every alert is POSTed as JSON with `Consumo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` ' +
          'keyed with `signingSecret`, and `Consumo-Delivery: <delivery id>` (the same on every retry: an idempotency key). ' +
          'EMAIL `{name, recipients}`: one message per alert and recipient. Alerts go to the channels enabled when they are created.',
        body: ChannelBody,
        response: { 201: CreatedNotificationChannel, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const created = await service.createChannel(db, authOf(request).workspaceId, request.body, now());
      return reply.status(201).header('Location', `${BASE}/${created.id}`).send(created);
    },
  );

  app.put(
    `${BASE}/:id`,
    {
      config: edit('put'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'replaceNotificationChannel',
        summary: 'Replace a notification channel (its kind and a webhook\'s signing secret stay)',
        params: ChannelParams,
        body: ChannelBody,
        response: { 200: NotificationChannel, ...errorResponses(400, 401, 403, 404, 415, 429, 500) },
      },
    },
    (request) => service.replaceChannel(db, authOf(request).workspaceId, request.params.id, request.body, now()),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: edit('patch'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'patchNotificationChannel',
        summary: 'Change a notification channel with a JSON merge patch',
        params: ChannelParams,
        body: ChannelPatchBody,
        response: { 200: NotificationChannel, ...errorResponses(400, 401, 403, 404, 415, 429, 500) },
      },
    },
    (request) => service.patchChannel(db, authOf(request).workspaceId, request.params.id, request.body, now()),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: edit('delete'),
      schema: {
        tags,
        operationId: 'deleteNotificationChannel',
        summary: 'Delete a notification channel (its deliveries not yet made are dropped)',
        params: ChannelParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteChannel(db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
