/**
 * HPE GreenLake Consumption Analytics FOCUS Exports v1beta1 as one encapsulated Fastify plugin:
 * export definitions (list, get; create, patch, delete as our extension) and their contents, FOCUS
 * CSV or Parquet streamed from cost_records in the GreenLake or the FOCUS 1.2 column profile,
 * and export runs that write them to files, one billing period at a time (a durable job).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Db } from '../../storage/database.js';
import { registerExportRunWorker } from './export-runs.js';
import { registerExportRunRoutes } from './export-runs.routes.js';
import { registerScheduleWorker, startSchedules } from './export-schedules.js';
import { registerFocusExportRoutes } from './focus-exports.routes.js';

export interface FocusExportsDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** CONSUMO_EXPORT_DIR: where export runs write their files. */
  exportDir: string;
  /** CONSUMO_EXPORT_PART_ROWS: rows per part file. */
  partRows: number;
  /** CONSUMO_ASYNC_STEP_DELAY_MS: pause between the billing periods of a run. */
  stepDelayMs?: number;
}

export const focusExportsPlugin: FastifyPluginAsync<FocusExportsDeps> = async (app, deps) => {
  // PATCH bodies are JSON merge patches (RFC 7396); parsed, and failing, exactly as JSON is.
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  registerFocusExportRoutes(app, deps);
  registerExportRunWorker(deps);
  registerExportRunRoutes(app, deps);
  registerScheduleWorker(deps);
  // The hourly tick that starts scheduled runs; idempotent, so every process may enqueue it.
  await startSchedules(deps);
};
