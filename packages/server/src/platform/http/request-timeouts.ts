/**
 * How long a client may take to send a request (issue 15, point 11): a body that never completes
 * held its socket for over two minutes, since Fastify turns Node's request timeout off. The whole
 * request — headers and body — must arrive within `requestTimeoutMs` (headers within at most
 * 60 s of it), else Node answers 408 (in the family's envelope: framework-errors.ts) and closes
 * the socket. Node checks those deadlines every `connectionsCheckingInterval`, 30 s by default,
 * which would let a 10 s timeout run to 40 s: the interval here is a quarter of the timeout.
 */
import type { ServerOptions } from 'node:http';

const MAX_HEADERS_TIMEOUT_MS = 60_000;

/** Fastify's `requestTimeout` and `http` server options for a request timeout. */
export function requestTimeoutOptions(requestTimeoutMs: number): { requestTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(MAX_HEADERS_TIMEOUT_MS, requestTimeoutMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
    },
  };
}
