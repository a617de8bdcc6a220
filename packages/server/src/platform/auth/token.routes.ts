/**
 * OAuth2 client-credentials token endpoints: GreenLake's workspace-scoped
 * `/authorization/v2/oauth2/{workspaceId}/token` and the legacy `/as/token.oauth2`.
 * Credentials come as form fields or HTTP Basic; errors follow RFC 6749 §5.2, which is what
 * OAuth2 client libraries parse (see docs/adr/0003-oauth-error-format.md).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../storage/database.js';
import type { AccessTokens } from './access-tokens.js';
import { checkClientSecret } from './client-secret-check.js';
import type { TokenThrottle } from './token-throttle.js';
import { VerifiedSecrets } from './verified-secrets.js';
import { parseOAuthBasic } from './basic-credentials.js';

const TokenBody = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ description: 'Must be `client_credentials`.' })),
    client_id: Type.Optional(Type.String()),
    client_secret: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the token expires.' }),
});

const OAuthError = Type.Object({ error: Type.String(), error_description: Type.String() });

interface Credentials {
  clientId: string | undefined;
  clientSecret: string | undefined;
  basic: boolean;
}

function credentialsOf(authorization: string | undefined, body: Record<string, unknown>): Credentials | 'malformed' {
  const basic = parseOAuthBasic(authorization);
  if (basic === 'malformed') return basic;
  if (basic) return { clientId: basic.clientId, clientSecret: basic.secret, basic: true };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { clientId: str(body.client_id), clientSecret: str(body.client_secret), basic: false };
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string, basic = false) {
  if (status === 401) reply.header('WWW-Authenticate', basic ? 'Basic realm="consumo"' : 'Bearer realm="consumo"');
  return reply.status(status).header('Cache-Control', 'no-store').send({ error, error_description: description });
}

export function registerTokenRoutes(app: FastifyInstance, deps: { db: Db; tokens: AccessTokens; throttle?: TokenThrottle; now?: () => number }): void {
  const checkDeps = { db: deps.db, verified: new VerifiedSecrets(deps.now), ...(deps.throttle && { throttle: deps.throttle }) };
  const handler = async (
    workspaceInPath: string | undefined,
    authorization: string | undefined,
    body: Record<string, unknown>,
    reply: FastifyReply,
  ) => {
    if (body.grant_type === undefined) return oauthError(reply, 400, 'invalid_request', 'grant_type is required');
    if (body.grant_type !== 'client_credentials') {
      return oauthError(reply, 400, 'unsupported_grant_type', 'only client_credentials is supported');
    }
    const creds = credentialsOf(authorization, body);
    if (creds === 'malformed') {
      return oauthError(reply, 401, 'invalid_client', 'HTTP Basic client id or secret is not valid percent-encoding (RFC 6749 §2.3.1)', true);
    }
    if (!creds.clientId || !creds.clientSecret) {
      return oauthError(reply, 400, 'invalid_request', 'client_id and client_secret are required (form fields or HTTP Basic)');
    }
    const check = await checkClientSecret(checkDeps, {
      clientId: creds.clientId,
      secret: creds.clientSecret,
      workspaceInPath,
      address: reply.request.ip,
    });
    if (check.outcome === 'throttled') {
      // RFC 6749 has no code for it; temporarily_unavailable is its nearest (ADR 0002).
      reply.header('Retry-After', check.retryAfterSeconds);
      return oauthError(reply, 429, 'temporarily_unavailable', `too many failed attempts; retry after ${check.retryAfterSeconds} s`);
    }
    if (check.outcome === 'invalid') return oauthError(reply, 401, 'invalid_client', 'client authentication failed', creds.basic);
    const { client } = check;
    const { token, expiresIn } = await deps.tokens.issue(client.workspace_id, client.id);
    return reply
      .header('Cache-Control', 'no-store')
      .header('Pragma', 'no-cache')
      .send({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  };

  const schema = {
    tags: ['Authorization'],
    consumes: ['application/x-www-form-urlencoded', 'application/json'],
    body: TokenBody,
    response: { 200: TokenResponse, 400: OAuthError, 401: OAuthError, 429: OAuthError },
    security: [],
  };

  app.post(
    '/authorization/v2/oauth2/:workspaceId/token',
    {
      schema: {
        ...schema,
        summary: 'Get an access token for a workspace (OAuth2 client credentials)',
        operationId: 'getWorkspaceToken',
        params: Type.Object({ workspaceId: Type.String() }),
      },
    },
    (request, reply) =>
      handler(
        (request.params as { workspaceId: string }).workspaceId,
        request.headers.authorization,
        (request.body ?? {}) as Record<string, unknown>,
        reply,
      ),
  );
  app.post(
    '/as/token.oauth2',
    { schema: { ...schema, summary: 'Get an access token (legacy SSO endpoint)', operationId: 'getToken' } },
    (request, reply) =>
      handler(undefined, request.headers.authorization, (request.body ?? {}) as Record<string, unknown>, reply),
  );
}
