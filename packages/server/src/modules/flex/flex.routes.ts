/** Flex Solutions v1beta1 routes: schema, permission and rate limit per route; the service does the work. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../../storage/database.js';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { pageSchema } from '../../platform/query/index.js';
import { Device, DeviceParams, DevicesQuery, Order, OrdersQuery, TransformItem, TransformQuery } from './flex.schemas.js';
import * as service from './flex.service.js';

// HPE documents 100 requests per minute, per workspace, on each of the four endpoints.
const PER_MINUTE = 100;
const tags = ['Flex Solutions'];

export function registerFlexRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/flex/v1beta1/orders',
    {
      config: { permission: 'flex.orders.view', rateLimit: { limit: PER_MINUTE, bucket: 'flex.orders.list' } },
      schema: {
        tags,
        operationId: 'getOrders',
        summary: 'Get and search for Flex orders',
        querystring: OrdersQuery,
        response: { 200: pageSchema(Order), ...errorResponses(400, 401, 403, 422, 429, 500) },
      },
    },
    (request) => service.listOrders(db, authOf(request).workspaceId, request.query),
  );

  app.get(
    '/flex/v1beta1/orders/transform',
    {
      config: { permission: 'flex.orders.view', rateLimit: { limit: PER_MINUTE, bucket: 'flex.orders.transform' } },
      schema: {
        tags,
        operationId: 'getOrdersTransform',
        summary: 'Get distinct transformative data for orders',
        querystring: TransformQuery,
        response: { 200: pageSchema(TransformItem), ...errorResponses(400, 401, 403, 422, 429, 500) },
      },
    },
    (request) => service.transformOrders(db, authOf(request).workspaceId, request.query),
  );

  app.get(
    '/flex/v1beta1/devices',
    {
      config: { permission: 'flex.devices.view', rateLimit: { limit: PER_MINUTE, bucket: 'flex.devices.list' } },
      schema: {
        tags,
        operationId: 'getDevices',
        summary: 'Get and search for Flex devices',
        querystring: DevicesQuery,
        response: { 200: pageSchema(Device), ...errorResponses(400, 401, 403, 422, 429, 500) },
      },
    },
    (request) => service.listDevices(db, authOf(request).workspaceId, request.query),
  );

  app.get(
    '/flex/v1beta1/devices/:id',
    {
      // The hot look-up (issue 18): the caller's principal is checked in the device's own statement (ADR 0034).
      config: { permission: 'flex.devices.view', rateLimit: { limit: PER_MINUTE, bucket: 'flex.devices.get' }, principalCheckedByQuery: true },
      schema: {
        tags,
        operationId: 'getDevice',
        summary: 'Get a single device by resource ID',
        params: DeviceParams,
        response: { 200: Device, ...errorResponses(400, 401, 403, 404, 422, 429, 500) },
      },
    },
    (request) => {
      const auth = authOf(request);
      return service.getDevice(db, auth.workspaceId, request.params.id, auth.unconfirmed);
    },
  );
}
