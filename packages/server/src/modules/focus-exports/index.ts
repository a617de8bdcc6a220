/**
 * HPE GreenLake Consumption Analytics FOCUS Exports v1beta1 as one encapsulated Fastify plugin:
 * export definitions (list, get; create, patch, delete as our extension) and their contents, FOCUS
 * CSV or Parquet streamed from cost_records in the GreenLake or the FOCUS 1.2 column profile,
 * and export runs that write them to files, one billing period at a time (a durable job).
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerExportRunWorker } from './export-runs.worker.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import { registerExportRunRoutes } from './export-runs.routes.js';
import { registerScheduleWorker, startSchedules } from './export-schedules.worker.js';
import { registerFocusExportRoutes } from './focus-exports.routes.js';

export type { FocusExportsDeps } from './focus-exports-deps.js';
export { runDueSchedules } from './export-schedules.worker.js';
/** Export runs' lifecycle spec: stand-in mode moves them by hand (ADR 0023, async progression). */
export { EXPORT_RUNS } from './export-runs.service.js';

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
