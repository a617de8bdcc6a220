/**
 * Administration routes: roles, workspaces and their API clients and API tokens. The operator
 * (platform-admin, system workspace only) reaches every workspace; a workspace-admin reaches its
 * own, and every other workspace is a 404 (admin-scope.ts, ADR 0021).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../storage/database.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { authOf } from '../../platform/http/guards.js';
import type { AdminCaller } from './admin-scope.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { pageSchema } from '../../platform/query/index.js';
import {
  AdminPaging, ApiClient, ClientParams, CreateApiClient, CreateWorkspace, CreatedApiClient, Role, Workspace, WorkspaceParams,
} from './admin.schemas.js';
import { ApiToken, ApiTokenParams, CreateApiToken, CreatedApiToken } from './admin.schemas.js';
import * as service from './admin.service.js';

const tags = ['Administration'];

/** Who is calling, as the administration rules need it: workspace and permissions. */
function callerOf(request: FastifyRequest): AdminCaller {
  const { workspaceId, permissions } = authOf(request);
  return { workspaceId, permissions };
}

export interface AdminRouteDeps {
  db: Db;
  now: () => number;
  /** The durable queue a workspace's deletion enqueues the removal of its files on. */
  jobs: JobQueue;
  /** How long a job's lease lasts (CONSUMO_JOB_LEASE_MS): the files' removal runs again this much later. */
  jobLeaseMs: number;
}

export function registerAdminRoutes(
  root: FastifyInstance,
  // now: the app's clock for API tokens' creation and expiry (Date.now when the plugin is not given one).
  deps: AdminRouteDeps,
): void {
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
    async (request, reply) => reply.status(201).send(await service.createWorkspace(db, request.body)),
  );

  app.get(
    '/admin/v1/workspaces',
    {
      config: { permission: 'workspace.view' },
      schema: { tags, operationId: 'listWorkspaces', summary: "List workspaces: every one for the operator, one's own for a workspace administrator", querystring: AdminPaging, response: { 200: pageSchema(Workspace), ...errorResponses(400, 401, 403) } },
    },
    (request) => service.listWorkspaces(db, callerOf(request), request.query.limit ?? 50, request.query.offset ?? 0),
  );

  app.get(
    '/admin/v1/workspaces/:workspaceId',
    {
      config: { permission: 'workspace.view' },
      schema: { tags, operationId: 'getWorkspace', summary: 'Get a workspace', params: WorkspaceParams, response: { 200: Workspace, ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.getWorkspace(db, callerOf(request), request.params.workspaceId),
  );

  app.delete(
    '/admin/v1/workspaces/:workspaceId',
    {
      config: { permission: 'workspace.view' },
      schema: {
        tags, operationId: 'deleteWorkspace', params: WorkspaceParams,
        summary: 'Delete a workspace and everything in it (the operator only)',
        description:
          'Its clients and tokens are refused by the next request, in every server process; its rows are deleted in the same transaction, ' +
          'and its export files under CONSUMO_EXPORT_DIR by a durable job enqueued with the deletion. Nothing is kept for a grace period.',
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteWorkspace(db, deps, callerOf(request), request.params.workspaceId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/v1/workspaces/:workspaceId/api-clients',
    {
      config: { permission: 'workspace.clients.manage' },
      schema: {
        tags, operationId: 'createApiClient', summary: 'Create an API client; its secret is shown once', params: WorkspaceParams, body: CreateApiClient,
        response: { 201: CreatedApiClient, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApiClient(db, callerOf(request), request.params.workspaceId, request.body.name, request.body.roles)),
  );

  app.get(
    '/admin/v1/workspaces/:workspaceId/api-clients',
    {
      config: { permission: 'workspace.clients.manage' },
      schema: { tags, operationId: 'listApiClients', summary: "List a workspace's API clients", params: WorkspaceParams, response: { 200: pageSchema(ApiClient), ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.listApiClients(db, callerOf(request), request.params.workspaceId),
  );

  app.delete(
    '/admin/v1/workspaces/:workspaceId/api-clients/:clientId',
    {
      config: { permission: 'workspace.clients.manage' },
      schema: {
        tags, operationId: 'deleteApiClient', summary: 'Delete an API client; its tokens stop working', params: ClientParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteApiClient(db, callerOf(request), request.params.workspaceId, request.params.clientId);
      return reply.status(204).send(null);
    },
  );

  // --- workspace API tokens (VMware Cloud Partner Navigator) ---
  const { now } = deps;

  app.post(
    '/admin/v1/workspaces/:workspaceId/api-tokens',
    {
      config: { permission: 'workspace.clients.manage' },
      schema: {
        tags, operationId: 'createApiToken', summary: 'Create an API token (VMware Cloud Partner Navigator); the token is shown once', params: WorkspaceParams, body: CreateApiToken,
        response: { 201: CreatedApiToken, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createApiToken(db, callerOf(request), request.params.workspaceId, request.body, now())),
  );

  app.get(
    '/admin/v1/workspaces/:workspaceId/api-tokens',
    {
      config: { permission: 'workspace.clients.manage' },
      schema: { tags, operationId: 'listApiTokens', summary: "List a workspace's API tokens (never the tokens themselves)", params: WorkspaceParams, response: { 200: pageSchema(ApiToken), ...errorResponses(400, 401, 403, 404) } },
    },
    (request) => service.listApiTokens(db, callerOf(request), request.params.workspaceId),
  );

  app.delete(
    '/admin/v1/workspaces/:workspaceId/api-tokens/:tokenId',
    {
      config: { permission: 'workspace.clients.manage' },
      schema: {
        tags, operationId: 'revokeApiToken', summary: 'Revoke an API token; it and the access tokens exchanged for it stop working', params: ApiTokenParams,
        response: { 204: Type.Null({ description: 'Revoked.' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.revokeApiToken(db, callerOf(request), request.params.workspaceId, request.params.tokenId, now());
      return reply.status(204).send(null);
    },
  );
}
