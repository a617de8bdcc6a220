/**
 * VMware Cloud Partner Navigator as one encapsulated Fastify plugin (ADR 0020): the token
 * exchanges (Navigator's and CSP's), provider and tenant organizations, and the billing API (the
 * services usage report as JSON and CSV, subscriptions). Calls carry `csp-auth-token` or a bearer
 * token; errors are VMware's JSON shape (`csp-errors.ts`), set here for these routes only.
 */
import type { FastifyPluginAsync } from 'fastify';
import { cspErrorBody, toCspError } from './csp-errors.js';
import type { NavigatorDeps } from './navigator-deps.js';
import { registerTokenExchangeRoutes } from './auth/token-exchange.routes.js';
import { registerOrgRoutes } from './orgs/orgs.routes.js';
import { registerBillingRoutes } from './billing/billing.routes.js';

export type { NavigatorDeps } from './navigator-deps.js';

export const navigatorPlugin: FastifyPluginAsync<NavigatorDeps> = async (app, deps) => {
  app.setErrorHandler((err, request, reply) => {
    const { error, serverFault } = toCspError(err);
    if (serverFault) request.log.error({ err }, 'request failed');
    const headers = err instanceof Error && 'headers' in err ? (err as { headers: Record<string, string> }).headers : {};
    for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
    return reply.status(error.status).type('application/json').send(cspErrorBody(error, String(request.id)));
  });
  // Misses under Navigator's and CSP's prefixes answer in VMware's shape too.
  for (const prefix of ['/cphub', '/csp']) {
    await app.register(async (child) => child.setNotFoundHandler((request) => { throw child.routeMiss(request); }), { prefix });
  }
  registerTokenExchangeRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerBillingRoutes(app, deps);
};
