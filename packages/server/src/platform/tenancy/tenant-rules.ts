/**
 * What makes a workspace a valid tenant's provider (VMware Cloud Partner Navigator, ADR 0020): it
 * exists and is not itself a tenant — one level, provider → tenant, as Navigator's organizations.
 */
import type { Executor } from '../../storage/database.js';
import { findWorkspace } from './workspaces.repository.js';

/** Why `parentId` cannot have tenants, or undefined when it can. */
export async function parentProblem(db: Executor, parentId: string): Promise<string | undefined> {
  const parent = await findWorkspace(db, parentId);
  if (!parent) return `No workspace '${parentId}' to be the provider.`;
  if (parent.parent_id !== null) return `Workspace '${parentId}' is a tenant; a tenant cannot have tenants.`;
  return undefined;
}

/** The UTC date (YYYY-MM-DD) of an epoch-milliseconds anniversary billing time; 0 is none. */
export function anniversaryDateOf(epochMs: number): string | null {
  return epochMs === 0 ? null : new Date(epochMs).toISOString().slice(0, 10);
}

/** Epoch milliseconds of an anniversary billing date's UTC midnight; 0 when there is none (Navigator's "unset"). */
export function anniversaryTimeOf(date: string | null): number {
  return date === null ? 0 : Date.parse(`${date}T00:00:00Z`);
}
