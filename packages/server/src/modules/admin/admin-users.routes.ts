/**
 * A workspace's users (the console's people, ADR 0027): create (the password shown once when
 * generated), list, get, delete, set the password. Permission `workspace.users.manage`; the
 * operator reaches every workspace, a workspace-admin its own (admin-scope.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../storage/database.js';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { pageSchema } from '../../platform/query/index.js';
import { WorkspaceParams } from './admin.schemas.js';
import { CreateUser, SetPassword, User, UserParams, UserWithPassword } from './admin-users.schemas.js';
import * as service from './admin-users.service.js';

const tags = ['Administration'];
const BASE = '/admin/v1/workspaces/:workspaceId/users';

export function registerAdminUserRoutes(root: FastifyInstance, deps: { db: Db; now: () => number }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, now } = deps;
  const config = { permission: 'workspace.users.manage' as const };
  const callerOf = (request: Parameters<typeof authOf>[0]) => {
    const { workspaceId, permissions } = authOf(request);
    return { workspaceId, permissions };
  };

  app.post(
    BASE,
    {
      config,
      schema: {
        tags, operationId: 'createUser', params: WorkspaceParams, body: CreateUser,
        summary: 'Create a user (a person who signs in to the console); a generated password is shown once',
        response: { 201: UserWithPassword, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createUser(db, callerOf(request), request.params.workspaceId, request.body)),
  );

  app.get(
    BASE,
    {
      config,
      schema: { tags, operationId: 'listUsers', summary: "List a workspace's users", params: WorkspaceParams, response: { 200: pageSchema(User), ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.listUsers(db, callerOf(request), request.params.workspaceId),
  );

  app.get(
    `${BASE}/:userId`,
    {
      config,
      schema: { tags, operationId: 'getUser', summary: 'Get a user', params: UserParams, response: { 200: User, ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.getUser(db, callerOf(request), request.params.workspaceId, request.params.userId),
  );

  app.delete(
    `${BASE}/:userId`,
    {
      config,
      schema: {
        tags, operationId: 'deleteUser', params: UserParams,
        summary: 'Delete a user; their sessions end at once',
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteUser(db, callerOf(request), request.params.workspaceId, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${BASE}/:userId/password`,
    {
      config,
      schema: {
        tags, operationId: 'setUserPassword', params: UserParams, body: SetPassword,
        summary: "Set a user's password (generated and shown once when omitted); their sessions end",
        response: { 200: UserWithPassword, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request) =>
      service.setPassword(db, callerOf(request), request.params.workspaceId, request.params.userId, request.body?.password, now()),
  );
}
