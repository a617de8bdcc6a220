/**
 * POST /metering/v1/events: one CloudEvent (`application/cloudevents+json`) or a batch of up to
 * 10,000 (`application/cloudevents-batch+json`; plain `application/json` takes either). A batch is
 * stored whole or not at all; 202 `{accepted, duplicates}`.
 */
import type { FastifyInstance } from 'fastify';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import type { MeteringDeps } from '../metering-deps.js';
import { BATCH, INGEST_BODY_LIMIT, IngestBody, IngestResponse, SINGLE } from './ingest.schemas.js';
import * as service from './ingest.service.js';

/** Per workspace per minute: 100 batches a second, well above what one collector sends. */
const INGEST_LIMIT = 6000;

export function registerIngestRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser([SINGLE, BATCH], { parseAs: 'string', bodyLimit: INGEST_BODY_LIMIT }, json);

  app.post(
    '/metering/v1/events',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      // The caller's principal is checked in the batch's catalog read (ADR 0034, ADR 0031): one statement fewer per batch.
      config: { permission: 'metering.events.ingest', rateLimit: { limit: INGEST_LIMIT, bucket: 'metering.events.ingest' }, principalCheckedByQuery: true },
      schema: {
        tags: ['Metering'],
        operationId: 'postMeteringEvents',
        summary: 'Send usage: one CloudEvent or a batch of up to 10,000, stored all-or-nothing and idempotent by (source, id, time)',
        consumes: [SINGLE, BATCH, 'application/json'],
        // Checked by hand, so that a 400 can name every bad event by index and field.
        body: IngestBody,
        response: { 202: IngestResponse, ...errorResponses(400, 401, 403, 413, 415, 429, 500) },
      },
      // The union above documents the body; validation is ingest's own (see validateEvents).
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const auth = authOf(request);
      const sender = { type: auth.subject, id: auth.clientId };
      const result = await service.ingestBody(deps, auth.workspaceId, request.headers['content-type'], request.body, sender, auth.unconfirmed);
      return reply.status(202).send(result);
    },
  );
}
