/** The control plane's state routes under /_consumo/ (ADR 0023): reset and snapshots (the clock's and async progression's routes are beside it: clock.routes.ts, async.routes.ts). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../platform/http/error-responses.js';
import type { Db } from '../../storage/database.js';
import { resetState } from './reset.service.js';
import type { SnapshotStore } from './snapshots.service.js';
import { CreateSnapshot, CreatedSnapshot, ResetBody, ResetResult, Snapshot, SnapshotList, SnapshotParams, STAND_IN_ONLY } from './stand-in.schemas.js';

const tags = ['Stand-in'];
/** The operator's permission: only platform-admin clients of the system workspace hold it (ADR 0021). */
const permission = 'platform.workspaces.manage' as const;

export interface StateRouteDeps {
  db: Db;
  snapshots: SnapshotStore;
  /** Runs after a reset of everything: faults and the request log are emptied too. */
  onResetAll: () => void;
}

export function registerStateRoutes(root: FastifyInstance, deps: StateRouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db, snapshots } = deps;

  app.post(
    '/_consumo/reset',
    {
      config: { permission },
      schema: {
        tags, operationId: 'resetState', summary: 'Reset everything, or one workspace, to empty; optionally seed the demo again',
        description: `${STAND_IN_ONLY} ` +
          'Everything: every workspace but the system one is deleted, the system workspace is emptied but for its API clients and tokens, ' +
          'the subscription key catalog is emptied, sequences restart, and faults and the request log are cleared. ' +
          'One workspace: its rows are deleted but for the workspace, its API clients and its API tokens.',
        body: Type.Optional(ResetBody), response: { 200: ResetResult, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      const result = await resetState(db, body, (fields, message) => request.log.info(fields, message));
      if (body.workspaceId === undefined) deps.onResetAll();
      return result;
    },
  );

  app.post(
    '/_consumo/snapshots',
    {
      config: { permission },
      schema: {
        tags, description: STAND_IN_ONLY, operationId: 'createSnapshot', summary: 'Snapshot every table of every workspace, or one workspace, to a file under CONSUMO_SNAPSHOT_DIR',
        body: CreateSnapshot, response: { 201: CreatedSnapshot, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => reply.status(201).send(await snapshots.create(request.body.name, request.body.workspaceId)),
  );

  app.get(
    '/_consumo/snapshots',
    { config: { permission }, schema: { tags, description: STAND_IN_ONLY, operationId: 'listSnapshots', summary: 'List the snapshots under CONSUMO_SNAPSHOT_DIR', response: { 200: SnapshotList, ...errorResponses(401, 403) } } },
    async () => {
      const items = await snapshots.list();
      return { items, count: items.length };
    },
  );

  app.post(
    '/_consumo/snapshots/:name/restore',
    {
      config: { permission },
      schema: {
        tags, description: STAND_IN_ONLY, operationId: 'restoreSnapshot', summary: 'Replace the state (everything, or the snapshot\'s workspace) with a snapshot, in one transaction',
        params: SnapshotParams, response: { 200: Snapshot, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => snapshots.restore(request.params.name),
  );

  app.delete(
    '/_consumo/snapshots/:name',
    {
      config: { permission },
      schema: { tags, description: STAND_IN_ONLY, operationId: 'deleteSnapshot', summary: 'Delete a snapshot file', params: SnapshotParams, response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await snapshots.delete(request.params.name);
      return reply.status(204).send(null);
    },
  );
}
