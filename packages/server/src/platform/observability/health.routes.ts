/** Liveness and readiness probes: live while the process runs, ready while the database answers. */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../storage/database.js';
import { ApiError } from '../errors/index.js';
import { ping } from './health.repository.js';

const Health = Type.Object({ status: Type.String() });

export function installHealth(app: FastifyInstance, db: Db, isClosing: () => boolean): void {
  app.get(
    '/health/live',
    { schema: { tags: ['Operations'], operationId: 'live', summary: 'Liveness probe', response: { 200: Health } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/health/ready',
    { schema: { tags: ['Operations'], operationId: 'ready', summary: 'Readiness probe: the database answers', response: { 200: Health } } },
    async () => {
      if (isClosing()) throw new ApiError('SERVICE_UNAVAILABLE', { message: 'Shutting down.' });
      try {
        await ping(db);
      } catch {
        throw new ApiError('SERVICE_UNAVAILABLE', { message: 'The database does not answer.' });
      }
      return { status: 'ok' };
    },
  );
}
