/**
 * Stand-in mode (CONSUMO_STAND_IN=1, ADR 0023): the /_consumo/ control plane — reset, snapshots,
 * the clock, async progression, faults, request log — and the hooks that apply faults and record requests. Nothing of it is
 * installed otherwise: every /_consumo/ path is then the ordinary 404 and no hook runs.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Db } from '../../storage/database.js';
import type { RowStreams } from '../../storage/engines/database-engine.js';
import type { FocusExportsDeps } from '../focus-exports/index.js';
import { AsyncProgression } from './async-progression.js';
import { registerAsyncRoutes } from './async.routes.js';
import type { Clock } from './clock.js';
import { registerClockRoutes } from './clock.routes.js';
import { FaultBook } from './faults.service.js';
import { installFaultHooks, registerFaultRoutes } from './faults.routes.js';
import { RequestLog } from './request-log.service.js';
import { installRequestLogHooks, registerRequestLogRoutes } from './request-log.routes.js';
import { SnapshotStore, restoreSnapshotFile } from './snapshots.service.js';
import { registerStateRoutes } from './stand-in.routes.js';

export { SnapshotFileError } from './snapshots.service.js';
export { Clock } from './clock.js';

export interface StandInDeps {
  db: Db;
  streams: RowStreams;
  now: () => number;
  jobs: JobQueue;
  /** The settable clock (`now` reads it unless a test injects its own). */
  clock: Clock;
  /** The FOCUS exports module's deps: a clock move runs its due schedules. */
  focusExports: FocusExportsDeps;
  /** CONSUMO_SNAPSHOT_DIR */
  snapshotDir: string;
  /** CONSUMO_REQUEST_LOG_SIZE */
  requestLogSize: number;
}

export interface StandIn {
  faults: FaultBook;
  requests: RequestLog;
  snapshots: SnapshotStore;
  progression: AsyncProgression;
  /** The plugin with the control plane's routes (register it like a family). */
  plugin: FastifyPluginAsync;
}

/**
 * Installs the root hooks (call before the guards: faults for any caller answer before
 * authentication) and returns the plugin with the routes.
 */
export function installStandIn(app: FastifyInstance, deps: StandInDeps): StandIn {
  const faults = new FaultBook(deps.now);
  const requests = new RequestLog(deps.requestLogSize);
  const snapshots = new SnapshotStore(deps.snapshotDir, deps.db, deps.streams, deps.now);
  const progression = new AsyncProgression(deps.jobs, app.log);
  deps.jobs.setHoldRule(progression.holdRule);
  app.addHook('onClose', async () => {
    progression.cancelTimers();
    deps.jobs.setHoldRule(undefined);
  });
  installRequestLogHooks(app, requests);
  installFaultHooks(app, faults);
  const plugin: FastifyPluginAsync = async (scope) => {
    // The settings start as auto in every process: jobs a previous process (or a snapshot) left held are due now.
    await deps.jobs.releaseHeld();
    registerStateRoutes(scope, {
      db: deps.db,
      snapshots,
      onResetAll: () => {
        faults.clear();
        requests.clear();
      },
    });
    registerClockRoutes(scope, { db: deps.db, jobs: deps.jobs, clock: deps.clock, focusExports: deps.focusExports });
    registerAsyncRoutes(scope, { db: deps.db, jobs: deps.jobs, now: deps.now, progression });
    registerFaultRoutes(scope, faults);
    registerRequestLogRoutes(scope, requests);
  };
  return { faults, requests, snapshots, progression, plugin };
}

/** CONSUMO_SNAPSHOT: the state of this snapshot file, loaded at start (before the bootstrap, which then finds its workspaces). */
export function loadSnapshotAtStart(db: Db, file: string): Promise<unknown> {
  return restoreSnapshotFile(db, file);
}
