/** The one error handler: logs server faults, renders every error in the GreenLake envelope. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, greenlakeErrorBody, toApiError } from '../errors/index.js';

export function sendApiError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.status(error.status).type('application/json').send(greenlakeErrorBody(error, String(request.id)));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const error = toApiError(err);
    if (error.status >= 500) request.log.error({ err }, 'request failed');
    else if (!(err instanceof ApiError)) request.log.debug({ err }, 'client error');
    return sendApiError(request, reply, error);
  });
}
