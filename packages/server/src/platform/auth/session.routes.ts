/**
 * Console sign-in and sign-out (ADR 0027): `POST /auth/v1/sessions` checks an e-mail and password
 * and sets the `consumo_session` cookie; `GET /auth/v1/sessions/current` says who the cookie speaks
 * for; `DELETE /auth/v1/sessions/current` ends the session and clears the cookie. Errors in the
 * GreenLake envelope; one 401 for an unknown e-mail and a wrong password alike, throttled per
 * account and per address like the token endpoints (token-throttle.ts).
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../storage/database.js';
import { ApiError } from '../errors/index.js';
import { errorResponses } from '../http/error-responses.js';
import { isoUtc } from '../query/index.js';
import { permissionsOf } from '../rbac/permissions.js';
import { findWorkspace } from '../tenancy/workspaces.repository.js';
import { checkPassword, normalizeEmail } from '../users/users.service.js';
import { clearedSessionCookie, originAllowed, originCheckFailed, sessionCookie, sessionCookieOf } from '../http/session-cookie.js';
import type { SessionPrincipal, Sessions } from './sessions.js';
import type { TokenThrottle } from './token-throttle.js';

const tags = ['Sessions'];

const SignIn = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const SessionBody = Type.Object({
  user: Type.Object({
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Type.String(),
    workspaceId: Type.String(),
    roles: Type.Array(Type.String()),
  }),
  permissions: Type.Array(Type.String(), { description: "What the user's roles grant: the console shows only what these allow." }),
  expiresAt: Type.String({ format: 'date-time', description: 'The absolute end of the session; it ends sooner after CONSUMO_SESSION_IDLE_MINUTES without a request.' }),
});

const sessionBody = (s: SessionPrincipal) => ({
  user: { id: s.userId, email: s.email, name: s.name, workspaceId: s.workspaceId, roles: [...s.roles] },
  permissions: [...s.permissions].sort(),
  expiresAt: isoUtc(s.expiresAt),
});

const WRONG = 'e-mail or password is wrong';

export interface SessionRouteDeps {
  db: Db;
  sessions: Sessions;
  throttle: TokenThrottle;
  now: () => number;
}

/** The one 401 of sign-in, for an unknown e-mail and a wrong password alike. */
function signInFailed(): ApiError {
  return new ApiError('UNAUTHORIZED', {
    message: 'Unauthorized Request: the e-mail or password is wrong.',
    details: [{ type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.authorization', metadata: { reason: WRONG } }],
  });
}

/** The 401 of a request without a live session. */
function noSession(hadCookie: boolean): ApiError {
  const reason = hadCookie ? 'the session has ended or does not exist; sign in again' : 'no session cookie; sign in first';
  return new ApiError('UNAUTHORIZED', {
    message: `Unauthorized Request: ${reason}.`,
    details: [{ type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.authorization', metadata: { reason } }],
  });
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store');
}

export function registerSessionRoutes(root: FastifyInstance, deps: SessionRouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, sessions, throttle, now } = deps;

  app.post(
    '/auth/v1/sessions',
    {
      schema: {
        tags,
        operationId: 'signIn',
        summary: 'Sign in with e-mail and password; sets the consumo_session cookie',
        description:
          'The cookie is `HttpOnly`, `SameSite=Strict`, `Path=/`, and `Secure` over HTTPS. A wrong e-mail and a wrong password get the same 401; ' +
          'repeated failures are throttled per account and per address (429 with Retry-After). A request from a browser must carry this server\'s Origin.',
        body: SignIn,
        security: [],
        response: { 201: SessionBody, ...errorResponses(400, 401, 403, 415, 429) },
      },
    },
    async (request, reply) => {
      // A foreign page must not sign the browser in to an account of its choosing (login CSRF).
      if (request.headers.origin !== undefined && !originAllowed(request)) throw originCheckFailed(request);
      const email = normalizeEmail(request.body.email);
      const admission = await throttle.admit(request.ip, `user:${email}`);
      if (!admission.admitted) {
        throw new ApiError('TOO_MANY_REQUESTS', {
          message: `Too many failed sign-ins; retry after ${admission.retryAfterSeconds} s.`,
          headers: { 'Retry-After': admission.retryAfterSeconds },
        });
      }
      const user = await checkPassword(db, email, request.body.password);
      const workspace = user && (await findWorkspace(db, user.workspace_id));
      if (!user || !workspace) throw signInFailed();
      await throttle.forgive(admission.attempt);
      const { id, expiresAt } = await sessions.create(user);
      const body = sessionBody({
        workspaceId: user.workspace_id,
        userId: user.id,
        email: user.email,
        name: user.name,
        roles: user.roles,
        permissions: permissionsOf(user.roles, workspace.is_system),
        expiresAt,
      });
      return noStore(reply).status(201).header('Set-Cookie', sessionCookie(request, id, expiresAt, now())).send(body);
    },
  );

  const current = async (request: FastifyRequest) => {
    const cookie = sessionCookieOf(request);
    const session = cookie === undefined ? undefined : await sessions.verify(cookie);
    if (!session) throw noSession(cookie !== undefined);
    return session;
  };

  app.get(
    '/auth/v1/sessions/current',
    {
      schema: {
        tags,
        operationId: 'getCurrentSession',
        summary: 'Who the session cookie speaks for: the user, what the roles grant, and when the session ends',
        security: [],
        response: { 200: SessionBody, ...errorResponses(401) },
      },
    },
    async (request, reply) => noStore(reply).send(sessionBody(await current(request))),
  );

  app.delete(
    '/auth/v1/sessions/current',
    {
      schema: {
        tags,
        operationId: 'signOut',
        summary: 'Sign out: ends the session and clears the cookie',
        description: 'Must carry this server\'s Origin, as every state-changing request made with the session cookie.',
        security: [],
        response: { 204: Type.Null({ description: 'Signed out.' }), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const cookie = sessionCookieOf(request);
      if (cookie === undefined) throw noSession(false);
      if (!originAllowed(request)) throw originCheckFailed(request);
      await sessions.revoke(cookie);
      return noStore(reply).status(204).header('Set-Cookie', clearedSessionCookie(request)).send(null);
    },
  );
}
