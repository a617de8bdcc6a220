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
import type { FastifyContextConfig, FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import { type AccessTokens, InvalidTokenError, type TokenClaims } from '../auth/access-tokens.js';
import { type BasicAuthenticator, parseBasic } from '../auth/basic-credentials.js';
import type { PrincipalLookup } from '../auth/principal-lookup.js';
import type { UnconfirmedPrincipal } from '../auth/principal-check.js';
import { originAllowed, originCheckFailed, sessionCookieOf } from './session-cookie.js';
import type { Sessions } from '../auth/sessions.js';
import { unauthorized } from '../auth/unauthorized.js';
import { ApiError } from '../errors/index.js';
import { type RateLimitHit, type RateLimitStore, evaluate, retryAfterSeconds } from '../rate-limit/index.js';
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
function accessTokenOf(request: FastifyRequest, config: FastifyContextConfig, authorization: string | undefined): string {
  if (config.cspAuth) {
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

const UNAUTHORIZED_REASON = { 'api-token': 'the API token was revoked or has expired', client: 'the API client no longer exists' } as const;

/** The session cookie of a request that carries no token (a token, when sent, is the one that counts). */
function sessionOnly(request: FastifyRequest, config: FastifyContextConfig): string | undefined {
  if (request.headers.authorization !== undefined) return undefined;
  if (config.cspAuth && request.headers['csp-auth-token'] !== undefined) return undefined;
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

/** The claims of a token this process has verified, undefined for one it has not; the 401 for one that has expired since. */
function verifiedClaimsOf(deps: GuardDeps, token: string): TokenClaims | undefined {
  try {
    return deps.tokens.verifiedClaims(token);
  } catch (err) {
    throw unauthorizedToken(err);
  }
}

/**
 * `rememberFor`: the route checks the principal in its own statement (ADR 0034); a bearer token
 * whose principal is remembered and grants that permission is let through unconfirmed — the
 * route's read (or, failing that, `confirmPrincipal`) settles it. Anything else reads the principal.
 * Returns `undefined` when it is done without waiting — a token this process has verified, of a
 * remembered principal: the hot path takes no promise (ADR 0036) — else a promise of the rest.
 */
function authenticate(
  deps: GuardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  config: FastifyContextConfig,
  rememberFor?: Permission,
): Promise<void> | undefined {
  const cookie = deps.sessions && sessionOnly(request, config);
  if (deps.sessions && cookie !== undefined) return authenticateSession(deps.sessions, request, cookie);
  const header = request.headers.authorization;
  if (header && config.basicAuth && /^Basic /i.test(header)) return authenticateBasic(deps, request, header);
  // The common spelling of a token this process has verified, found without BEARER: a string the
  // cache holds was once that expression's match, so the answer (an expired token's 401 too) is the same.
  const plain = !config.cspAuth && header !== undefined && header.startsWith('Bearer ') ? header.slice(7) : undefined;
  let claims = plain === undefined ? undefined : verifiedClaimsOf(deps, plain);
  if (claims) return authenticateClaims(deps, request, reply, claims, rememberFor);
  const token = accessTokenOf(request, config, header);
  claims = token === plain ? undefined : verifiedClaimsOf(deps, token);
  if (claims) return authenticateClaims(deps, request, reply, claims, rememberFor);
  return deps.tokens.verify(token).then(
    (verified) => authenticateClaims(deps, request, reply, verified, rememberFor),
    (err: unknown) => {
      throw unauthorizedToken(err);
    },
  );
}

function unauthorizedToken(err: unknown): unknown {
  return err instanceof InvalidTokenError ? unauthorized(err.message) : err;
}

async function authenticateBasic(deps: GuardDeps, request: FastifyRequest, header: string): Promise<void> {
  const credentials = parseBasic(header);
  if (!credentials) throw unauthorized('Authorization header is not Basic base64(clientId:clientSecret)');
  const principal = await deps.basic.authenticate(credentials);
  if (!principal) throw unauthorized('client id or secret is wrong');
  const { clientId, workspaceId, roles, permissions } = principal;
  request.auth = { workspaceId, clientId, subject: 'client', roles, permissions };
}

/** The caller of a verified token: remembered (see `authenticate`), or read. */
function authenticateClaims(
  deps: GuardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  claims: TokenClaims,
  rememberFor?: Permission,
): Promise<void> | undefined {
  if (rememberFor) {
    const known = deps.credentials.remembered.get(claims.subject, claims.clientId);
    if (known && known.workspaceId === claims.workspaceId && known.permissions.has(rememberFor)) {
      const unconfirmed: Counted = {
        check: known.check,
        asOf: new Date(deps.now()),
        confirm: () => confirmPrincipal(deps, request, reply, rememberFor),
        spent: undefined,
      };
      request.auth = {
        workspaceId: claims.workspaceId,
        clientId: claims.clientId,
        subject: claims.subject,
        roles: known.roles,
        permissions: known.permissions,
        unconfirmed,
      };
      return undefined;
    }
  }
  return readPrincipal(deps, request, claims);
}

async function readPrincipal(deps: GuardDeps, request: FastifyRequest, claims: TokenClaims): Promise<void> {
  const principal =
    claims.subject === 'api-token' ? await deps.credentials.apiTokenPrincipal(claims.clientId) : await deps.credentials.principal(claims.clientId);
  if (!principal || principal.workspaceId !== claims.workspaceId) {
    throw unauthorized(UNAUTHORIZED_REASON[claims.subject]);
  }
  request.auth = {
    workspaceId: claims.workspaceId,
    clientId: claims.clientId,
    subject: claims.subject,
    roles: principal.roles,
    permissions: principal.permissions,
  };
}

/**
 * What an unconfirmed request spent of its workspace's budget: taken back if it is then refused
 * (ADR 0002). Kept on the request's own object rather than in a WeakMap: an entry per request in a
 * long-lived WeakMap is work for every young-generation collection (ADR 0036).
 */
interface Counted extends UnconfirmedPrincipal {
  spent?: Count;
}

type RateLimitRule = NonNullable<FastifyContextConfig['rateLimit']>;

/**
 * Reads the principal a request was let through with unconfirmed (ADR 0034) and answers as the
 * guard would have had it read it first: 401 when the subject is gone, 403 when its roles no
 * longer grant the route's permission — and then the request had never counted against the
 * budget (the hit is taken back) nor carries the X-RateLimit-* headers. Otherwise the request goes
 * on with the principal as read.
 */
async function confirmPrincipal(deps: GuardDeps, request: FastifyRequest, reply: FastifyReply, permission: Permission): Promise<void> {
  const auth = request.auth;
  const pending = auth?.unconfirmed;
  if (!auth || !pending) return;
  auth.unconfirmed = undefined;
  const { subject, id } = pending.check;
  const principal = subject === 'api-token' ? await deps.credentials.apiTokenPrincipal(id) : await deps.credentials.principal(id);
  if (principal && principal.workspaceId === auth.workspaceId) {
    auth.roles = principal.roles;
    auth.permissions = principal.permissions;
    if (principal.permissions.has(permission)) return;
  }
  const spent = (pending as Counted).spent;
  if (spent) {
    for (const name of RATE_LIMIT_HEADERS) reply.removeHeader(name);
    await deps.rateLimits.release(spent.key, spent.windowMs, spent.nowMs).catch((err: unknown) => request.log.warn({ err }, 'rate-limit store unavailable; refused request not taken back'));
  }
  if (!principal || principal.workspaceId !== auth.workspaceId) {
    request.auth = undefined;
    throw unauthorized(UNAUTHORIZED_REASON[subject]);
  }
  authorize(request, permission);
}

const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const;

/**
 * Counts the request against its workspace's budget for the route, and refuses it past the limit.
 * `undefined` when done without waiting (a store that counts in this process, `hitNow`), else a
 * promise of the same.
 */
function limit(deps: GuardDeps, request: FastifyRequest, reply: FastifyReply, config: FastifyContextConfig): Promise<void> | undefined {
  const rule = config.rateLimit;
  const auth = request.auth;
  if (!rule || !auth) return undefined;
  const count: Count = { key: `${auth.workspaceId}:${rule.bucket}`, windowMs: rule.windowMs ?? 60_000, nowMs: deps.now() };
  const store = deps.rateLimits;
  if (!store.hitNow) {
    return store.hit(count.key, count.windowMs, count.nowMs).then(
      (hit) => counted(deps, rule, reply, auth, count, hit),
      (err: unknown) => storeUnavailable(request, err),
    );
  }
  let hit;
  try {
    hit = store.hitNow(count.key, count.windowMs, count.nowMs);
  } catch (err) {
    storeUnavailable(request, err);
    return undefined;
  }
  counted(deps, rule, reply, auth, count, hit);
  return undefined;
}

interface Count {
  key: string;
  windowMs: number;
  nowMs: number;
}

/** A counted hit: remembered for an unconfirmed caller (taken back if it is refused), then enforced. */
function counted(deps: GuardDeps, rule: RateLimitRule, reply: FastifyReply, auth: NonNullable<FastifyRequest['auth']>, count: Count, hit: RateLimitHit): void {
  if (auth.unconfirmed) (auth.unconfirmed as Counted).spent = count;
  enforce(deps, rule, reply, hit, count.nowMs);
}

/** A shared store that is down must not take the API down with it: serve, and say so in the log. */
function storeUnavailable(request: FastifyRequest, err: unknown): void {
  request.log.warn({ err }, 'rate-limit store unavailable; request not counted');
}

/** The X-RateLimit-* headers of a counted request, and its refusal past the limit. */
function enforce(deps: GuardDeps, rule: RateLimitRule, reply: FastifyReply, hit: RateLimitHit, now: number): void {
  const verdict = evaluate(hit, rule.limit * deps.rateLimitMultiplier, now);
  const headers = verdict.headers;
  reply.header('X-RateLimit-Limit', headers['X-RateLimit-Limit']);
  reply.header('X-RateLimit-Remaining', headers['X-RateLimit-Remaining']);
  reply.header('X-RateLimit-Reset', headers['X-RateLimit-Reset']);
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
  // A callback hook: on the hot path (a verified token of a remembered principal, budgets in this
  // process) every step is done without waiting, and no promise is made (ADR 0036).
  app.addHook('onRequest', (request, reply, done) => {
    // Read once: Fastify builds a new routeOptions object on every access.
    const config = request.routeOptions.config;
    const permission = config.permission;
    if (!permission) return done();
    // Before the count: a caller refused here must not spend the workspace's budget. (An
    // unconfirmed caller is refused, if at all, by confirmPrincipal, which takes the count back.)
    let pending;
    try {
      const authenticating = authenticate(deps, request, reply, config, config.principalCheckedByQuery ? permission : undefined);
      pending = authenticating ? authenticating.then(() => authorizeAndLimit(deps, request, reply, config, permission)) : authorizeAndLimit(deps, request, reply, config, permission);
    } catch (err) {
      return done(err as Error);
    }
    if (pending) pending.then(() => done(), done);
    else done();
  });
}

/** After authentication: a caller refused here must not spend the workspace's budget, so the permission comes first. */
function authorizeAndLimit(deps: GuardDeps, request: FastifyRequest, reply: FastifyReply, config: FastifyContextConfig, permission: Permission): Promise<void> | undefined {
  authorize(request, permission);
  return limit(deps, request, reply, config);
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
