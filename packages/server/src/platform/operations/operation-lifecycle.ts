/**
 * One lifecycle for every asynchronous operation (ADR 0008, 0009): accepted as a row and a durable
 * job in one transaction (the 202 goes out only once both exist; the operation id is the job id),
 * worked by the job queue, ended SUCCEEDED or FAILED by its worker — FAILED on the job's last
 * attempt, with an error envelope from the error catalog — or TIMEDOUT past its deadline, whoever
 * notices it first.
 */
import type { Db, Executor } from '../../storage/database.js';
import type { JobContext, JobQueue, JobRow } from '../jobs/index.js';
import { operationError } from './operation-error.js';
import { isActive } from './operation-status.js';
import { type OperationTable, endOperation, timeOut } from './operations.repository.js';

/** What a family declares about its operations. */
export interface OperationSpec {
  table: OperationTable;
  /** The job queue its worker listens on. */
  queue: string;
  /** Attempts before the operation ends FAILED. */
  maxAttempts: number;
  /** How long it may stay INITIALIZED or RUNNING. */
  timeoutMinutes: number;
  /** The message of the FAILED envelope when the worker's last attempt throws. */
  failureMessage: string;
}

/** Any operation row: what the time-out rule reads. */
export interface OperationRow {
  id: string;
  status: string;
  started_at: Date;
}

/**
 * Inserts the operation (`insertRow`) and enqueues its job in one transaction — the caller's when
 * `db` is one, a new one otherwise — so a crash leaves both or neither.
 */
export async function acceptOperation(
  db: Db | Executor,
  jobs: JobQueue,
  spec: OperationSpec,
  operation: { id: string; workspaceId: string; payload: unknown },
  insertRow: (trx: Executor) => Promise<unknown>,
): Promise<void> {
  const both = async (trx: Executor) => {
    await insertRow(trx);
    // Holdable: in stand-in mode a test may hold it (manual progression, a delay) until it moves it (ADR 0023).
    await jobs.enqueue(trx, { queue: spec.queue, id: operation.id, payload: operation.payload, workspaceId: operation.workspaceId, maxAttempts: spec.maxAttempts, holdable: true });
  };
  if (db.isTransaction) await both(db);
  else await (db as Db).transaction().execute(both);
}

/** When the operation times out: `started_at` plus its timeout. */
export function deadlineOf(row: OperationRow, timeoutMinutes: number): Date {
  return new Date(row.started_at.getTime() + timeoutMinutes * 60_000);
}

/**
 * The one time-out rule: an active operation past its deadline becomes TIMEDOUT, ended at the
 * deadline; true when it did now. `timeoutMinutes` is the spec's unless the row carries its own.
 */
export function timeOutIfDue(
  db: Executor,
  spec: Pick<OperationSpec, 'table' | 'timeoutMinutes'>,
  row: OperationRow,
  now: Date,
  timeoutMinutes: number = spec.timeoutMinutes,
): Promise<boolean> {
  const deadline = deadlineOf(row, timeoutMinutes);
  if (!isActive(row) || deadline.getTime() > now.getTime()) return Promise.resolve(false);
  return timeOut(db, spec.table, row.id, deadline, now);
}

/** Reads an operation for a client: past its deadline it is timed out first, so the answer is TIMEDOUT. */
export async function readOperation<R extends OperationRow>(
  db: Executor,
  spec: OperationSpec,
  find: () => Promise<R | undefined>,
  now: Date,
  timeoutMinutes: (row: R) => number = () => spec.timeoutMinutes,
): Promise<R | undefined> {
  const row = await find();
  if (row && (await timeOutIfDue(db, spec, row, now, timeoutMinutes(row)))) return find();
  return row;
}

/** A worker's look before its next step: the operation is still there, active, and not past its deadline (which times it out). */
export async function stillActive(db: Executor, spec: OperationSpec, row: OperationRow | undefined, now: Date): Promise<boolean> {
  return row !== undefined && isActive(row) && !(await timeOutIfDue(db, spec, row, now));
}

/**
 * Runs a worker step and, when it throws on the job's last attempt (and not because the process is
 * stopping), ends the operation FAILED before the error goes back to the queue: an operation never
 * waits for its timeout once nobody will work on it again.
 */
export async function failOnLastAttempt<T>(
  db: Db,
  spec: OperationSpec,
  job: JobRow,
  ctx: JobContext,
  operationId: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (job.attempts >= job.max_attempts && !ctx.signal.aborted) {
      await endOperation(db, spec.table, operationId, 'FAILED', ctx.now(), operationError('INTERNAL_SERVER_ERROR', spec.failureMessage, operationId));
    }
    throw err;
  }
}
