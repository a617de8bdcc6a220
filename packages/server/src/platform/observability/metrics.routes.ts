/**
 * Prometheus metrics at /metrics: request counts and latencies by route, the shared rate-limit
 * store's outages (when one is given), plus the process defaults.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RateLimitStore } from '../rate-limit/index.js';
import { observeRateLimitStore } from './rate-limit-observer.js';

export function installMetrics(app: FastifyInstance, rateLimits?: RateLimitStore): Registry {
  // One registry per app, so tests that build several apps in one process do not collide.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'consumo_' });
  const requests = new Counter({
    name: 'consumo_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'consumo_http_request_duration_seconds',
    help: 'HTTP request latency by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  if (rateLimits) observeRateLimitStore(rateLimits, registry, app.log);
  // A callback hook, not an async one: it runs on every request, and a promise each costs more than the work.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
