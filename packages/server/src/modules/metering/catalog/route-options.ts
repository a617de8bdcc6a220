/** What every catalog route declares: permission, per-workspace rate limit, OpenAPI tag, and who validates bodies. */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';

export const tags = ['Metering'];

/** Documented as 300 requests per minute per workspace for every catalog endpoint. */
const PER_MINUTE = 300;

/** Reads need `metering.catalog.view`, writes `metering.catalog.edit`; each endpoint counts in its own bucket. */
export function catalogConfig(access: 'view' | 'edit', resource: string, op: string) {
  return {
    permission: access === 'view' ? ('metering.catalog.view' as const) : ('metering.catalog.edit' as const),
    rateLimit: { limit: PER_MINUTE, bucket: `metering.catalog.${resource}.${op}` },
  };
}

/**
 * PUT bodies are documented by their schema but validated by the service (see body-reader.ts), so
 * that schema-level and cross-field problems arrive in one 400. Path and query parameters keep the
 * app's own validator.
 */
export function bodyCheckedByService(app: FastifyInstance): FastifySchemaCompiler<unknown> {
  return (route) => {
    if (route.httpPart === 'body') return () => true;
    const compile = app.validatorCompiler;
    if (!compile) throw new Error('the app has no validator compiler');
    return compile(route);
  };
}
