/**
 * The one root error handler: logs server faults and renders every error in its URL's family
 * envelope (platform/http/error-envelopes.ts) — GreenLake's unless a family registered its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, greenlakeErrorBody, toApiError } from '../errors/index.js';
import { type RenderedError, installErrorEnvelopes } from './error-envelopes.js';
import { OAUTH_PREFIXES, renderOAuthError } from './oauth-error-envelope.js';

export function sendApiError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.status(error.status).type('application/json').send(greenlakeErrorBody(error, String(request.id)));
}

/** The GreenLake envelope, the default of every JSON family. */
export function renderGreenLakeError(err: unknown, requestId: string): RenderedError {
  const error = toApiError(err);
  return {
    status: error.status,
    headers: error.headers,
    contentType: 'application/json',
    body: JSON.stringify(greenlakeErrorBody(error, requestId)),
    serverFault: error.status >= 500,
  };
}

export function sendRendered(request: FastifyRequest, reply: FastifyReply, rendered: RenderedError, err: unknown): FastifyReply {
  if (rendered.serverFault) request.log.error({ err }, 'request failed');
  else if (!(err instanceof ApiError)) request.log.debug({ err }, 'client error');
  for (const [name, value] of Object.entries(rendered.headers)) reply.header(name, value);
  return reply.status(rendered.status).type(rendered.contentType).send(rendered.body);
}

type Render = (err: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/**
 * An error handler that renders with `render`, except that a caller let through on a remembered
 * principal (ADR 0034) gets no answer its principal would not have had: the principal is read
 * first, and the guard's 401 or 403 comes before any other error, as when the guard reads first.
 */
export function confirmingPrincipal(render: Render) {
  return (err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply> => {
    const pending = request.auth?.unconfirmed;
    if (!pending) return render(err, request, reply);
    return pending.confirm().then(
      () => render(err, request, reply),
      (refused: unknown) => render(refused, request, reply),
    );
  };
}

export function installErrorHandler(app: FastifyInstance): void {
  const envelopes = installErrorEnvelopes(app, renderGreenLakeError);
  envelopes.register(OAUTH_PREFIXES, renderOAuthError);
  app.setErrorHandler(
    confirmingPrincipal((err, request, reply) => sendRendered(request, reply, envelopes.forUrl(request.url)(err, String(request.id)), err)),
  );
}
