/** What a route declares about itself: the permission it needs and its rate limit. */
import type { UnconfirmedPrincipal } from '../auth/principal-check.js';
import type { Permission } from '../rbac/permissions.js';

export interface RouteRateLimit {
  /** Requests per window, per workspace. */
  limit: number;
  /** Stable name of the endpoint, part of the counter key (e.g. `flex.devices.get`). */
  bucket: string;
  /** Window length; one minute unless stated. */
  windowMs?: number;
}

export interface AuthContext {
  workspaceId: string;
  /** The caller: an API client's id, a workspace API token's id when `subject` is `api-token`, a user's id when it is `user`. */
  clientId: string;
  /**
   * What `clientId` names: an API client (client credentials, HTTP Basic), a workspace API token
   * (Navigator's exchange) or a user of the console (the session cookie, ADR 0027).
   */
  subject: 'client' | 'api-token' | 'user';
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
  /**
   * Set on a route that declares `principalCheckedByQuery` when the caller was authenticated from
   * a remembered principal that this request has not read (ADR 0034): the route's read carries
   * its check; the error handler confirms it before answering anything but that read's success.
   */
  unconfirmed?: UnconfirmedPrincipal;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Present on every protected route: the bearer token is checked and this permission required. */
    permission?: Permission;
    rateLimit?: RouteRateLimit;
    /** HTTP Basic with a client id and secret is accepted beside bearer tokens (Cloud Cruiser's XML API). */
    basicAuth?: boolean;
    /**
     * The access token may come as `csp-auth-token: <JWT>` (VMware Cloud Partner Navigator, CSP)
     * as well as `Authorization: Bearer <JWT>`; when both are sent, csp-auth-token is the one read.
     */
    cspAuth?: boolean;
    /**
     * The route's handler checks the caller's principal inside its own one read
     * (`principalStillHolds(auth.unconfirmed.check)`, ADR 0034), so the guard may authenticate a
     * bearer token from the principal remembered for it instead of reading it first. Only for a
     * route whose every success comes from such a read.
     */
    principalCheckedByQuery?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | undefined;
  }
}
