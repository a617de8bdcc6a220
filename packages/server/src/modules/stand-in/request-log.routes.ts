/**
 * The request log (ADR 0023): hooks that record every request outside the control plane once it is
 * answered, and the routes that read and clear the log. Installed only in stand-in mode.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../platform/http/error-responses.js';
import { isControlPath, pathOf } from './path-glob.js';
import { type LoggedBody, type RequestLog, loggedBody, redactHeaders, redactedQuery } from './request-log.service.js';
import { RequestLogPage, RequestLogQuery, STAND_IN_ONLY } from './stand-in.schemas.js';

const tags = ['Stand-in'];
const permission = 'platform.workspaces.manage' as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** Stand-in mode: the response body as sent, for the request log. */
    standInResponseBody: LoggedBody | undefined;
  }
}

export function registerRequestLogRoutes(root: FastifyInstance, log: RequestLog): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/_consumo/requests',
    {
      config: { permission },
      schema: {
        tags, description: STAND_IN_ONLY, operationId: 'listLoggedRequests', summary: 'The last requests served (not /_consumo/ ones), newest first, credentials redacted',
        querystring: RequestLogQuery, response: { 200: RequestLogPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { method, path, status, since, limit } = request.query;
      const { items, total } = log.query({
        ...(method !== undefined && { method }),
        ...(path !== undefined && { path }),
        ...(status !== undefined && { status }),
        ...(since !== undefined && { sinceMs: Date.parse(since) }),
        limit: limit ?? 100,
      });
      return { items, count: items.length, total };
    },
  );
  app.delete(
    '/_consumo/requests',
    { config: { permission }, schema: { tags, description: STAND_IN_ONLY, operationId: 'clearLoggedRequests', summary: 'Empty the request log', response: { 204: Type.Null({ description: 'Emptied.' }), ...errorResponses(401, 403) } } },
    async (_request, reply) => {
      log.clear();
      return reply.status(204).send(null);
    },
  );
}

function byteLength(payload: unknown): number {
  if (typeof payload === 'string') return Buffer.byteLength(payload);
  if (Buffer.isBuffer(payload)) return payload.length;
  return 0;
}

export function installRequestLogHooks(app: FastifyInstance, log: RequestLog): void {
  app.decorateRequest('standInResponseBody', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    if (isControlPath(pathOf(request.url))) return payload;
    const type = reply.getHeader('content-type');
    const contentType = typeof type === 'string' ? type : undefined;
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      request.standInResponseBody = loggedBody(undefined, text, byteLength(payload), contentType);
    } else if (payload !== null && payload !== undefined) {
      // A stream (a download): its size is not known here and its content is not kept.
      request.standInResponseBody = { text: null, bytes: Number(reply.getHeader('content-length') ?? 0), truncated: true };
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const path = pathOf(request.url);
    if (isControlPath(path)) return;
    const requestType = request.headers['content-type'];
    const requestBytes = Number(request.headers['content-length'] ?? 0) || 0;
    const type = reply.getHeader('content-type');
    log.add({
      requestId: String(request.id),
      receivedAt: new Date(Date.now() - reply.elapsedTime).toISOString(),
      method: request.method,
      path,
      query: redactedQuery(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
      workspaceId: request.auth?.workspaceId ?? null,
      requestHeaders: redactHeaders(request.headers),
      requestBody: loggedBody(request.body ?? undefined, undefined, requestBytes, requestType),
      responseContentType: typeof type === 'string' ? type : null,
      responseBody: request.standInResponseBody ?? { text: null, bytes: 0, truncated: false },
    });
  });
}
