/** `/metering/v1/meters`: PUT, GET and DELETE one meter, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { Meter, MeterBody } from './meters.schemas.js';
import * as service from './meters.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerMeterRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    base: '/metering/v1/meters',
    resource: 'meters',
    one: 'Meter',
    many: 'Meters',
    item: Meter,
    body: MeterBody,
    summaries: {
      put: 'Create or replace a meter (201 created, 200 replaced; 409 when another meter has the event type)',
      get: 'Get a meter',
      delete: 'Delete a meter (409 while a price names it)',
      list: 'List meters, with filter, sort, select and paging',
    },
    putDescription: 'A changed `valueProperty` applies to events ingested afterwards; stored events keep the value read at their ingest.',
    conflicts: { put: true, delete: true },
    service: { put: service.putMeter, get: service.getMeter, delete: service.deleteMeter, list: service.listMeters },
  });
}
