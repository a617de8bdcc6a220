/**
 * The durable removal of a deleted workspace's files (ADR 0021): its FOCUS export files under
 * CONSUMO_EXPORT_DIR/<workspace>/. Deleting a workspace enqueues this job in the deleting
 * transaction — so the job exists exactly when the deletion committed, and a crash between the
 * commit and the removal loses nothing — once at once and once more a job lease later, when an
 * export run that was mid-period has lost its lease and can write no more. The job carries no
 * workspace_id (jobs rows cascade with their workspace), only the id in its payload. Removing a
 * directory that is already gone succeeds, so the job may run any number of times.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type JobHandler, type JobQueue, PermanentJobError } from '../../platform/jobs/index.js';
import { isWorkspaceId } from '../../platform/tenancy/ids.js';
import type { Executor } from '../../storage/database.js';

export const WORKSPACE_FILES_PURGE_QUEUE = 'admin.workspace-files.purge';

interface PurgePayload {
  workspaceId: string;
}

/** The directory of a workspace's export files; only a well-formed id ever names one. */
export function workspaceExportDir(exportDir: string, workspaceId: string): string {
  if (!isWorkspaceId(workspaceId)) throw new PermanentJobError(`'${workspaceId}' is not a workspace id`);
  return path.resolve(exportDir, workspaceId);
}

export function workspaceFilesPurge(exportDir: string): JobHandler {
  return async (job) => {
    const { workspaceId } = job.payload as PurgePayload;
    await rm(workspaceExportDir(exportDir, String(workspaceId)), { recursive: true, force: true });
  };
}

/** Enqueues the purge in the caller's transaction: now, and again one job lease later. */
export async function enqueueWorkspaceFilesPurge(jobs: JobQueue, trx: Executor, workspaceId: string, nowMs: number, leaseMs: number): Promise<void> {
  const payload: PurgePayload = { workspaceId };
  await jobs.enqueue(trx, { queue: WORKSPACE_FILES_PURGE_QUEUE, payload, workspaceId: null, runAt: new Date(nowMs) });
  await jobs.enqueue(trx, { queue: WORKSPACE_FILES_PURGE_QUEUE, payload, workspaceId: null, runAt: new Date(nowMs + leaseMs) });
}
