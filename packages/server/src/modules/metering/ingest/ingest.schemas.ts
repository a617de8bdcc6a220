/** Usage ingest's request and response shapes: the CloudEvents media types, the event and the batch limits. */
import { Type } from '@sinclair/typebox';

export const SINGLE = 'application/cloudevents+json';
export const BATCH = 'application/cloudevents-batch+json';
export const MAX_BATCH_EVENTS = 10_000;
/** 10,000 events with room for their data; larger than the platform's default body limit on purpose. */
export const INGEST_BODY_LIMIT = 64 * 1024 * 1024;

export const CloudEvent = Type.Object(
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

/** One event or a batch; documents the body only, ingest checks it itself (see ingest.service.ts). */
export const IngestBody = Type.Union([CloudEvent, Type.Array(CloudEvent, { maxItems: MAX_BATCH_EVENTS })]);

export const IngestResponse = Type.Object({
  accepted: Type.Integer({ description: 'Events stored by this request.' }),
  duplicates: Type.Integer({ description: 'Events whose (source, id, time) was stored before, or repeated in the batch.' }),
});
