/** `/metering/v1/meters`: PUT, GET and DELETE one meter, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { Meter, MeterBody } from './meters.schemas.js';
import { meters } from './meters.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerMeterRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    resource: 'meters',
    one: 'Meter',
    noun: 'meter',
    item: Meter,
    body: MeterBody,
    put: {
      conflict: true,
      note: '409 when another meter has the event type',
      description: 'A changed `valueProperty` applies to events ingested afterwards; stored events keep the value read at their ingest.',
    },
    delete: { conflict: true, note: '409 while a price names it' },
    service: meters,
  });
}
