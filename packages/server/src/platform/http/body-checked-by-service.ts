/** A route validator compiler for routes whose body the service checks itself (every problem in one 400). */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';

/**
 * PUT bodies are documented by their schema but validated by the service (e.g. the metering catalog's body-reader.ts), so
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
