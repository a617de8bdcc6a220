/**
 * Reset (ADR 0023): the whole installation back to its first start — every workspace but the
 * system one gone, the system workspace emptied but for itself and its API clients and tokens (so
 * the caller goes on with the same credentials), the subscription key catalog emptied, sequences
 * restarted — or one workspace emptied the same way. Optionally the demo is seeded again.
 */
import { notFound } from '../../platform/errors/index.js';
import type { Db } from '../../storage/database.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { emptyInstallation, emptyWorkspace, inTransaction, readStateCatalog, systemWorkspaceId, workspaceExists } from './database-state.repository.js';

export interface ResetRequest {
  /** Empty this workspace only; absent: everything. */
  workspaceId?: string;
  /** Seed the demo into the emptied workspace (the system workspace when resetting everything). */
  demo?: boolean;
}

export interface ResetResult {
  /** What was reset: a workspace's id, or null for everything. */
  workspaceId: string | null;
  /** The workspace the demo was seeded into, when asked. */
  demoWorkspaceId: string | null;
}

export async function resetState(db: Db, request: ResetRequest, log: (fields: object, message: string) => void): Promise<ResetResult> {
  const catalog = await readStateCatalog(db);
  let target: string | undefined = request.workspaceId;
  if (target !== undefined) {
    if (!(await workspaceExists(db, target))) throw notFound('workspace', target, { noun: 'Workspace' });
    const workspaceId = target;
    await inTransaction(db, (trx) => emptyWorkspace(trx, catalog, workspaceId));
  } else {
    target = await systemWorkspaceId(db);
    const keep = target;
    await inTransaction(db, (trx) => emptyInstallation(trx, catalog, keep));
  }
  const demoWorkspaceId = request.demo && target !== undefined ? target : null;
  if (demoWorkspaceId) await seedDemo(db, demoWorkspaceId, log);
  return { workspaceId: request.workspaceId ?? null, demoWorkspaceId };
}
