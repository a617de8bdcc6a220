/** `/metering/v1/commitments`: PUT, GET and DELETE one commitment, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { Commitment, CommitmentBody } from './commitments.schemas.js';
import { commitments } from './commitments.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerCommitmentRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    resource: 'commitments',
    one: 'Commitment',
    noun: 'commitment',
    item: Commitment,
    body: CommitmentBody,
    put: {
      conflict: true,
      note: '409 when it overlaps another of the same account and SKU',
      description: "Committed and minimum quantities are per day, in the consumed unit of the SKU's meter; rating bills max(actual, committed, minimum).",
    },
    delete: { conflict: false },
    service: commitments,
  });
}
