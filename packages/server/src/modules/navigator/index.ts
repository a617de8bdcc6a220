/**
 * VMware Cloud Partner Navigator as one encapsulated Fastify plugin (ADR 0020): the token
 * exchanges (Navigator's and CSP's), provider and tenant organizations, and the billing API (the
 * services usage report as JSON and CSV, subscriptions). Calls carry `csp-auth-token` or a bearer
 * token; errors are VMware's JSON shape (`csp-errors.ts`), set here for these routes only.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ErrorEnvelope } from '../../platform/http/error-envelopes.js';
import { confirmingPrincipal, sendRendered } from '../../platform/http/error-handler.js';
import { cspErrorBody, toCspError } from './csp-errors.js';
import type { NavigatorDeps } from './navigator-deps.js';
import { registerTokenExchangeRoutes } from './auth/token-exchange.routes.js';
import { registerOrgRoutes } from './orgs/orgs.routes.js';
import { registerBillingRoutes } from './billing/billing.routes.js';

export type { NavigatorDeps } from './navigator-deps.js';

export const navigatorPlugin: FastifyPluginAsync<NavigatorDeps> = async (app, deps) => {
  const renderCsp: ErrorEnvelope = (err, requestId) => {
    const { error, serverFault } = toCspError(err);
    const headers = err instanceof Error && 'headers' in err ? (err as { headers: Record<string, string> }).headers : {};
    return { status: error.status, headers: { ...headers }, contentType: 'application/json', body: JSON.stringify(cspErrorBody(error, requestId)), serverFault };
  };
  // VMware's shape for every status under these prefixes, also where no route answers (a bad URL, 431; ADR 0022).
  app.errorEnvelopes.register(['/cphub', '/csp'], renderCsp);
  // A caller let through on a remembered principal (ADR 0034) gets the guard's 401 or 403 before any other error.
  app.setErrorHandler(confirmingPrincipal((err, request, reply) => sendRendered(request, reply, renderCsp(err, String(request.id)), err)));
  // Misses under Navigator's and CSP's prefixes answer in VMware's shape too.
  for (const prefix of ['/cphub', '/csp']) {
    await app.register(async (child) => child.setNotFoundHandler((request) => { throw child.routeMiss(request); }), { prefix });
  }
  registerTokenExchangeRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerBillingRoutes(app, deps);
};
