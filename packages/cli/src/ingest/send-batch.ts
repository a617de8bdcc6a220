/** One batch to POST /metering/v1/events (cloudevents-batch+json), waiting out 429s and retrying a lost connection. */
import { type ConsumoClient, type paths, unwrap } from '@consumo/sdk';
import { retryConnection, waitOutRateLimit } from '../api-retry.js';
import type { EventBatch } from './event-batches.js';

type EventsBody = paths['/metering/v1/events']['post']['requestBody']['content']['application/json'];
type CloudEvent = Extract<EventsBody, unknown[]>[number];

export const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json';

export type BatchAnswer =
  | { kind: 'accepted'; accepted: number; duplicates: number }
  /** 400: the batch was refused whole; `body` is the GreenLake error listing `[index].field` issues. */
  | { kind: 'refused'; body: unknown };

/** `lines 17-1016`, for messages. */
export const linesOf = (batch: EventBatch) => `lines ${batch.events[0]!.line}-${batch.events.at(-1)!.endLine}`;

/**
 * Sends the batch. Repeating it is harmless (events are idempotent by source, id and time), so a lost
 * connection is retried even when the request may have arrived. Other API errors throw
 * ConsumoApiError; a connection that does not come back throws ConnectionLostError.
 */
export async function sendBatch(client: ConsumoClient, batch: EventBatch): Promise<BatchAnswer> {
  // The server checks every event and names each problem; the CLI only checked that they are JSON objects.
  const body = batch.events.map((e) => e.event as CloudEvent);
  // A line's own text where there is one: the same JSON, without writing 1,000 events again per request.
  const bodySerializer = () => `[${batch.events.map((e) => e.json ?? JSON.stringify(e.event)).join(',')}]`;
  const result = await retryConnection(
    () => waitOutRateLimit(() => client.POST('/metering/v1/events', { body, bodySerializer, headers: { 'content-type': BATCH_CONTENT_TYPE } })),
    { what: `sending ${linesOf(batch)}` },
  );
  if (result.response.status === 400) return { kind: 'refused', body: result.error };
  const { accepted, duplicates } = unwrap(result);
  return { kind: 'accepted', accepted, duplicates };
}
