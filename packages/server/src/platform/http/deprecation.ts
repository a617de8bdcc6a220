/** The headers HPE's spec declares on every response of deprecated versions (Subscription Management v1beta1 and v1alpha1). */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEPRECATION = 'Wed, 15 Jan 2025 23:59:59 GMT';
export const SUNSET = 'Tue, 15 Apr 2025 23:59:59 GMT';

/** A route `onSend` hook: runs for every reply of the route, errors included. */
export async function deprecationHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('Deprecation', DEPRECATION).header('Sunset', SUNSET);
  return payload;
}
