/**
 * Faults (ADR 0023): the routes that add, list and delete them, and the two hooks that apply them
 * — one in onRequest before authentication (faults for any caller, the token endpoints' included)
 * and one in preParsing after it (faults for one workspace, whose caller is known by then). Both
 * are installed only in stand-in mode; without it no hook runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError, type ErrorName, errorCatalog, notFound } from '../../platform/errors/index.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import type { Fault, FaultBook } from './faults.service.js';
import { isControlPath, pathOf } from './path-glob.js';
import { CreateFault, Fault as FaultSchema, FaultList, FaultParams, STAND_IN_ONLY } from './stand-in.schemas.js';

const tags = ['Stand-in'];
const permission = 'platform.workspaces.manage' as const;

export function registerFaultRoutes(root: FastifyInstance, faults: FaultBook): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/_consumo/faults',
    {
      config: { permission },
      schema: {
        tags, operationId: 'createFault', summary: 'Inject a fault into the requests that match',
        description: `${STAND_IN_ONLY} ` +
          "Matching requests (never /_consumo/ ones) get the action: a status in the path's family envelope (429 with X-RateLimit-* and Retry-After), a body of your own, a delay, or a connection closed mid-body.",
        body: CreateFault, response: { 201: FaultSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => reply.status(201).send(faults.add(request.body)),
  );
  app.get(
    '/_consumo/faults',
    { config: { permission }, schema: { tags, description: STAND_IN_ONLY, operationId: 'listFaults', summary: 'List injected faults with their hits', response: { 200: FaultList, ...errorResponses(401, 403) } } },
    async () => {
      const items = faults.list();
      return { items, count: items.length };
    },
  );
  app.delete(
    '/_consumo/faults',
    { config: { permission }, schema: { tags, description: STAND_IN_ONLY, operationId: 'clearFaults', summary: 'Delete every fault', response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(401, 403) } } },
    async (_request, reply) => {
      faults.clear();
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/_consumo/faults/:id',
    {
      config: { permission },
      schema: { tags, description: STAND_IN_ONLY, operationId: 'deleteFault', summary: 'Delete a fault', params: FaultParams, response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      if (!faults.delete(request.params.id)) throw notFound('fault', request.params.id, { noun: 'Fault' });
      return reply.status(204).send(null);
    },
  );
}

const errorNameByStatus = new Map<number, ErrorName>();
for (const [name, entry] of Object.entries(errorCatalog) as [ErrorName, { status: number }][]) {
  if (!errorNameByStatus.has(entry.status)) errorNameByStatus.set(entry.status, name);
}

/** The path's family envelope for a status, with the rate-limit headers a real 429 carries. */
function familyResponse(request: FastifyRequest, status: number): { headers: Record<string, string>; contentType: string; body: string } {
  const name = errorNameByStatus.get(status) ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  const limit = request.routeOptions.config?.rateLimit?.limit;
  const error =
    status === 429
      ? new ApiError('TOO_MANY_REQUESTS', {
          headers: { 'X-RateLimit-Limit': String(limit ?? 60), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '60', 'Retry-After': '60' },
          details: [{ type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.ratelimit', metadata: { apiRateLimit: 'Too Many Requests. Rate limit has exceeded a predefined value.' } }],
        })
      : new ApiError(name);
  const rendered = request.server.errorEnvelopes.forUrl(request.url)(error, String(request.id));
  return { headers: rendered.headers, contentType: rendered.contentType, body: rendered.body };
}

async function apply(fault: Fault, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const { action } = fault;
  if (action.latencyMs) await sleep(action.latencyMs);
  if (action.status === undefined && !action.dropConnection) return undefined;
  const status = action.status ?? 200;
  const given = action.body === undefined ? undefined : typeof action.body === 'string' ? action.body : JSON.stringify(action.body);
  const family =
    given === undefined && status >= 400 ? familyResponse(request, status) : { headers: {}, contentType: 'application/json', body: given ?? JSON.stringify({ items: [], count: 0, offset: 0, total: 0 }) };
  const headers = { ...family.headers, ...action.headers, 'X-Consumo-Fault': fault.id };
  if (action.dropConnection) {
    // Headers promise the whole body; half of it arrives, then the connection closes.
    reply.hijack();
    const body = Buffer.from(family.body);
    const raw = reply.raw;
    raw.writeHead(status, { ...headers, 'Content-Type': family.contentType, 'Content-Length': String(body.length), 'X-Request-ID': String(request.id) });
    raw.write(body.subarray(0, Math.floor(body.length / 2)), () => raw.destroy());
    return reply;
  }
  return reply.status(status).headers(headers).type(family.contentType).send(family.body);
}

export function installFaultHooks(app: FastifyInstance, faults: FaultBook): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    if (isControlPath(path)) return;
    const fault = faults.take(request.method, path, undefined);
    if (fault) return apply(fault, request, reply);
  });
  // After the guards (onRequest): the caller's workspace is known.
  app.addHook('preParsing', async (request, reply, payload) => {
    const workspaceId = request.auth?.workspaceId;
    if (workspaceId === undefined) return payload;
    const path = pathOf(request.url);
    if (isControlPath(path)) return payload;
    const fault = faults.take(request.method, path, workspaceId);
    if (fault) await apply(fault, request, reply);
    return payload;
  });
}
