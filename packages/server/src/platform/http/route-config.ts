/** What a route declares about itself: the permission it needs and its rate limit. */
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
  }
  interface FastifyRequest {
    auth: AuthContext | undefined;
  }
}
