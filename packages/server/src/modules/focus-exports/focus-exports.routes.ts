/**
 * HPE GreenLake Consumption Analytics FOCUS Exports v1beta1: list, get and contents as the vendor
 * publishes them, plus POST/PATCH/DELETE of definitions (our extension, GreenLake conventions).
 * Schema, permission and per-workspace rate limit per route; the services do the work.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { sendDownload } from '../../platform/http/send-download.js';
import { exportContents, exportMetadata } from './export-contents.service.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import { ContentsQuery, CreateBody, ExportConfig, ExportConfigList, FocusMetadata, IdParams, PatchBody } from './focus-exports.schemas.js';
import * as service from './focus-exports.service.js';

const tags = ['Consumption Analytics'];
const BASE = '/consumption-analytics/v1beta1/focus-exports';
// GreenLake publishes no limits for this API (https://developer.greenlake.hpe.com/docs/greenlake/services/consumption-analytics/public/); ours, per workspace and minute (ADR 0013).
export const LIMITS = { list: 60, get: 60, contents: 20, write: 30 } as const;

export function registerFocusExportRoutes(root: FastifyInstance, deps: FocusExportsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const actor = (request: Parameters<typeof authOf>[0]) => {
    const auth = authOf(request);
    return { workspaceId: auth.workspaceId, clientId: auth.clientId };
  };

  app.get(
    BASE,
    {
      config: { permission: 'exports.view', rateLimit: { limit: LIMITS.list, bucket: 'consumption-analytics.focus-exports.list' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-list',
        summary: 'List the FOCUS export configurations of the workspace',
        response: { 200: ExportConfigList, ...errorResponses(401, 403, 429, 500) },
      },
    },
    (request) => service.listExports(deps.db, authOf(request).workspaceId),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: LIMITS.get, bucket: 'consumption-analytics.focus-exports.get' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-get',
        summary: 'Get one FOCUS export configuration',
        params: IdParams,
        response: { 200: ExportConfig, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getExport(deps.db, authOf(request).workspaceId, request.params.id),
  );

  app.get(
    `${BASE}/:id/contents`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: LIMITS.contents, bucket: 'consumption-analytics.focus-exports.contents' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-export',
        summary: 'Run an export: the FOCUS cost records of the range as CSV or Parquet',
        description:
          'Give `relativeDate` (wins) or both `startDate` and `endDate` (inclusive, on ChargePeriodStart). 204 when nothing matches. ' +
          'A definition of `dataset: ContractCommitment` answers the FOCUS 1.3 Contract Commitment dataset instead: one row per commitment of the workspace in force during the range. ' +
          'The CSV streams as it is read; `Accept-Encoding: gzip` (or the definition\'s `compression: gzip`) compresses it on the fly. ' +
          'Parquet (`application/vnd.apache.parquet`) is answered when `format=parquet` is asked, else when the definition\'s `format` is `parquet` or `Accept` asks for it (`format=csv` always answers CSV): ' +
          'the same columns and rows, decimals as DECIMAL(38,15), times as TIMESTAMP (microseconds, UTC), text and JSON as UTF-8 strings, ' +
          'ZSTD-compressed inside the file (the definition\'s gzip does not apply), streamed a row group at a time.',
        params: IdParams,
        querystring: ContentsQuery,
        response: {
          200: {
            description: 'The export, with Content-Disposition: attachment.',
            content: {
              'text/csv': { schema: Type.String({ description: 'FOCUS CSV (text/csv; charset=utf-8).' }) },
              'application/vnd.apache.parquet': { schema: Type.String({ format: 'binary', description: 'FOCUS Parquet.' }) },
            },
          },
          204: Type.Null({ description: 'No cost record matches.' }),
          ...errorResponses(400, 401, 403, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const download = await exportContents(deps, actor(request), request.params.id, request.query, request.headers.accept);
      if (!download) return reply.status(204).send(null);
      await sendDownload(request, reply, download);
    },
  );

  app.get(
    `${BASE}/:id/metadata`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: LIMITS.contents, bucket: 'consumption-analytics.focus-exports.contents' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-metadata',
        summary: 'The FOCUS 1.3 metadata of an export over a range (Consumo extension)',
        description:
          'What the contents call with the same query would deliver, described as FOCUS 1.3 metadata: DataGenerator, the definition as the ' +
          'DatasetInstance (of its dataset, CostAndUsage or ContractCommitment), the Schema of the profile (`profile` overrides it) with its ColumnDefinition, and Recency: for CostAndUsage with one ' +
          'time sector per billing period (calendar month of ChargePeriodStart) of the range, complete once that period has closed; for ContractCommitment (no time series) without sectors. ' +
          'Same parameters, permission, rate limit and errors as the contents (ADR 0025).',
        params: IdParams,
        querystring: ContentsQuery,
        response: { 200: FocusMetadata, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => exportMetadata(deps, actor(request), request.params.id, request.query),
  );

  app.post(
    BASE,
    {
      config: { permission: 'exports.manage', rateLimit: { limit: LIMITS.write, bucket: 'consumption-analytics.focus-exports.write' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-create',
        summary: 'Create a FOCUS export configuration (Consumo extension); answers 201 with Location',
        body: CreateBody,
        response: { 201: ExportConfig, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const created = await service.createExport(deps.db, actor(request), request.body, new Date(deps.now()));
      return reply.status(201).header('Location', `${BASE}/${created.id}`).send(created);
    },
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { permission: 'exports.manage', rateLimit: { limit: LIMITS.write, bucket: 'consumption-analytics.focus-exports.write' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-patch',
        summary: 'Change a FOCUS export configuration with a JSON merge patch (Consumo extension)',
        params: IdParams,
        body: PatchBody,
        response: { 200: ExportConfig, ...errorResponses(400, 401, 403, 404, 415, 429, 500) },
      },
    },
    (request) => service.patchExport(deps.db, actor(request), request.params.id, request.body, new Date(deps.now())),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: { permission: 'exports.manage', rateLimit: { limit: LIMITS.write, bucket: 'consumption-analytics.focus-exports.write' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-delete',
        summary: 'Delete a FOCUS export configuration (Consumo extension)',
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await service.deleteExport(deps.db, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
