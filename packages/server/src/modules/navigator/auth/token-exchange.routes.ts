/**
 * The API-token exchanges at VMware's paths: Navigator's `POST /cphub/api/auth/v1/authn/accesstoken`
 * (JSON) and CSP's `POST /csp/gateway/am/api/auth/api-tokens/authorize` (form). Unauthenticated:
 * the API token is the credential. Bodies are documented by their schemas and read by the service,
 * so every malformed one is a CSP `invalid_request` (never Fastify's validation wording).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { NavigatorDeps } from '../navigator-deps.js';
import { NAVIGATOR_TAGS as tags, cspErrorResponses } from '../navigator.schemas.js';
import { CspAccessToken, CspAuthorizeBody, CspAuthorizeQuery, NavigatorAccessToken, NavigatorAccessTokenBody } from './token-exchange.schemas.js';
import { cspAuthorize, navigatorAccessToken } from './token-exchange.service.js';

/** The body and query are checked by the service (one CSP 400 wording), not by the schema validator. */
const checkedByService = () => () => true;

const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');

export function registerTokenExchangeRoutes(app: FastifyInstance, deps: NavigatorDeps): void {
  app.post(
    '/cphub/api/auth/v1/authn/accesstoken',
    {
      validatorCompiler: checkedByService,
      schema: {
        tags, operationId: 'navigatorAccessToken', summary: 'Exchange an API token for an access token (Navigator)',
        consumes: ['application/json'], body: NavigatorAccessTokenBody, security: [],
        response: { 200: NavigatorAccessToken, ...cspErrorResponses(400, 415, 429) },
      },
    },
    async (request, reply) => noStore(reply).send(await navigatorAccessToken(deps, request.body, request.ip)),
  );

  app.post(
    '/csp/gateway/am/api/auth/api-tokens/authorize',
    {
      validatorCompiler: checkedByService,
      schema: {
        tags, operationId: 'cspAuthorizeApiToken', summary: 'Exchange an API token for an access token (CSP)',
        consumes: ['application/x-www-form-urlencoded', 'application/json'], body: CspAuthorizeBody, querystring: CspAuthorizeQuery, security: [],
        response: { 200: CspAccessToken, ...cspErrorResponses(400, 415, 429) },
      },
    },
    async (request, reply) => noStore(reply).send(await cspAuthorize(deps, request.body, request.query, request.ip)),
  );
}
