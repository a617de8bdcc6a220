/**
 * Unknown paths answer 404 and known paths with the wrong method 405 (with `Allow`), in the GreenLake
 * envelope; a family with its own error shape sets a not-found handler on its prefix that throws
 * `app.routeMiss(request)`, so its misses are told apart the same way and rendered its way.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { ApiError } from '../errors/index.js';

export function installNotFoundHandler(app: FastifyInstance): void {
  // A router of our own that knows every route, so a miss can be told apart: no such path, or no such method.
  const known = FindMyWay({ ignoreTrailingSlash: false });
  const methods = new Set<HTTPMethod>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat() as HTTPMethod[]) {
      if (method === 'HEAD') continue;
      methods.add(method);
      try {
        known.on(method, route.url, () => undefined);
      } catch {
        // The same path registered twice (e.g. with and without a prefix) needs no second entry.
      }
    }
  });
  app.decorate('routeMiss', (request: FastifyRequest): ApiError => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...methods].filter((m) => m !== request.method && known.find(m, path));
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      return new ApiError('METHOD_NOT_ALLOWED', {
        message: `Method ${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}.`,
        headers: { Allow: allowed.join(', ') },
      });
    }
    return new ApiError('NOT_FOUND', { message: `No route ${request.method} ${path}.` });
  });
  app.setNotFoundHandler((request) => {
    throw app.routeMiss(request);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Why no route answered the request: the 405 for a known path with another method, else the 404. */
    routeMiss(request: FastifyRequest): ApiError;
  }
}
