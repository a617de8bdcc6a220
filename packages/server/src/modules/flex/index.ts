/** The Flex Solutions v1beta1 family as one encapsulated Fastify plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../storage/database.js';
import { registerFlexRoutes } from './flex.routes.js';

export const flexPlugin: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  registerFlexRoutes(app, db);
};
