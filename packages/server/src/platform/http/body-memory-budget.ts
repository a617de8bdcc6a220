/**
 * A process-wide budget for request bodies in memory (issue 15, point 11). Each route's body
 * limit bounds one request, not many: sixteen concurrent 64 MiB ingest batches, each allowed,
 * grew the server by 2.5 GB. Before a body is read, the request reserves its declared
 * `Content-Length` (or, sent chunked, its route's body limit) from the budget until its response
 * is sent; a request that does not fit is a 503 in its family's envelope with `Retry-After`,
 * answered without reading the body. A request alone may always proceed, so a budget smaller
 * than a route's limit slows nothing but concurrency.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/index.js';

export class BodyMemoryBudget {
  #reserved = 0;

  constructor(readonly limitBytes: number) {}

  get reservedBytes(): number {
    return this.#reserved;
  }

  /** Reserves `bytes` when they fit, or when nothing else is reserved; false otherwise. */
  tryReserve(bytes: number): boolean {
    if (this.#reserved > 0 && this.#reserved + bytes > this.limitBytes) return false;
    this.#reserved += bytes;
    return true;
  }

  release(bytes: number): void {
    this.#reserved = Math.max(0, this.#reserved - bytes);
  }
}

/** The bytes a request's body may take: its declared length, capped by the route's limit; 0 without a body. */
function bodyBytes(request: FastifyRequest, defaultLimit: number): number {
  const declared = request.headers['content-length'];
  // Most requests have no body: answered before reading routeOptions, which Fastify builds anew on each access.
  if (declared === undefined && request.headers['transfer-encoding'] === undefined) return 0;
  const limit = request.routeOptions.bodyLimit ?? defaultLimit;
  if (declared !== undefined) {
    const length = Number(declared);
    return Number.isSafeInteger(length) && length >= 0 ? Math.min(length, limit) : limit;
  }
  return limit;
}

/** Registers the budget's hook; install after the guards, so an unauthenticated request is a 401 first. */
export function installBodyMemoryBudget(app: FastifyInstance, budget: BodyMemoryBudget): void {
  const defaultLimit = app.initialConfig.bodyLimit ?? 1_048_576;
  // A callback hook, not an async one: it runs on every request, and a promise each costs more than the work.
  app.addHook('onRequest', (request, reply, done) => {
    const bytes = bodyBytes(request, defaultLimit);
    if (bytes === 0) return done();
    if (!budget.tryReserve(bytes)) {
      request.log.warn({ bytes, reserved: budget.reservedBytes, limit: budget.limitBytes }, 'request body refused: body memory budget full');
      throw new ApiError('SERVICE_UNAVAILABLE', {
        message: 'The server is reading too many large request bodies at once; send the request again shortly.',
        headers: { 'Retry-After': '1' },
      });
    }
    // Given back when the response is done or the connection is gone: the response's 'close'
    // covers both, and costs nothing on the many requests that reserve nothing (no hooks per request).
    reply.raw.once('close', () => budget.release(bytes));
    done();
  });
}
