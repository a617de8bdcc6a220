/**
 * A test's moves of one asynchronous operation (ADR 0023, "Async progression"): advance one step,
 * complete, fail or time out a subscription operation, a rating run or an export run. Each move
 * leaves the operation as its family's own rules would, so its status endpoint answers the
 * family's exact body; a move on an operation that has ended is a 409.
 */
import { ApiError, type CatalogEntry, type ErrorName, badRequest, errorCatalog, notFound } from '../../platform/errors/index.js';
import { parseUuid } from '../../platform/formats/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import {
  type OperationSpec, type OperationTable, endOperation, isActive, markRunning, operationError, timeOut, timeOutIfDue,
} from '../../platform/operations/index.js';
import type { Db } from '../../storage/database.js';
import { EXPORT_RUNS } from '../focus-exports/index.js';
import { RATING_RUNS } from '../metering/index.js';
import { SUBSCRIPTION_OPERATIONS } from '../subscriptions/index.js';
import { type FoundOperation, findOperationAnywhere } from './operation-lookup.repository.js';

export type OperationMove = 'advance' | 'complete' | 'fail' | 'timeout';

export interface FailOptions {
  /** A GreenLake errorCode of the error catalog (default HPE_GL_ERROR_INTERNAL_SERVER_ERROR). */
  errorCode?: string;
  /** The error's message (default: the family's message for a failed run, or the catalog's for the code). */
  message?: string;
}

export interface MovedOperation {
  id: string;
  kind: 'subscription-operation' | 'rating-run' | 'export-run';
  workspaceId: string;
  status: string;
  /** The family's status path, where the operation's client polls it. */
  location: string;
}

export interface OperationMoveDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
}

const FAMILIES: Record<OperationTable, { kind: MovedOperation['kind']; spec: OperationSpec; location: (op: FoundOperation) => string }> = {
  async_operations: { kind: 'subscription-operation', spec: SUBSCRIPTION_OPERATIONS, location: (op) => `/subscriptions/v1/async-operations/${op.id}` },
  rating_runs: { kind: 'rating-run', spec: RATING_RUNS, location: (op) => `/metering/v1/rating-runs/${op.id}` },
  focus_export_runs: {
    kind: 'export-run',
    spec: EXPORT_RUNS,
    location: (op) => `/consumption-analytics/v1beta1/focus-exports/${op.export_id}/runs/${op.id}`,
  },
};

const SOURCE = 'consumo.stand-in';
const byErrorCode = new Map(Object.entries(errorCatalog).map(([name, entry]) => [(entry as CatalogEntry).errorCode, name as ErrorName]));

const unknownOperation = (id: string) => notFound(SOURCE, id, { noun: 'Asynchronous operation' });

const conflict = (op: { id: string }, why: string) =>
  new ApiError('CONFLICT', {
    message: `Operation ${op.id} cannot be moved: ${why}`,
    details: [{ type: 'hpe.greenlake.metadata', source: SOURCE, metadata: { id: op.id, reason: why } }],
  });

/** The catalog entry of the fail options' errorCode (validated before anything moves): one that is not the catalog's is a 400 naming it. */
function failureName(options: FailOptions): ErrorName {
  if (options.errorCode === undefined) return 'INTERNAL_SERVER_ERROR';
  const name = byErrorCode.get(options.errorCode);
  if (!name) throw badRequest([{ source: 'field', subject: 'errorCode', description: `'${options.errorCode}' is not an errorCode of the error catalog (docs/errors.md).` }]);
  return name;
}

/** The FAILED operation's error: by default the one its worker's last failed attempt records (the family's message). */
function failure(options: FailOptions, name: ErrorName, spec: OperationSpec, id: string) {
  const message = options.message ?? (options.errorCode === undefined ? spec.failureMessage : errorCatalog[name].message);
  return operationError(name, message, id);
}

/** The operation as found, once the time-out rule had its say: a 404 when there is none, a 409 when it has ended. */
async function activeOperation(deps: OperationMoveDeps, id: string, now: Date): Promise<FoundOperation> {
  const uuid = parseUuid(id);
  const op = uuid === undefined ? undefined : await findOperationAnywhere(deps.db, uuid);
  if (!op) throw unknownOperation(id);
  const { spec } = FAMILIES[op.table];
  if (await timeOutIfDue(deps.db, spec, op, now, op.timeout_minutes ?? spec.timeoutMinutes)) throw conflict(op, 'it has ended TIMEDOUT (its deadline passed).');
  if (!isActive(op)) throw conflict(op, `it has ended ${op.status}.`);
  return op;
}

/** Runs the operation's job now, in this request, as a worker would: the operation ends as it would in auto mode. */
async function runToEnd(deps: OperationMoveDeps, op: FoundOperation): Promise<void> {
  const outcome = await deps.jobs.runNow(op.id);
  if (outcome === 'not-queued') throw conflict(op, 'its job is being worked by a job worker (it ends on its own) or has finished; fail or time it out instead.');
  if (outcome === 'missing') throw conflict(op, 'it has no job to run; fail or time it out instead.');
}

export async function moveOperation(deps: OperationMoveDeps, id: string, move: OperationMove, options: FailOptions = {}): Promise<MovedOperation> {
  const now = new Date(deps.now());
  const errorName = move === 'fail' ? failureName(options) : undefined;
  const op = await activeOperation(deps, id, now);
  const { spec } = FAMILIES[op.table];
  if (move === 'advance' && op.status === 'INITIALIZED') {
    await markRunning(deps.db, op.table, op.id, now);
  } else if (move === 'advance' || move === 'complete') {
    await runToEnd(deps, op);
  } else {
    const ended = move === 'fail'
      ? await endOperation(deps.db, op.table, op.id, 'FAILED', now, failure(options, errorName!, spec, op.id))
      : await timeOut(deps.db, op.table, op.id, now, now);
    if (!ended) throw conflict(op, 'it ended while being moved.');
    // Nobody will work on it again: its held or queued job goes (a running one stops at its next step, finding it ended).
    await deps.jobs.cancel(op.id);
  }
  return describe((await findOperationAnywhere(deps.db, op.id))!);
}

function describe(op: FoundOperation): MovedOperation {
  const family = FAMILIES[op.table];
  return { id: op.id, kind: family.kind, workspaceId: op.workspace_id, status: op.status, location: family.location(op) };
}
