/**
 * POST /metering/v1/events: one CloudEvent (`application/cloudevents+json`) or a batch of up to
 * 10,000 (`application/cloudevents-batch+json`; plain `application/json` takes either). A batch is
 * stored whole or not at all; 202 `{accepted, duplicates}`.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { badRequest } from '../../../platform/errors/index.js';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { InvalidEventsError, MAX_BATCH_EVENTS, ingestEvents } from '../../../metering/ingest/ingest-events.js';
import type { MeteringDeps } from '../metering-deps.js';

const SINGLE = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch+json';
/** 10,000 events with room for their data; larger than the platform's default body limit on purpose. */
export const INGEST_BODY_LIMIT = 64 * 1024 * 1024;
/** Per workspace per minute: 100 batches a second, well above what one collector sends. */
const INGEST_LIMIT = 6000;

const CloudEvent = Type.Object(
  {
    specversion: Type.String({ description: "'1.0'" }),
    id: Type.String(),
    source: Type.String(),
    type: Type.String({ description: "A meter's eventType." }),
    subject: Type.String({ description: 'The resource id.' }),
    time: Type.String({ format: 'date-time' }),
    datacontenttype: Type.Optional(Type.String()),
    data: Type.Object({}, { additionalProperties: true, description: "Holds the meter's value at its valueProperty." }),
  },
  { additionalProperties: true },
);

const IngestResponse = Type.Object({
  accepted: Type.Integer({ description: 'Events stored by this request.' }),
  duplicates: Type.Integer({ description: 'Events whose (source, id) was stored before, or repeated in the batch.' }),
});

export function registerEventRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser([SINGLE, BATCH], { parseAs: 'string', bodyLimit: INGEST_BODY_LIMIT }, json);

  app.post(
    '/metering/v1/events',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      config: { permission: 'metering.events.ingest', rateLimit: { limit: INGEST_LIMIT, bucket: 'metering.events.ingest' } },
      schema: {
        tags: ['Metering'],
        operationId: 'postMeteringEvents',
        summary: 'Send usage: one CloudEvent or a batch of up to 10,000, stored all-or-nothing and idempotent by (source, id)',
        consumes: [SINGLE, BATCH, 'application/json'],
        // Checked by hand, so that a 400 can name every bad event by index and field.
        body: Type.Union([CloudEvent, Type.Array(CloudEvent, { maxItems: MAX_BATCH_EVENTS })]),
        response: { 202: IngestResponse, ...errorResponses(400, 401, 403, 413, 415, 429, 500) },
      },
      // The union above documents the body; validation is ingest's own (see validateEvents).
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = request.body;
      const isBatch = Array.isArray(body);
      if (type === BATCH && !isBatch) throw badRequest([{ source: 'field', subject: 'body', description: `A ${BATCH} body is a JSON array of events.` }]);
      if (type === SINGLE && isBatch) throw badRequest([{ source: 'field', subject: 'body', description: `A ${SINGLE} body is one event; send arrays as ${BATCH}.` }]);
      const events = isBatch ? (body as unknown[]) : [body];
      if (events.length > MAX_BATCH_EVENTS) {
        throw badRequest([{ source: 'field', subject: 'body', description: `A batch holds at most ${MAX_BATCH_EVENTS} events; this one has ${events.length}.` }]);
      }
      try {
        const result = await ingestEvents(deps, authOf(request).workspaceId, events);
        return reply.status(202).send(result);
      } catch (err) {
        if (!(err instanceof InvalidEventsError)) throw err;
        throw badRequest(
          err.issues.map((i) => ({
            source: 'field' as const,
            subject: isBatch ? `[${i.index}]${i.field ? `.${i.field}` : ''}` : i.field || 'body',
            description: i.description,
          })),
          err.message,
        );
      }
    },
  );
}
