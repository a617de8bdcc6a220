/**
 * Looks up who an access token (or HTTP Basic credentials) speaks for, in the database, on every
 * request. There is deliberately no cache (ADR 0021): a deleted workspace, a deleted API client,
 * a role change or a revoked API token is refused by the very next request in every process that
 * shares the database — a cache, even one evicted by LISTEN/NOTIFY, leaves a window in which
 * another process still answers for a subject that is gone. The lookup is one primary-key read.
 * (The expensive parts — the RSA check of a token, the scrypt check of a secret — are still
 * remembered by AccessTokens and BasicAuthenticator.) What a lookup finds is remembered too, but
 * only ever used together with the database's own check of it in the request's statement
 * (`principal-check.ts`, ADR 0034), never on its own.
 * Two kinds of subject: API clients (client credentials, HTTP Basic) and workspace API tokens
 * (VMware Cloud Partner Navigator's exchange).
 */
import type { Db } from '../../storage/database.js';
import { type Permission, permissionsOf } from '../rbac/permissions.js';
import { findApiClientForAuth } from '../tenancy/api-clients.repository.js';
import { findApiTokenById } from '../tenancy/api-tokens.repository.js';
import { apiTokenState } from './api-tokens.js';
import { RememberedPrincipals } from './principal-check.js';

/** What every authenticated subject grants: its workspace and roles. */
export interface Principal {
  workspaceId: string;
  roles: readonly string[];
  /** What the roles grant; a platform role grants nothing outside the system workspace. */
  permissions: ReadonlySet<Permission>;
}

export interface ClientPrincipal extends Principal {
  /** The stored scrypt hash of the client's secret (HTTP Basic checks it). */
  secretHash: string;
}

export interface ApiTokenPrincipal extends Principal {
  /** Epoch milliseconds after which the API token (and every access token minted from it) is refused. */
  expiresAtMs: number;
}

export class PrincipalLookup {
  /** The last principal each lookup found: a route that checks it in its own statement may start from it (ADR 0034). */
  readonly remembered = new RememberedPrincipals();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The API client's principal, undefined when the client (or its workspace) no longer exists. */
  async principal(clientId: string): Promise<ClientPrincipal | undefined> {
    const row = await findApiClientForAuth(this.db, clientId);
    if (!row) {
      this.remembered.forget('client', clientId);
      return undefined;
    }
    const principal = { workspaceId: row.workspace_id, roles: row.roles, permissions: permissionsOf(row.roles, row.workspace_is_system) };
    this.remembered.remember(principal, 'client', clientId, row.workspace_is_system);
    return { ...principal, secretHash: row.secret_hash };
  }

  /** The principal of a workspace API token, undefined when it does not exist, is revoked or has expired. */
  async apiTokenPrincipal(tokenId: string): Promise<ApiTokenPrincipal | undefined> {
    const row = await findApiTokenById(this.db, tokenId);
    if (!row || apiTokenState(row, this.now()) !== 'active') {
      this.remembered.forget('api-token', tokenId);
      return undefined;
    }
    const principal = { workspaceId: row.workspace_id, roles: row.roles, permissions: permissionsOf(row.roles, row.workspace_is_system) };
    this.remembered.remember(principal, 'api-token', tokenId, row.workspace_is_system);
    return { ...principal, expiresAtMs: row.expires_at.getTime() };
  }
}
