/** FOCUS export runs (Consumo extension): POST a run (202 + Location of an async operation), GET one, list the history, read a run's manifests and download its files. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendAccepted } from '../../platform/http/accepted.js';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { sendDownload } from '../../platform/http/send-download.js';
import { pagingQuery } from '../../platform/query/index.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import { AcceptedRun, ExportRun, ExportRunList, RunBody, RunFileParams, RunManifest, RunParams } from './export-runs.schemas.js';
import { runFile, runManifest } from './export-run-manifests.service.js';
import * as service from './export-runs.service.js';
import { IdParams } from './focus-exports.schemas.js';

const tags = ['Consumption Analytics'];
const BASE = '/consumption-analytics/v1beta1/focus-exports';
export const RUN_LIMITS = { create: 10, get: 60, list: 60, manifest: 60, file: 60 } as const;

export function registerExportRunRoutes(root: FastifyInstance, deps: FocusExportsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const actor = (request: Parameters<typeof authOf>[0]) => {
    const auth = authOf(request);
    return { workspaceId: auth.workspaceId, clientId: auth.clientId };
  };

  app.post(
    `${BASE}/:id/runs`,
    {
      config: { permission: 'exports.manage', rateLimit: { limit: RUN_LIMITS.create, bucket: 'consumption-analytics.focus-exports.runs.create' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-run-create',
        summary: 'Write the export to files, one billing period at a time (Consumo extension); answers 202 and an async operation',
        description:
          'Give `relativeDate` (wins) or both `startDate` and `endDate` (inclusive, on ChargePeriodStart); without either, the range of the ' +
          "definition's schedule (DAILY_MONTH_TO_DATE: the current month up to today; MONTHLY_LAST_MONTH: the previous month), else 400. " +
          'Files go to `CONSUMO_EXPORT_DIR/<workspace>/<export>/BILLING_PERIOD=YYYY-MM/`, parts of at most CONSUMO_EXPORT_PART_ROWS rows, ' +
          'then `manifest.json`; re-running a period replaces its directory.',
        params: IdParams,
        body: RunBody,
        response: { 202: AcceptedRun, ...errorResponses(400, 401, 403, 404, 415, 429, 500) },
      },
      // The body is optional: none (or JSON null) reads as `{}`, the schedule's range.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
    },
    async (request, reply) => {
      const id = await service.startRun(deps, actor(request), request.params.id, request.body);
      return sendAccepted(reply, `${BASE}/${request.params.id}/runs/${id}`, id);
    },
  );

  app.get(
    `${BASE}/:id/runs`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: RUN_LIMITS.list, bucket: 'consumption-analytics.focus-exports.runs.list' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-run-list',
        summary: 'Runs of a FOCUS export, newest first (Consumo extension)',
        params: IdParams,
        querystring: Type.Object(pagingQuery({ defaultLimit: 20, maxLimit: 100 })),
        response: { 200: ExportRunList, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.listExportRuns(deps, actor(request), request.params.id, request.query.limit ?? 20, request.query.offset ?? 0),
  );

  app.get(
    `${BASE}/:id/runs/:runId`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: RUN_LIMITS.get, bucket: 'consumption-analytics.focus-exports.runs.get' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-run-get',
        summary: 'Progress and result of a FOCUS export run (Consumo extension)',
        params: RunParams,
        response: { 200: ExportRun, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => service.getRun(deps, actor(request), request.params.id, request.params.runId),
  );

  app.get(
    `${BASE}/:id/runs/:runId/manifest`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: RUN_LIMITS.manifest, bucket: 'consumption-analytics.focus-exports.runs.manifest' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-run-manifest',
        summary: "The manifests of a run's billing periods, as written (Consumo extension)",
        description:
          'One entry per billing period the run has written so far, in order: `written` with the period directory\'s `manifest.json` verbatim ' +
          '(its files with rows, bytes and sha256, and the FOCUS metadata file), `replaced` when a later run has rewritten the period (`replacedBy`), ' +
          '`missing` when no readable manifest is there. 404 for an unknown run, another workspace\'s, or a run that has written no period yet. ' +
          'Each listed file downloads at `…/runs/{runId}/files/{billingPeriod}/{name}`.',
        params: RunParams,
        response: { 200: RunManifest, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => runManifest(deps, actor(request), request.params.id, request.params.runId),
  );

  app.get(
    `${BASE}/:id/runs/:runId/files/:billingPeriod/:name`,
    {
      config: { permission: 'exports.view', rateLimit: { limit: RUN_LIMITS.file, bucket: 'consumption-analytics.focus-exports.runs.files' } },
      schema: {
        tags,
        operationId: 'focus-v1beta1-run-file',
        summary: 'One file a run wrote, streamed from the export directory (Consumo extension)',
        description:
          "A file the run's manifest of that billing period lists (a part or `metadata.json`), as written: no re-encoding, no Content-Encoding " +
          '(a `.csv.gz` part is sent as `application/gzip`); `Content-Length` is its size, which is the manifest\'s `bytes`. ' +
          '404 when the run has not written the period, a later run replaced it, or its manifest does not list the name.',
        params: RunFileParams,
        response: {
          200: {
            description: 'The file, with Content-Disposition: attachment; filename="<billingPeriod>_<name>".',
            content: {
              'text/csv': { schema: Type.String({ description: 'A CSV part (text/csv; charset=utf-8).' }) },
              'application/gzip': { schema: Type.String({ format: 'binary', description: 'A gzip CSV part.' }) },
              'application/vnd.apache.parquet': { schema: Type.String({ format: 'binary', description: 'A Parquet part.' }) },
              'application/json': { schema: Type.String({ description: "The period's FOCUS metadata file." }) },
            },
          },
          ...errorResponses(400, 401, 403, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const { download, bytes } = await runFile(deps, actor(request), request.params);
      reply.header('content-length', bytes);
      await sendDownload(request, reply, download);
    },
  );
}
