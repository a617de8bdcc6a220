/**
 * HPE GreenLake Consumption Analytics FOCUS Exports v1beta1 as one encapsulated Fastify plugin:
 * export definitions (list, get; create, patch, delete as our extension) and their contents, FOCUS
 * CSV or Parquet streamed from cost_records in the GreenLake or the FOCUS 1.2 column profile.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../storage/database.js';
import { registerFocusExportRoutes } from './focus-exports.routes.js';

export interface FocusExportsDeps {
  db: Db;
  now: () => number;
}

export const focusExportsPlugin: FastifyPluginAsync<FocusExportsDeps> = async (app, deps) => {
  // PATCH bodies are JSON merge patches (RFC 7396); parsed, and failing, exactly as JSON is.
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  registerFocusExportRoutes(app, deps);
};
