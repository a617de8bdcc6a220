/** What the demo seeders share: the workspace whose data they replace, and the size of the batches they write. */
import type { Executor } from '../storage/database.js';

export class WorkspaceNotFoundError extends Error {}

/**
 * Locks the workspace's row until the transaction ends, so two seeds of one workspace run one after
 * the other; throws WorkspaceNotFoundError when there is no such workspace.
 */
export async function lockWorkspace(trx: Executor, workspaceId: string): Promise<void> {
  const found = await trx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().executeTakeFirst();
  if (!found) throw new WorkspaceNotFoundError(`workspace '${workspaceId}' does not exist`);
}

/** Rows a batch: a whole number of at least one. */
export function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number >= 1, got ${batchSize}`);
  return batchSize;
}
