/** `/metering/v1/resources`: PUT, GET and DELETE one resource, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { Resource, ResourceBody } from './resources.schemas.js';
import * as service from './resources.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerResourceRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    base: '/metering/v1/resources',
    resource: 'resources',
    one: 'Resource',
    many: 'Resources',
    item: Resource,
    body: ResourceBody,
    summaries: {
      put: 'Create or replace a metered resource (201 created, 200 replaced)',
      get: 'Get a metered resource',
      delete: 'Delete a metered resource (its usage events stay)',
      list: 'List metered resources, with filter, sort, select and paging',
    },
    putDescription: 'The id is the `subject` of the resource\'s usage events. The FOCUS dimensions are copied into each cost record when its day is rated.',
    conflicts: { put: false, delete: false },
    service: { put: service.putResource, get: service.getResource, delete: service.deleteResource, list: service.listResources },
  });
}
