/**
 * The request guards every family shares, driven by what each route declares:
 * onRequest authenticates the bearer token (or, on routes that declare `cspAuth`, the
 * `csp-auth-token` header; or, when the request carries neither, the console's session cookie —
 * ADR 0027), checks the declared permission, and only then counts the request
 * against the workspace's budget for the endpoint: a request refused with 401 or 403 never spends
 * the budget of the workspace's allowed clients (ADR 0002).
 * All three run in onRequest rather than preHandler so that every response of an allowed client on
 * a limited route — a 400 from schema validation included — carries the X-RateLimit-* headers.
 */
import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import { type AccessTokens, InvalidTokenError } from '../auth/access-tokens.js';
import { type BasicAuthenticator, parseBasic } from '../auth/basic-credentials.js';
import type { PrincipalLookup } from '../auth/principal-lookup.js';
import { originAllowed, originCheckFailed, sessionCookieOf } from './session-cookie.js';
import type { Sessions } from '../auth/sessions.js';
import { unauthorized } from '../auth/unauthorized.js';
import { ApiError } from '../errors/index.js';
import { type RateLimitStore, evaluate, retryAfterSeconds } from '../rate-limit/index.js';
import type { Permission } from '../rbac/permissions.js';

export interface GuardDeps {
  tokens: AccessTokens;
  credentials: PrincipalLookup;
  /** HTTP Basic with a client id and secret, on routes that declare `basicAuth` (Cloud Cruiser's API). */
  basic: BasicAuthenticator;
  /** The console's sessions: a request with no token but the `consumo_session` cookie is a user's (ADR 0027); without them, cookies are ignored. */
  sessions?: Sessions;
  rateLimits: RateLimitStore;
  /** Scales every route's documented limit (load tests); 1 in normal service. */
  rateLimitMultiplier: number;
  now: () => number;
}

const BEARER = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*) *$/i;
/** `csp-auth-token` carries the JWT itself, no scheme. */
const CSP_AUTH_TOKEN = /^ *([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*) *$/;

/** The access token of a request: from `csp-auth-token` on routes that take it, else the bearer token. */
function accessTokenOf(request: FastifyRequest, authorization: string | undefined): string {
  if (request.routeOptions.config.cspAuth) {
    const csp = request.headers['csp-auth-token'];
    if (csp !== undefined) {
      const token = typeof csp === 'string' ? CSP_AUTH_TOKEN.exec(csp)?.[1] : undefined;
      if (!token) throw unauthorized('csp-auth-token header is not an access token');
      return token;
    }
    if (!authorization) throw unauthorized('missing csp-auth-token or Authorization header');
  }
  if (!authorization) throw unauthorized('missing Authorization header');
  const match = BEARER.exec(authorization);
  if (!match?.[1]) throw unauthorized('Authorization header is not a bearer token');
  return match[1];
}

/** The session cookie of a request that carries no token (a token, when sent, is the one that counts). */
function sessionOnly(request: FastifyRequest): string | undefined {
  if (request.headers.authorization !== undefined) return undefined;
  if (request.routeOptions.config.cspAuth && request.headers['csp-auth-token'] !== undefined) return undefined;
  return sessionCookieOf(request);
}

/**
 * A user of the console, by the session cookie. A state-changing request must also carry our own
 * `Origin` (beside SameSite=Strict): another site's page cannot make the browser act for the user.
 */
async function authenticateSession(sessions: Sessions, request: FastifyRequest, cookie: string): Promise<void> {
  const session = await sessions.verify(cookie);
  if (!session) throw unauthorized('the session has ended or does not exist; sign in again');
  if (!originAllowed(request)) throw originCheckFailed(request);
  const { workspaceId, userId, roles, permissions } = session;
  request.auth = { workspaceId, clientId: userId, subject: 'user', roles, permissions };
}

async function authenticate(deps: GuardDeps, request: FastifyRequest): Promise<void> {
  const cookie = deps.sessions && sessionOnly(request);
  if (deps.sessions && cookie !== undefined) return authenticateSession(deps.sessions, request, cookie);
  const header = request.headers.authorization;
  if (header && request.routeOptions.config.basicAuth && /^Basic /i.test(header)) {
    const credentials = parseBasic(header);
    if (!credentials) throw unauthorized('Authorization header is not Basic base64(clientId:clientSecret)');
    const principal = await deps.basic.authenticate(credentials);
    if (!principal) throw unauthorized('client id or secret is wrong');
    const { clientId, workspaceId, roles, permissions } = principal;
    request.auth = { workspaceId, clientId, subject: 'client', roles, permissions };
    return;
  }
  const token = accessTokenOf(request, header);
  let claims;
  try {
    claims = await deps.tokens.verify(token);
  } catch (err) {
    if (err instanceof InvalidTokenError) throw unauthorized(err.message);
    throw err;
  }
  const principal =
    claims.subject === 'api-token' ? await deps.credentials.apiTokenPrincipal(claims.clientId) : await deps.credentials.principal(claims.clientId);
  if (!principal || principal.workspaceId !== claims.workspaceId) {
    throw unauthorized(claims.subject === 'api-token' ? 'the API token was revoked or has expired' : 'the API client no longer exists');
  }
  request.auth = {
    workspaceId: claims.workspaceId,
    clientId: claims.clientId,
    subject: claims.subject,
    roles: principal.roles,
    permissions: principal.permissions,
  };
}

async function limit(deps: GuardDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const rule = request.routeOptions.config.rateLimit;
  if (!rule || !request.auth) return;
  const now = deps.now();
  let hit;
  try {
    hit = await deps.rateLimits.hit(`${request.auth.workspaceId}:${rule.bucket}`, rule.windowMs ?? 60_000, now);
  } catch (err) {
    // A shared store that is down must not take the API down with it: serve, and say so in the log.
    request.log.warn({ err }, 'rate-limit store unavailable; request not counted');
    return;
  }
  const verdict = evaluate(hit, rule.limit * deps.rateLimitMultiplier, now);
  reply.headers({ ...verdict.headers });
  if (!verdict.allowed) {
    throw new ApiError('TOO_MANY_REQUESTS', {
      // RFC 9110 §10.2.3: seconds until the window that refused the request ends (never 0).
      headers: { 'Retry-After': retryAfterSeconds(hit.resetAtMs, now) },
      details: [
        {
          type: 'hpe.greenlake.metadata',
          source: 'hpe.greenlake.ratelimit',
          metadata: { apiRateLimit: 'Too Many Requests. Rate limit has exceeded a predefined value.' },
        },
      ],
    });
  }
}

export function installGuards(app: FastifyInstance, deps: GuardDeps): void {
  app.decorateRequest('auth', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const permission = request.routeOptions.config.permission;
    if (!permission) return;
    await authenticate(deps, request);
    // Before the count: a caller refused here must not spend the workspace's budget.
    authorize(request, permission);
    await limit(deps, request, reply);
  });
}

function authorize(request: FastifyRequest, permission: Permission): void {
  if (!request.auth?.permissions.has(permission)) {
    throw new ApiError('FORBIDDEN', {
      details: [{ type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.authorization', metadata: { permission } }],
    });
  }
}

/** The authenticated caller of a protected route (the guards guarantee it is there). */
export function authOf(request: FastifyRequest): NonNullable<FastifyRequest['auth']> {
  if (!request.auth) throw new ApiError('UNAUTHORIZED');
  return request.auth;
}
