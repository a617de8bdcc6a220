/** `/metering/v1/commitments`: PUT, GET and DELETE one commitment, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { Commitment, CommitmentBody } from './commitments.schemas.js';
import * as service from './commitments.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerCommitmentRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    base: '/metering/v1/commitments',
    resource: 'commitments',
    one: 'Commitment',
    many: 'Commitments',
    item: Commitment,
    body: CommitmentBody,
    summaries: {
      put: 'Create or replace a commitment (201 created, 200 replaced; 409 when it overlaps another of the same account and SKU)',
      get: 'Get a commitment',
      delete: 'Delete a commitment',
      list: 'List commitments, with filter, sort, select and paging',
    },
    putDescription: "Committed and minimum quantities are per day, in the consumed unit of the SKU's meter; rating bills max(actual, committed, minimum).",
    conflicts: { put: true, delete: false },
    service: { put: service.putCommitment, get: service.getCommitment, delete: service.deleteCommitment, list: service.listCommitments },
  });
}
