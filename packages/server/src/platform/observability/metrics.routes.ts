/**
 * Prometheus metrics at /metrics: request counts and latencies by route, the shared rate-limit
 * store's outages (when one is given), plus the process defaults.
 */
import type { FastifyInstance, FastifyReply, onResponseHookHandler } from 'fastify';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { RateLimitStore } from '../rate-limit/index.js';
import { observeRateLimitStore } from './rate-limit-observer.js';
import { RouteMetrics, type RouteTally } from './route-metrics.js';

/**
 * Install before any route is registered: each route's hook is added as the route is (`onRoute`),
 * holding its own tally, so a request looks nothing up. Requests that match no route are counted
 * as `unmatched` by the one app-wide hook.
 */
export function installMetrics(app: FastifyInstance, rateLimits?: RateLimitStore): Registry {
  // One registry per app, so tests that build several apps in one process do not collide.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'consumo_' });
  const routes = new RouteMetrics();
  routes.register(registry);
  if (rateLimits) observeRateLimitStore(rateLimits, registry, app.log);
  const observe = (tally: RouteTally, reply: FastifyReply) => tally.observe(reply.statusCode, reply.elapsedTime / 1000);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const tallies = new Map(methods.map((method) => [method, routes.tallyFor(method, route.url)]));
    // One method (nearly every route): its tally is held, not looked up.
    const only = methods.length === 1 ? tallies.get(methods[0]!) : undefined;
    // A callback hook, not an async one: it runs on every request, and a promise each costs more than the work.
    const count: onResponseHookHandler = (request, reply, done) => {
      observe(only ?? tallies.get(request.method)!, reply);
      done();
    };
    const own = route.onResponse ?? [];
    route.onResponse = [...(Array.isArray(own) ? own : [own]), count];
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) observe(routes.tallyFor(request.method, 'unmatched'), reply);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
