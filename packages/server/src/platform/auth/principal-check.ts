/**
 * A remembered principal, checked by the database inside the statement that serves the request
 * (ADR 0034). ADR 0021 stands: a deleted workspace or client, a role change or a revoked API token
 * is refused by the very next request in every process. What changes is where that is checked:
 * a hot route that opts in (`principalCheckedByQuery`) does not read the principal in a statement
 * of its own; its one read carries `principalStillHolds(check)` (principal-check.repository.ts),
 * an `EXISTS` over the subject's row comparing everything the principal was computed from (the
 * row itself, its workspace, its roles, the workspace's `is_system`; for an API token also that it
 * is unrevoked and unexpired).
 * Any write that could change the principal changes one of those, so the check fails, the read
 * answers nothing, and the route reads the principal in full and answers as the guard always did.
 * No version column and no invalidation: the database compares the current row, in the same
 * snapshot as the data it returns.
 */
import { textArray } from '../../storage/array-literals.js';
import type { Permission } from '../rbac/permissions.js';

/** What a remembered principal was computed from, as the database must still hold it. */
export interface PrincipalCheck {
  subject: 'client' | 'api-token';
  /** The API client's or the API token's id. */
  id: string;
  workspaceId: string;
  /** The subject's roles, a PostgreSQL array literal compared with the stored `roles` as a whole. */
  roles: string;
  workspaceIsSystem: boolean;
}

/**
 * A request authenticated from a remembered principal and not yet confirmed: the route's read
 * must carry `principalStillHolds(check, asOf)`; when that read finds nothing (or the request ends
 * in any error), `confirm()` reads the principal in full and throws the guard's 401 or 403 when it
 * no longer holds (the rate-limit hit is taken back, as if the request had been refused first).
 */
export interface UnconfirmedPrincipal {
  check: PrincipalCheck;
  /** The request's clock, for an API token's expiry (the guard compares it the same way). */
  asOf: Date;
  confirm(): Promise<void>;
}

/** A principal as the guard uses it, and the check that proves it still holds. */
export interface RememberedPrincipal {
  workspaceId: string;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
  check: PrincipalCheck;
}

const LIMIT = 10_000;

/** Remembered principals by subject and id; bounded (cleared when full, like the verified-token cache). */
export class RememberedPrincipals {
  #byKey = new Map<string, RememberedPrincipal>();

  get(subject: PrincipalCheck['subject'], id: string): RememberedPrincipal | undefined {
    return this.#byKey.get(subject === 'client' ? id : `t:${id}`);
  }

  remember(principal: Omit<RememberedPrincipal, 'check'>, subject: PrincipalCheck['subject'], id: string, workspaceIsSystem: boolean): void {
    if (this.#byKey.size >= LIMIT) this.#byKey.clear();
    const check: PrincipalCheck = { subject, id, workspaceId: principal.workspaceId, roles: textArray(principal.roles), workspaceIsSystem };
    this.#byKey.set(subject === 'client' ? id : `t:${id}`, { ...principal, check });
  }

  forget(subject: PrincipalCheck['subject'], id: string): void {
    this.#byKey.delete(subject === 'client' ? id : `t:${id}`);
  }
}
