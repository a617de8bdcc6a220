/**
 * Looks up who an access token speaks for, with a short-lived cache, so a deleted client, a role
 * change or a revoked API token takes effect within seconds (at once in the process that made the
 * change, which calls `forget`). Two kinds of subject, each in its own map: API clients (client
 * credentials, HTTP Basic) and workspace API tokens (VMware Cloud Partner Navigator's exchange).
 */
import type { Db } from '../../storage/database.js';
import { type Permission, permissionsOf } from '../rbac/permissions.js';
import { findApiClient } from '../tenancy/api-clients.repository.js';
import { findApiTokenById } from '../tenancy/api-tokens.repository.js';
import { apiTokenState } from './api-tokens.js';

/** What every authenticated subject grants: its workspace and roles. */
export interface Principal {
  workspaceId: string;
  roles: readonly string[];
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

const TTL_MS = 5_000;
const LIMIT = 10_000;

/** A map of looked-up values (undefined: looked up and not found), each good for TTL_MS. */
class ShortCache<T> {
  #entries = new Map<string, { value: T | undefined; at: number }>();

  constructor(private readonly now: () => number) {}

  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.#entries.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.value;
    const value = await load();
    if (this.#entries.size >= LIMIT) this.#entries.clear();
    this.#entries.set(key, { value, at: this.now() });
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}

export class CredentialCache {
  #clients: ShortCache<ClientPrincipal>;
  #apiTokens: ShortCache<ApiTokenPrincipal>;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.#clients = new ShortCache(now);
    this.#apiTokens = new ShortCache(now);
  }

  async principal(clientId: string): Promise<ClientPrincipal | undefined> {
    return this.#clients.get(clientId, async () => {
      const row = await findApiClient(this.db, clientId);
      return row && { workspaceId: row.workspace_id, roles: row.roles, permissions: permissionsOf(row.roles), secretHash: row.secret_hash };
    });
  }

  /**
   * The principal of a workspace API token, undefined when it does not exist, is revoked or has
   * expired. Expiry is checked against the clock on every call (a cached token expires on time);
   * a revocation elsewhere is seen within the cache's five seconds.
   */
  async apiTokenPrincipal(tokenId: string): Promise<ApiTokenPrincipal | undefined> {
    const principal = await this.#apiTokens.get(tokenId, async () => {
      const row = await findApiTokenById(this.db, tokenId);
      if (!row || apiTokenState(row, this.now()) === 'revoked') return undefined;
      return { workspaceId: row.workspace_id, roles: row.roles, permissions: permissionsOf(row.roles), expiresAtMs: row.expires_at.getTime() };
    });
    return principal && principal.expiresAtMs > this.now() ? principal : undefined;
  }

  /** Called by this process when it deletes or changes a client, so it sees the change at once. */
  forget(clientId: string): void {
    this.#clients.delete(clientId);
  }

  /** Called by this process when it revokes an API token, so its access tokens are refused at once. */
  forgetApiToken(tokenId: string): void {
    this.#apiTokens.delete(tokenId);
  }
}
