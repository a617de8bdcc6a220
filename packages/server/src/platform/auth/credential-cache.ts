/** Looks API clients up by id with a short-lived cache, so a deleted client or a role change takes effect within seconds. */
import type { Db } from '../../storage/database.js';
import { type Permission, permissionsOf } from '../rbac/permissions.js';
import { findApiClient } from '../tenancy/api-clients.repository.js';

export interface ClientPrincipal {
  workspaceId: string;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
  /** The stored scrypt hash of the client's secret (HTTP Basic checks it). */
  secretHash: string;
}

const TTL_MS = 5_000;
const LIMIT = 10_000;

export class CredentialCache {
  #entries = new Map<string, { principal: ClientPrincipal | undefined; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async principal(clientId: string): Promise<ClientPrincipal | undefined> {
    const hit = this.#entries.get(clientId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.principal;
    const row = await findApiClient(this.db, clientId);
    const principal = row && { workspaceId: row.workspace_id, roles: row.roles, permissions: permissionsOf(row.roles), secretHash: row.secret_hash };
    if (this.#entries.size >= LIMIT) this.#entries.clear();
    this.#entries.set(clientId, { principal, at: this.now() });
    return principal;
  }

  /** Called by this process when it deletes or changes a client, so it sees the change at once. */
  forget(clientId: string): void {
    this.#entries.delete(clientId);
  }
}
