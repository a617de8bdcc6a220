/**
 * While the server drains (SIGTERM), a request that still arrives — pipelined, or on a keep-alive
 * connection — is a 503 in its family's envelope (ADR 0022), with `Retry-After` and
 * `Connection: close`, instead of Fastify's own `{error, message, statusCode}` body.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/index.js';

export function installDraining(app: FastifyInstance, isClosing: () => boolean): void {
  // A callback hook, not an async one: it runs on every request, and a promise per request costs more than the check.
  app.addHook('onRequest', (_request, _reply, done) => {
    if (!isClosing()) return done();
    throw new ApiError('SERVICE_UNAVAILABLE', {
      message: 'The server is shutting down; send the request again (another process answers it).',
      headers: { 'Retry-After': '1', Connection: 'close' },
    });
  });
}
