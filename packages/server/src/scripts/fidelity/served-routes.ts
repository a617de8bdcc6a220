/**
 * What the server serves, read from the routes themselves: a throwaway in-memory app (stand-in mode
 * on, as for the OpenAPI document) reports each route as it is added — method, path, documented
 * statuses, permission, rate limit and the ways a token may come.
 */
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';

export interface ServedRoute {
  method: string;
  /** The path as the vendor writes it: `{id}`, not Fastify's `:id`. */
  path: string;
  /** Response statuses the route's schema documents (empty for routes hidden from OpenAPI). */
  statuses: string[];
  permission?: string;
  rateLimit?: { limit: number; windowMs: number };
  basicAuth: boolean;
  cspAuth: boolean;
  hiddenFromOpenApi: boolean;
}

/** What the server hands its `onRoute` observer, as far as the report reads it. */
interface AddedRoute {
  method: string | string[];
  url: string;
  schema?: unknown;
  config?: unknown;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Fastify's `:id` (and `:id(regex)`) back to `{id}`. */
export function vendorPath(url: string): string {
  return url.replace(/:(\w+)(\([^)]*\))?/g, '{$1}');
}

function toServed(route: AddedRoute): ServedRoute[] {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => METHODS.has(m));
  const schema = (route.schema ?? {}) as { response?: Record<string, unknown>; hide?: boolean };
  const config = (route.config ?? {}) as { permission?: string; rateLimit?: { limit: number; windowMs?: number }; basicAuth?: boolean; cspAuth?: boolean };
  return methods.map((method) => ({
    method,
    path: vendorPath(route.url),
    statuses: Object.keys(schema.response ?? {}).sort(),
    permission: config.permission,
    rateLimit: config.rateLimit ? { limit: config.rateLimit.limit, windowMs: config.rateLimit.windowMs ?? 60_000 } : undefined,
    basicAuth: config.basicAuth === true,
    cspAuth: config.cspAuth === true,
    hiddenFromOpenApi: schema.hide === true,
  }));
}

/** Every route of a stand-in-mode app, in the order the families add them. */
export async function servedRoutes(): Promise<ServedRoute[]> {
  const routes: ServedRoute[] = [];
  const { app } = await buildApp(testConfig({ standIn: true }), { onRoute: (route) => routes.push(...toServed(route)) });
  await app.close();
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
