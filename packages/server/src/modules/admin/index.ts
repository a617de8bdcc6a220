/** The administration API as one encapsulated Fastify plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../storage/database.js';
import type { CredentialCache } from '../../platform/auth/credential-cache.js';
import { registerAdminRoutes } from './admin.routes.js';

export { createWorkspace, createApiClient } from './admin.service.js';

export const adminPlugin: FastifyPluginAsync<{ db: Db; credentials: CredentialCache; now: () => number }> = async (app, deps) => {
  registerAdminRoutes(app, deps);
};
