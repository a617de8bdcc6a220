/** The administration API (workspaces, API clients and tokens, users) as one encapsulated Fastify plugin, with the durable removal of a deleted workspace's files. */
import type { FastifyPluginAsync } from 'fastify';
import { type AdminRouteDeps, registerAdminRoutes } from './admin.routes.js';
import { registerAdminUserRoutes } from './admin-users.routes.js';
import { WORKSPACE_FILES_PURGE_QUEUE, workspaceFilesPurge } from './workspace-files.worker.js';

export { createWorkspace, createApiClient } from './admin.service.js';

export interface AdminDeps extends AdminRouteDeps {
  /** CONSUMO_EXPORT_DIR: a deleted workspace's export files are removed from under it. */
  exportDir: string;
}

export const adminPlugin: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
  deps.jobs.register(WORKSPACE_FILES_PURGE_QUEUE, workspaceFilesPurge(deps.exportDir));
  registerAdminRoutes(app, deps);
  registerAdminUserRoutes(app, deps);
};
