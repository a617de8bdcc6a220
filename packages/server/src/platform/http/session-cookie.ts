/**
 * The `consumo_session` cookie (ADR 0027): read from the Cookie header, written `HttpOnly;
 * SameSite=Strict; Path=/` and `Secure` when the request came over HTTPS (directly, or by
 * `X-Forwarded-Proto` from a proxy CONSUMO_TRUST_PROXY trusts: Fastify's `request.protocol`).
 * Unsigned on purpose: the value is 32 random bytes the server keeps only as a hash. Also the
 * console's CSRF check: a state-changing request made with the cookie must come from our origin.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/index.js';
import { SESSION_COOKIE } from '../auth/sessions.js';

/** The session cookie's value, or undefined when the request has none. */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

const attributes = (request: FastifyRequest) => `HttpOnly; SameSite=Strict; Path=/${request.protocol === 'https' ? '; Secure' : ''}`;

/** The Set-Cookie value that starts a session ending at `expiresAt`. */
export function sessionCookie(request: FastifyRequest, id: string, expiresAt: Date, nowMs: number): string {
  const maxAge = Math.max(0, Math.ceil((expiresAt.getTime() - nowMs) / 1000));
  return `${SESSION_COOKIE}=${id}; Max-Age=${maxAge}; ${attributes(request)}`;
}

/** The Set-Cookie value that makes the browser forget the session. */
export function clearedSessionCookie(request: FastifyRequest): string {
  return `${SESSION_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(request)}`;
}

/** This server's origin as the request addressed it: scheme://host[:port]. */
export const ownOrigin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request authenticated by the cookie passes the origin check (safe methods always do). */
export function originAllowed(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  return request.headers.origin === ownOrigin(request);
}

/** The 403 of a state-changing console request without our Origin. */
export function originCheckFailed(request: FastifyRequest): ApiError {
  return new ApiError('FORBIDDEN', {
    message: 'Forbidden Request: the origin check failed.',
    details: [
      {
        type: 'hpe.greenlake.metadata',
        source: 'hpe.greenlake.authorization',
        metadata: {
          origin: `the origin check failed: a ${request.method} made with the session cookie must carry Origin: ${ownOrigin(request)}`,
        },
      },
    ],
  });
}
