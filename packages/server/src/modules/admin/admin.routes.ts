/** Administration routes (role platform-admin): roles, workspaces and their API clients. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../storage/database.js';
import type { CredentialCache } from '../../platform/auth/credential-cache.js';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { pageSchema } from '../../platform/query/index.js';
import {
  AdminPaging, ApiClient, ClientParams, CreateApiClient, CreateWorkspace, CreatedApiClient, Role, Workspace, WorkspaceParams,
} from './admin.schemas.js';
import * as service from './admin.service.js';

const tags = ['Administration'];

export function registerAdminRoutes(root: FastifyInstance, deps: { db: Db; credentials: CredentialCache }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.get(
    '/admin/v1/roles',
    {
      config: { permission: 'platform.roles.view' },
      schema: { tags, operationId: 'listRoles', summary: 'List roles and the permissions they grant', response: { 200: pageSchema(Role), ...errorResponses(401, 403) } },
    },
    async () => service.listRoles(),
  );

  app.post(
    '/admin/v1/workspaces',
    {
      config: { permission: 'platform.workspaces.manage' },
      schema: { tags, operationId: 'createWorkspace', summary: 'Create a workspace', body: CreateWorkspace, response: { 201: Workspace, ...errorResponses(400, 401, 403, 415) } },
    },
    async (request, reply) => reply.status(201).send(await service.createWorkspace(db, request.body.name)),
  );

  app.get(
    '/admin/v1/workspaces',
    {
      config: { permission: 'platform.workspaces.manage' },
      schema: { tags, operationId: 'listWorkspaces', summary: 'List workspaces', querystring: AdminPaging, response: { 200: pageSchema(Workspace), ...errorResponses(400, 401, 403) } },
    },
    (request) => service.listWorkspaces(db, request.query.limit ?? 50, request.query.offset ?? 0),
  );

  app.get(
    '/admin/v1/workspaces/:workspaceId',
    {
      config: { permission: 'platform.workspaces.manage' },
      schema: { tags, operationId: 'getWorkspace', summary: 'Get a workspace', params: WorkspaceParams, response: { 200: Workspace, ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.getWorkspace(db, request.params.workspaceId),
  );

  app.delete(
    '/admin/v1/workspaces/:workspaceId',
    {
      config: { permission: 'platform.workspaces.manage' },
      schema: {
        tags, operationId: 'deleteWorkspace', summary: 'Delete a workspace and everything in it', params: WorkspaceParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteWorkspace(db, request.params.workspaceId, authOf(request).workspaceId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/v1/workspaces/:workspaceId/api-clients',
    {
      config: { permission: 'platform.clients.manage' },
      schema: {
        tags, operationId: 'createApiClient', summary: 'Create an API client; its secret is shown once', params: WorkspaceParams, body: CreateApiClient,
        response: { 201: CreatedApiClient, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApiClient(db, request.params.workspaceId, request.body.name, request.body.roles)),
  );

  app.get(
    '/admin/v1/workspaces/:workspaceId/api-clients',
    {
      config: { permission: 'platform.clients.manage' },
      schema: { tags, operationId: 'listApiClients', summary: "List a workspace's API clients", params: WorkspaceParams, response: { 200: pageSchema(ApiClient), ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.listApiClients(db, request.params.workspaceId),
  );

  app.delete(
    '/admin/v1/workspaces/:workspaceId/api-clients/:clientId',
    {
      config: { permission: 'platform.clients.manage' },
      schema: {
        tags, operationId: 'deleteApiClient', summary: 'Delete an API client; its tokens stop working', params: ClientParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteApiClient(db, request.params.workspaceId, request.params.clientId);
      deps.credentials.forget(request.params.clientId.toLowerCase());
      return reply.status(204).send(null);
    },
  );
}
