/** `/metering/v1/resources`: PUT, GET and DELETE one resource, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { Resource, ResourceBody } from './resources.schemas.js';
import { resources } from './resources.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerResourceRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    resource: 'resources',
    one: 'Resource',
    noun: 'metered resource',
    item: Resource,
    body: ResourceBody,
    put: {
      conflict: false,
      description: "The id is the `subject` of the resource's usage events. The FOCUS dimensions are copied into each cost record when its day is rated.",
    },
    delete: { conflict: false, note: 'its usage events stay' },
    service: resources,
  });
}
